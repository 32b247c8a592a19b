import EvalKitData
import Foundation

/// A planned tracking evaluation: reads each sequence's two sides, evaluates it (one sequence at
/// a time per thread, so memory holds one sequence per thread plus the states) and files its
/// records in the slice cells.
final class TrackingEvaluation: EvaluationTask, @unchecked Sendable {
    let plan: TrackingPlan

    init(plan: TrackingPlan) {
        self.plan = plan
    }

    var catalog: MetricCatalog { TrackingTask.catalog }

    var availableMetrics: [String] {
        var names = TrackingMetrics.keys
        if plan.options.isMultiClass { names += TrackingMetrics.classAveragedKeys.map { $0 + "_cls_av" } }
        for key in TrackingMetrics.alphaKeys {
            for k in TrackingParameters.alphas.indices { names.append("\(key)@alpha=\(TrackingMetrics.alphaLabel(k))") }
        }
        return names
    }

    func makeState() -> TrackingState { TrackingState() }

    func canonicalize(_ state: inout TrackingState) { state.canonicalize() }

    func itemCount(_ state: TrackingState) -> Int { state.sequenceNames.count }

    var replicatesMergedCells: Bool { true }

    func countReplicate(_ cells: [TrackingState], using generator: inout Xoshiro256StarStar) -> [TrackingState]? {
        var names = Set<String>()
        for cell in cells { names.formUnion(cell.sequenceNames) }
        let total = Int64(names.count)
        var draws = SequentialMultinomial(n: total, total: total)
        var weights: [String: Int64] = [:]
        for name in names.sorted() { weights[name] = draws.draw(count: 1, using: &generator) }
        return cells.map { $0.reweighted(weights) }
    }

    // MARK: - Reading

    /// What one sequence's evaluation gives, with the counts the notes report.
    struct SequenceResult: Sendable {
        var outcomes: [SequenceOutcome] = []
        /// Values of the box attributes of each part index.
        var partValues: [[String]] = []
        var truthBytes: [UInt8] = []
        var trackerBytes: [UInt8] = []
        var truthRows = 0, trackerRows = 0
        var zeroSizeTruth = 0, zeroSizeTracker = 0
        var zeroMarked = 0, otherClassTruth = 0, distractorRemoved = 0
        var unlistedTruth = 0, unlistedTracker = 0
        var evaluated = false
    }

