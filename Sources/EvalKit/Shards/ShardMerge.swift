import EvalKitData

extension Engine {
    /// Merges the state files of every shard of a run into the result the unsharded run gives
    /// (apart from provenance and timings): the scheme is planned again (from `schemePath`, or
    /// the path the shards recorded; its sha256 must be the shards'), each evaluation's states
    /// merge by name, and slices, disparities, intervals and gates are computed as `run` does.
    /// Every fault is an `InputError` naming the state file.
    public static func merge(_ files: [StateFile], schemePath: String? = nil, baseline: Baseline? = nil,
                             allowDifferentData: Bool = false, progress: ProgressReporter = .off,
                             threads: Threads = .one) throws -> RunResult {
        try checkShards(files)
        let first = files[0]
        if let stdin = first.predictions.first(where: { $0 == "-" || $0.hasSuffix("=-") }) {
            throw InputError(file: first.path, message: "the shards read predictions from standard input (--predictions \(stdin)), "
                             + "which the merge cannot open to plan the scheme",
                             hint: "run the shards with --predictions FILE")
        }
        // Run where the shards ran (the usual case: a shared working directory), the merge plans
        // with their paths as given, so results.json names files as the single run does;
        // elsewhere, with the absolute paths they recorded.
        let sameDirectory = schemePath == nil && canonicalPath(first.schemeDisplayPath) == first.schemePath
            && first.resolvedPredictions == first.predictions.map(absolutePredictionsArgument)
        let planned = try plan(schemePath: schemePath ?? (sameDirectory ? first.schemeDisplayPath : first.schemePath),
                               predictions: sameDirectory ? first.predictions : first.resolvedPredictions)
        guard planned.scheme.sha256 == first.schemeSHA256 else {
            throw InputError(file: planned.scheme.path, message: "the scheme changed since the shards ran "
                             + "(sha256 \(first.schemeSHA256.prefix(12)) in \(first.path), \(planned.scheme.sha256.prefix(12)) now)",
                             hint: "merge with the scheme the shards ran, or run the shards again")
        }
        let byName = Dictionary(first.evaluations.enumerated().map { ($0.element.name, $0.offset) }, uniquingKeysWith: { a, _ in a })
        for (spec, _) in planned.evaluations {
            guard let index = byName[spec.name], first.evaluations[index].task == spec.task,
                  first.evaluations[index].setupSHA256 == spec.setupSHA256 else {
                throw InputError(file: first.path, message: "the states do not match the scheme's evaluation \(quoted(spec.name)) "
                                 + "(its task, options, policies or slices differ)", hint: "merge with the scheme the shards ran")
            }
            if spec.gates.contains(where: { $0.comparesWithBaseline && $0.requireSignificant }) {
                throw InputError(file: first.path, message: "evaluation \(quoted(spec.name)) has a change gate with \"require\": \"significant\", "
                                 + "whose paired test needs every item's outcome, which shard states do not carry",
                                 hint: "run that scheme unsharded, or gate on the observed change")
            }
        }
        return try run(planned, baseline: baseline, allowDifferentData: allowDifferentData) { spec, task in
            let index = byName[spec.name]!
            return try mergeEvaluation(task, spec: spec, payloads: files.map { ($0.path, $0.evaluations[index].payload) },
                                       progress: progress, threads: threads)
        }
    }