    func accumulate(into cells: inout SliceCells<TrackingState>) throws -> InputsRead {
        let threads = cells.threads
        let progress = cells.progress
        let (sequences, sequencesSHA) = try TrackingFiles.readSequences(plan.sequencesFile, columns: plan.sequenceColumns,
                                                                        attributes: plan.sequenceAttributes)
        let lengths = Dictionary(sequences.map { ($0.name, $0.length) }, uniquingKeysWith: { a, _ in a })
        let known = Set(lengths.keys)
        let spec = plan.spec
        var notes: [InputNote] = []
        let whole = cells.shard?.reportsWholeInputs ?? true

        // Tables are read whole (rows grouped by sequence); MOTChallenge files one sequence at a time.
        var truthTable: [String: TrackRows]?
        var trackerTable: [String: TrackRows]?
        var truthSHA: String?, trackerSHA: String?
        var truthTotal = 0, trackerTotal = 0
        func readTable(_ path: String, _ display: String, _ format: TableFormat, _ csv: CSVOptions, attributes: [String], isTruth: Bool)
            throws -> (rows: [String: TrackRows], sha: String, count: Int) {
            let read = try TrackingFiles.readTable(path: path, display: display, format: format, csv: csv,
                                                   columns: .init(sequence: plan.sequenceColumns.name, attributes: attributes),
                                                   lengths: lengths, progress: progress)
            if let (name, info) = read.unknown.min(by: { $0.value.line < $1.value.line }) {
                if isTruth || spec.extra != .ignore {
                    throw InputError(file: display, line: info.line, field: plan.sequenceColumns.name,
                                     message: "sequence \(quoted(name)) is not in the sequences table (\(plan.sequencesFile.displayPath))"
                                         + (isTruth ? "" : ": a sequence in the tracker output but not in the ground truth"),
                                     hint: isTruth ? "list every sequence in the sequences table" : "set \"extra\": \"ignore\" to leave such rows out (counted)")
                }
                let rows = read.unknown.values.reduce(0) { $0 + $1.rows }
                if whole { notes.append(InputNote(counting: rows, "# tracker row(s) of sequences absent from the ground truth were left out (extra: ignore)")) }
            }
            return (read.rows, read.sha256, read.count)
        }
        if plan.truthFormat != .mot {
            let t = try readTable(plan.truth.resolvedPath, plan.truth.displayPath, plan.truthFormat, plan.truth.csv,
                                  attributes: plan.columnAttributes, isTruth: true)
            (truthTable, truthSHA, truthTotal) = (t.rows, t.sha, t.count)
            try plan.truth.checkDigest(t.sha, displayPath: plan.truth.displayPath)
        }
        if plan.predictionFormat != .mot {
            let t = try readTable(spec.predictions.resolvedPath, spec.predictions.displayPath, plan.predictionFormat, spec.predictions.csv,
                                  attributes: [], isTruth: false)
            (trackerTable, trackerSHA, trackerTotal) = (t.rows, t.sha, t.count)
        } else {
            let unknown = TrackingFiles.unknownSequenceFiles(spec.predictions.resolvedPath, known: known)
            if let first = unknown.first {
                if spec.extra != .ignore {
                    throw InputError(file: (spec.predictions.displayPath as NSString).appendingPathComponent(first),
                                     message: "sequence \(quoted(String(first.dropLast(4)))) is in the tracker output but not in the ground truth "
                                         + "(the sequences table \(plan.sequencesFile.displayPath))",
                                     hint: "set \"extra\": \"ignore\" to leave such files out (counted)")
                }
                if whole { notes.append(InputNote(counting: unknown.count, "# tracker file(s) of sequences absent from the ground truth were left out (extra: ignore)")) }
            }
        }

        // Each sequence: read (MOTChallenge), check, preprocess, evaluate. Chunks of a few
        // sequences run on the threads; digests are taken in table order after each chunk.
        // The digests are taken in table order on a queue of their own, beside the next chunk's
        // evaluation (on the calling thread with one thread).
        let digests = Digests()
        let digestQueue = threads.isParallel ? DispatchQueue(label: "evalkit.tracking.digests") : nil
        var results: [SequenceResult] = []
        let chunk = max(1, threads.count * 2)
        var start = 0
        while start < sequences.count {
            let part = Array(sequences[start..<min(sequences.count, start + chunk)])
            let done = try threads.map(part.count) { k throws -> SequenceResult in
                try self.evaluate(part[k], truthTable: truthTable, trackerTable: trackerTable, shard: cells.shard)
            }
            for var result in done {
                let (truthBytes, trackerBytes) = (result.truthBytes, result.trackerBytes)
                if let digestQueue { digestQueue.async { digests.update(truthBytes, trackerBytes) } } else { digests.update(truthBytes, trackerBytes) }
                result.truthBytes = []
                result.trackerBytes = []
                results.append(result)
            }
            start += part.count
            progress.report("sequences", done: Int64(start), total: Int64(sequences.count), unit: .sequences)
        }
        digestQueue?.sync {}
        if plan.truthFormat == .mot {
            let sha = digests.truth.hex()
            try plan.truth.checkDigest(sha, displayPath: plan.truth.displayPath)
            truthSHA = sha
            truthTotal = results.reduce(0) { $0 + $1.truthRows }
        }
        if plan.predictionFormat == .mot {
            trackerSHA = digests.tracker.hex()
            trackerTotal = results.reduce(0) { $0 + $1.trackerRows }
        }
        try spec.dataset.files.first {
            $0.role == "predictions" && canonicalPath($0.resolvedPath) == canonicalPath(spec.predictions.resolvedPath)
        }?.checkDigest(trackerSHA!, displayPath: spec.predictions.displayPath)

        // Slice cells.
        var inputs = InputsRead()
        var cellOf: [[String]: Int] = [:]
        func cell(_ values: [String]) -> Int {
            if let known = cellOf[values] { return known }
            cellOf[values] = inputs.cellKeys.count
            inputs.cellKeys.append(values)
            return inputs.cellKeys.count - 1
        }
        inputs.cellKeys = []
        let attributes = cells.attributes
        var filed: [(Int, TrackingState)] = []
        var sequencesMissing = 0
        for (s, info) in sequences.enumerated() where results[s].evaluated {
            if info.attributes.contains(where: { $0 == nil }) { sequencesMissing += 1 }
            func key(className: String, part: [String]?) -> [String] {
                attributes.map { name in
                    if let a = plan.sequenceAttributes.firstIndex(of: name) { return info.attributes[a] ?? AttributeCells.missingValue }
                    if name == "class" { return className }
                    if let b = plan.boxAttributes.firstIndex(of: name) { return part?[b] ?? AttributeCells.notApplicable }
                    return AttributeCells.notApplicable
                }
            }
            let result = results[s]
            for outcome in result.outcomes {
                var state = TrackingState()
                state.sequences = [outcome.statistics]
                if plan.boxAttributes.isEmpty {
                    state.tracks = outcome.tracks
                    state.events = outcome.events
                    filed.append((cell(key(className: outcome.statistics.className, part: nil)), state))
                } else {
                    filed.append((cell(key(className: outcome.statistics.className, part: nil)), state))
                    var byPart: [Int32: TrackingState] = [:]
                    for track in outcome.tracks { byPart[track.part, default: TrackingState()].tracks.append(track) }
                    for event in outcome.events { byPart[event.part, default: TrackingState()].events.append(event) }
                    for p in byPart.keys.sorted() {
                        filed.append((cell(key(className: outcome.statistics.className, part: result.partValues[Int(p)])), byPart[p]!))
                    }
                }
            }
        }
        if inputs.cellKeys.isEmpty { inputs.cellKeys = [attributes.map { _ in AttributeCells.notApplicable }] }
        cells.keys = inputs.cellKeys
        cells.ensure(max(inputs.cellKeys.count - 1, 0))
        for (c, state) in filed { cells.states[c].merge(state) }

        inputs.files = [
            .init(role: "ground_truth", path: plan.truth.displayPath, sha256: truthSHA ?? "", rows: truthTotal),
            .init(role: "predictions", path: spec.predictions.displayPath, sha256: trackerSHA ?? "", rows: trackerTotal),
            .init(role: "metadata", path: plan.sequencesFile.displayPath, sha256: sequencesSHA, rows: sequences.count),
        ]
        let evaluated = results.filter(\.evaluated)
        inputs.items = evaluated.count
        inputs.matched = evaluated.reduce(0) { $0 + $1.outcomes.reduce(0) { $0 + $1.statistics.clearTP } }
        notes += readingNotes(evaluated, sequences: sequences.count, missingAttributes: sequencesMissing)
        inputs.notes = notes
        return inputs
    }

    /// The two sides' running digests, fed in table order from one queue.
    final class Digests: @unchecked Sendable {
        var truth = StreamingSHA256(), tracker = StreamingSHA256()
        func update(_ truthBytes: [UInt8], _ trackerBytes: [UInt8]) {
            truth.update(truthBytes)
            tracker.update(trackerBytes)
        }
    }

    /// Notes on what reading found (counts of the sequences this reading evaluated).
    func readingNotes(_ results: [SequenceResult], sequences: Int, missingAttributes: Int) -> [InputNote] {
        var notes: [InputNote] = []
        let o = plan.options
        let sum = { (f: (SequenceResult) -> Int) in results.reduce(0) { $0 + f($1) } }
        notes.append(InputNote(counting: [results.count, sum(\.truthRows), sum(\.trackerRows)],
            "# sequence(s), # ground-truth row(s), # tracker row(s); matching at IoU ≥ \(shortNumber(o.parameters.threshold)) "
            + "(CLEAR, Identity) and HOTA at alpha 0.05 … 0.95, "
            + (o.parameters.conventions == .trackeval ? "TrackEval's rules" : "py-motmetrics' rules for CLEAR and Identity")
            + (o.preprocessing == .none ? "" : ", \(o.preprocessing.rawValue.uppercased()) preprocessing")
            + (o.isMultiClass ? ", per class (overall: TrackEval's detection-averaged combination; _cls_av keys: class-averaged)" : "")))
        let counts: [(Int, String)] = [
            (sum(\.zeroSizeTruth), "# ground-truth box(es) have zero width or height: kept, they overlap nothing"),
            (sum(\.zeroSizeTracker), "# tracker box(es) have zero width or height: kept, they match nothing"),
            (sum(\.zeroMarked), "# ground-truth row(s) marked 0 (ignore) were left out (\(o.preprocessing.rawValue.uppercased()) preprocessing)"),
            (sum(\.otherClassTruth), "# ground-truth row(s) of classes other than pedestrian were left out (\(o.preprocessing.rawValue.uppercased()) preprocessing)"),
            (sum(\.distractorRemoved), "# tracker box(es) matched to a distractor's box were removed (\(o.preprocessing.rawValue.uppercased()) preprocessing)"),
            (sum(\.unlistedTruth), "# ground-truth row(s) of classes not in options.classes were left out"),
            (sum(\.unlistedTracker), "# tracker row(s) of classes not in options.classes were left out"),
            (missingAttributes, "# sequence(s) lack a value of a slicing attribute; they count as \(quoted(AttributeCells.missingValue))"),
        ]
        for (count, text) in counts where count > 0 { notes.append(InputNote(counting: count, text)) }
        if !plan.boxAttributes.isEmpty {
            notes.append(InputNote("slices by a box attribute (\(plan.boxAttributes.joined(separator: ", "))) hold ground-truth boxes, not sequences: "
                + "only their recall side is defined (recall, idr, tp, fn, idtp, idfn, id_switches, fragmentations, MT/PT/ML of the track parts)"))
        }
        return notes
    }