    /// Every shard once, all of one run: same format, scheme, shard count, evaluations and data.
    public static func checkShards(_ files: [StateFile]) throws {
        guard let first = files.first else {
            throw InputError(file: "command line", message: "no state file given", hint: "evalkit merge STATE...")
        }
        var byIndex: [Int: String] = [:]
        for file in files {
            if file.shard.count != first.shard.count {
                throw InputError(file: file.path, message: "shard \(file.shard) of a run of \(file.shard.count) shards, "
                                 + "but \(first.path) is shard \(first.shard) of \(first.shard.count)",
                                 hint: "merge the states of one sharded run")
            }
            if file.schemeSHA256 != first.schemeSHA256 {
                throw InputError(file: file.path, message: "ran another scheme (sha256 \(file.schemeSHA256.prefix(12))) than \(first.path) "
                                 + "(\(first.schemeSHA256.prefix(12)))", hint: "merge the states of one sharded run")
            }
            if file.predictions != first.predictions {
                throw InputError(file: file.path, message: "ran with other --predictions than \(first.path)",
                                 hint: "run every shard with the same arguments")
            }
            if let other = byIndex[file.shard.index] {
                throw InputError(file: file.path, message: "shard \(file.shard) is given twice (also \(other))",
                                 hint: "give each shard's state once")
            }
            byIndex[file.shard.index] = file.path
            guard file.evaluations.map(\.name) == first.evaluations.map(\.name) else {
                throw InputError(file: file.path, message: "holds other evaluations than \(first.path)")
            }
            for (mine, theirs) in zip(file.evaluations, first.evaluations) {
                if mine.task != theirs.task {
                    throw InputError(file: file.path, message: "evaluation \(quoted(mine.name)) is of kind \(quoted(mine.task)) here "
                                     + "and \(quoted(theirs.task)) in \(first.path): states of different kinds cannot merge")
                }
                if mine.setupSHA256 != theirs.setupSHA256 {
                    throw InputError(file: file.path, message: "evaluation \(quoted(mine.name)) ran with other options, policies or slices "
                                     + "than in \(first.path) (setup sha256 \(mine.setupSHA256.prefix(12)) vs \(theirs.setupSHA256.prefix(12)))")
                }
                for (a, b) in zip(mine.files, theirs.files) where a.role != b.role || a.sha256 != b.sha256 || a.rows != b.rows {
                    throw InputError(file: file.path, message: "evaluation \(quoted(mine.name)) read other data: its \(a.role) \(a.path) "
                                     + "has sha256 \(a.sha256.prefix(12)), in \(first.path) \(b.path) has \(b.sha256.prefix(12))",
                                     hint: "every shard must read the same files")
                }
                if mine.files.count != theirs.files.count {
                    throw InputError(file: file.path, message: "evaluation \(quoted(mine.name)) read other files than in \(first.path)")
                }
            }
        }
        let missing = (0..<first.shard.count).filter { byIndex[$0] == nil }
        if !missing.isEmpty {
            throw InputError(file: "command line", message: "shard" + (missing.count > 1 ? "s " : " ")
                             + missing.prefix(10).map(String.init).joined(separator: ", ") + (missing.count > 10 ? ", …" : "")
                             + " of \(first.shard.count) " + (missing.count > 1 ? "are" : "is") + " missing",
                             hint: "give the state file of every shard 0 to \(first.shard.count - 1)")
        }
    }

    /// Decodes one evaluation's states from every shard, merges them by name (cells by their
    /// attribute values, in order of first appearance), and computes the evaluation.
    static func mergeEvaluation<T: EvaluationTask>(_ task: T, spec: EvaluationSpec, payloads: [(path: String, bytes: [UInt8])],
                                                   progress: ProgressReporter, threads: Threads) throws -> (EvaluationResult, MetricValues) {
        var names: [StateNames] = []
        var readings: [InputsRead] = []
        var states: [[T.State]] = []
        for (path, bytes) in payloads {
            do {
                var reader = StateReader(bytes)
                names.append(try reader.read())
                let inputs = try reader.read(InputsRead.self)
                let cells = try reader.readArray(T.State.self)
                try reader.require(reader.isAtEnd, "\(reader.remaining) unexpected bytes after the states")
                try reader.require(cells.count >= inputs.cellKeys.count, "\(cells.count) states for \(inputs.cellKeys.count) slice cells")
                readings.append(inputs)
                states.append(cells)
            } catch let error as StateDecodingError {
                throw InputError(file: path, message: "evaluation \(quoted(spec.name)): the states cannot be read: \(error)",
                                 hint: "the file is corrupt, or was not written by `evalkit run --state-out`")
            }
        }
        let unified: StateNames
        do {
            unified = try task.unify(names)
        } catch let error as IncompatibleStates {
            throw InputError(file: payloads[0].path, message: "evaluation \(quoted(spec.name)): the states cannot merge: \(error)")
        }
        var cellOfKey: [[String]: Int] = [:]
        var keys: [[String]] = []
        var merged: [T.State] = []
        for (shard, reading) in readings.enumerated() {
            for (cell, key) in reading.cellKeys.enumerated() {
                let state: T.State
                do {
                    state = try task.remap(states[shard][cell], from: names[shard], to: unified)
                } catch let error as IncompatibleStates {
                    throw InputError(file: payloads[shard].path, message: "evaluation \(quoted(spec.name)): the states cannot merge: \(error)")
                }
                if let index = cellOfKey[key] {
                    merged[index].merge(state)
                } else {
                    cellOfKey[key] = keys.count
                    keys.append(key)
                    merged.append(state)
                }
            }
        }
        task.adopt(unified)
        var cells = SliceCells<T.State>(attributes: spec.slicing.attributes, makeState: task.makeState)
        cells.progress = progress
        for i in merged.indices { task.canonicalize(&merged[i]) }
        cells.states = merged.isEmpty ? [task.makeState()] : merged
        cells.keys = keys.isEmpty ? [[]] : keys
        var inputs = InputsRead.merged(readings)
        inputs.cellKeys = cells.keys
        return try finish(task, spec: spec, cells: cells, inputs: inputs, progress: progress, threads: threads)
    }
}