    /// Reads and evaluates one sequence (its bytes are returned for the digest).
    func evaluate(_ info: SequenceInfo, truthTable: [String: TrackRows]?, trackerTable: [String: TrackRows]?, shard: ShardSpec?)
        throws -> SequenceResult {
        var result = SequenceResult()
        let spec = plan.spec
        var truth = TrackRows(), tracker = TrackRows()
        let inShard = shard?.contains(key: info.name) ?? true
        if let truthTable {
            truth = truthTable[info.name] ?? TrackRows(attributes: plan.columnAttributes.map { _ in [] }, file: plan.truth.displayPath)
        } else {
            guard let file = TrackingFiles.motPath(plan.truth.resolvedPath, display: plan.truth.displayPath, sequence: info.name, groundTruth: true) else {
                throw InputError(file: plan.truth.displayPath,
                                 message: "no ground-truth file for sequence \(quoted(info.name)) (looked for \(info.name).txt and \(info.name)/gt/gt.txt)",
                                 hint: "every sequence of the sequences table needs its ground truth (an empty file for none)")
            }
            result.truthBytes = try readSmallFile(path: file.path, display: file.display)
            if inShard { truth = try TrackingFiles.parseMOT(result.truthBytes, display: file.display, length: info.length, isTruth: true) }
            result.truthRows = inShard ? truth.count : TrackingFiles.rowCount(result.truthBytes)
        }
        if let trackerTable {
            tracker = trackerTable[info.name] ?? TrackRows(file: spec.predictions.displayPath)
        } else {
            let file = TrackingFiles.motPath(spec.predictions.resolvedPath, display: spec.predictions.displayPath, sequence: info.name, groundTruth: false)!
            guard FileManager.default.fileExists(atPath: file.path) else {
                throw InputError(file: file.display, message: "no tracker output for sequence \(quoted(info.name))",
                                 hint: "a tracker that found nothing in a sequence writes an empty file")
            }
            result.trackerBytes = try readSmallFile(path: file.path, display: file.display)
            if inShard { tracker = try TrackingFiles.parseMOT(result.trackerBytes, display: file.display, length: info.length, isTruth: false) }
            result.trackerRows = inShard ? tracker.count : TrackingFiles.rowCount(result.trackerBytes)
        }
        guard inShard else { return result }
        if truthTable != nil { result.truthRows = truth.count }
        if trackerTable != nil { result.trackerRows = tracker.count }
        try TrackingFiles.checkUniqueIds(truth)
        try TrackingFiles.checkUniqueIds(tracker)
        result.evaluated = true
        result.zeroSizeTruth = (0..<truth.count).reduce(0) { $0 + (truth.box[$1 * 4 + 2] == 0 || truth.box[$1 * 4 + 3] == 0 ? 1 : 0) }
        result.zeroSizeTracker = (0..<tracker.count).reduce(0) { $0 + (tracker.box[$1 * 4 + 2] == 0 || tracker.box[$1 * 4 + 3] == 0 ? 1 : 0) }

        var evaluator = SequenceEvaluator(parameters: plan.options.parameters)
        var keepTruth = [Bool](repeating: true, count: truth.count)
        var keepTracker = [Bool](repeating: true, count: tracker.count)
        let preprocessing = plan.options.preprocessing
        if preprocessing == .mot15 {
            for r in 0..<truth.count where truth.confidence[r] == 0 {
                keepTruth[r] = false
                result.zeroMarked += 1
            }
        }
        if preprocessing == .mot17 || preprocessing == .mot20 {
            for r in 0..<tracker.count where !tracker.classText[r].isEmpty && (Int(tracker.classText[r]) ?? 2) > 1 {
                throw InputError(file: tracker.file, line: Int(tracker.line[r]), field: "class",
                                 message: "\(preprocessing.rawValue.uppercased()) evaluation is for pedestrians only: a tracker box of class \(tracker.classText[r])",
                                 hint: "write -1 or 1 in the class column, or evaluate without preprocessing")
            }
            var distractor = [Bool](repeating: false, count: truth.count)
            let distractors = preprocessing.distractorClasses
            for r in 0..<truth.count {
                guard let c = Int32(truth.classText[r]), (1...13).contains(c) else {
                    throw InputError(file: truth.file, line: Int(truth.line[r]), field: "class", expected: "a MOTChallenge class id from 1 to 13",
                                     found: truth.classText[r].isEmpty ? "none" : quoted(truth.classText[r]))
                }
                distractor[r] = distractors.contains(c)
            }
            let raw = boxes(info, truth, Array(0..<truth.count), tracker, Array(0..<tracker.count), parts: nil)
            let truthOrder = Self.frameOrder(truth.frame, frames: info.length)
            let trackerOrder = Self.frameOrder(tracker.frame, frames: info.length)
            let removed = evaluator.distractorMatches(raw.boxes, distractor: truthOrder.map { distractor[$0] })
            for (k, r) in trackerOrder.enumerated() where removed[k] {
                keepTracker[r] = false
                result.distractorRemoved += 1
            }
            for r in 0..<truth.count where keepTruth[r] {
                if truth.confidence[r] == 0 { keepTruth[r] = false; result.zeroMarked += 1 } else if truth.classText[r] != "1" {
                    keepTruth[r] = false
                    result.otherClassTruth += 1
                }
            }
        }
        // Classes: each evaluated apart; rows of unlisted classes are left out.
        var classRows: [(name: String, truth: [Int], tracker: [Int])] = []
        if let classes = plan.options.classes {
            let index = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1.id, $0) })
            var t = classes.map { _ in [Int]() }, d = t
            for r in 0..<truth.count where keepTruth[r] {
                if let c = index[truth.classText[r]] { t[c].append(r) } else { result.unlistedTruth += 1 }
            }
            for r in 0..<tracker.count where keepTracker[r] {
                if let c = index[tracker.classText[r]] { d[c].append(r) } else { result.unlistedTracker += 1 }
            }
            classRows = classes.indices.map { (classes[$0].name, t[$0], d[$0]) }
        } else {
            classRows = [(plan.options.classNames[0], (0..<truth.count).filter { keepTruth[$0] }, (0..<tracker.count).filter { keepTracker[$0] })]
        }
        // Box attributes: each ground-truth row's values, interned per sequence.
        var parts: [Int32]?
        if plan.boxAttributes.contains("visibility_band"), let r = truth.visibility.firstIndex(where: { !$0.isFinite }) {
            throw InputError(file: truth.file, line: Int(truth.line[r]), field: "visibility",
                             expected: "a visibility (a number; the 9th MOTChallenge field) for slices by visibility_band", found: "none or not a number")
        }
        if !plan.boxAttributes.isEmpty {
            var partIndex: [[String]: Int32] = [:]
            parts = (0..<truth.count).map { r in
                let values = plan.boxAttributes.map { name -> String in
                    switch name {
                    case "visibility_band": return TrackingOptions.band(truth.visibility[r], edges: plan.options.visibilityBands)
                    case "size_band":
                        return TrackingOptions.band((max(truth.box[r * 4 + 2], 0) * max(truth.box[r * 4 + 3], 0)).squareRoot(), edges: plan.options.sizeBands)
                    default:
                        let a = plan.columnAttributes.firstIndex(of: name)!
                        return truth.attributes[a][r] ?? AttributeCells.missingValue
                    }
                }
                if let known = partIndex[values] { return known }
                let p = Int32(result.partValues.count)
                partIndex[values] = p
                result.partValues.append(values)
                return p
            }
        }
        for (name, t, d) in classRows {
            let built = boxes(info, truth, t, tracker, d, parts: parts)
            result.outcomes.append(evaluator.evaluate(built.boxes, sequence: info.name, className: name))
        }
        return result
    }

    /// The rows `truthRows` and `trackerRows` of one sequence in TrackEval's frame layout.
    func boxes(_ info: SequenceInfo, _ truth: TrackRows, _ truthRows: [Int], _ tracker: TrackRows, _ trackerRows: [Int], parts: [Int32]?)
        -> (boxes: SequenceBoxes, Void) {
        func pick(_ rows: TrackRows, _ which: [Int]) -> (frame: [Int32], id: [Int64], box: [Double]) {
            var box = [Double]()
            box.reserveCapacity(which.count * 4)
            for r in which { box.append(contentsOf: rows.box[(r * 4)..<(r * 4 + 4)]) }
            return (which.map { rows.frame[$0] }, which.map { rows.id[$0] }, box)
        }
        let g = pick(truth, truthRows), d = pick(tracker, trackerRows)
        let boxes = SequenceBoxes.build(frames: info.length, gtFrame: g.frame, gtOriginal: g.id, gtBox: g.box, gtPart: parts.map { p in truthRows.map { p[$0] } },
                                        trackerFrame: d.frame, trackerOriginal: d.id, trackerBox: d.box)
        return (boxes, ())
    }

    /// Row indices in frame order, file order within a frame (the layout `SequenceBoxes.build` makes).
    static func frameOrder(_ frame: [Int32], frames: Int) -> [Int] {
        var start = [Int](repeating: 0, count: frames + 1)
        for f in frame { start[Int(f) + 1] += 1 }
        for t in 0..<frames { start[t + 1] += start[t] }
        var order = [Int](repeating: 0, count: frame.count)
        for (r, f) in frame.enumerated() {
            order[start[Int(f)]] = r
            start[Int(f)] += 1
        }
        return order
    }
}
