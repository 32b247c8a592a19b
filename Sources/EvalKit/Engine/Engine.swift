import EvalKitData

/// A scheme whose every evaluation has been planned: options checked, columns found.
public struct PlannedScheme {
    public var scheme: Scheme
    public var evaluations: [(spec: EvaluationSpec, task: any EvaluationTask)]

    /// Every file the run reads: the scheme, the manifests, their data files and the predictions
    /// (no output may overwrite one of them).
    public var inputPaths: [String] {
        var paths = [scheme.path]
        for (spec, _) in evaluations {
            if let manifest = spec.dataset.manifestPath { paths.append(manifest) }
            paths += spec.dataset.files.map(\.resolvedPath)
            paths.append(spec.predictions.resolvedPath)
            paths += spec.predictions.extraPaths.values.map(\.resolved)
        }
        return paths
    }
}

/// Runs schemes: plan (validate everything that can be validated before reading data), then
/// accumulate states, compute metrics, check gates. Writes nothing: reports and files are the
/// caller's, so a failed run leaves nothing half-written.
public enum Engine {
    /// Loads and plans a scheme; every fault found is reported together. `predictions` are
    /// `--predictions` arguments (`PredictionsOverride`). Planning opens the data files to check
    /// their headers and keeps them open for the run, so each is opened and read once.
    public static func plan(schemePath: String, predictions: [String] = []) throws -> PlannedScheme {
        var scheme = try SchemeLoader.load(path: schemePath)
        try PredictionsOverride.apply(predictions, to: &scheme)
        try ReadOncePaths.check(scheme)
        var planned: [(EvaluationSpec, any EvaluationTask)] = []
        var errors: [InputError] = []
        for var spec in scheme.evaluations {
            do {
                let kind = TaskRegistry.kind(named: spec.task)!
                let task = try kind.plan(spec)
                // Another spelling of a parameterised key (`fnir@fpir=0.010`) names the same metric.
                if let names = spec.metrics { spec.metrics = names.map { task.canonicalMetricName($0) ?? $0 } }
                if let names = spec.robustness?.metrics { spec.robustness!.metrics = names.map { task.canonicalMetricName($0) ?? $0 } }
                for g in spec.gates.indices { spec.gates[g].metric = task.canonicalMetricName(spec.gates[g].metric) ?? spec.gates[g].metric }
                errors += checkMetricNames(spec, available: task.availableMetrics)
                errors += checkPairedTests(spec, task: task)
                planned.append((spec, task))
            } catch let error as InputError {
                errors.append(error)
            } catch let many as InputErrors {
                errors += many.errors
            }
        }
        if errors.count == 1 { throw errors[0] }
        if !errors.isEmpty { throw InputErrors(errors) }
        return PlannedScheme(scheme: scheme, evaluations: planned)
    }

    /// Reads every input of every evaluation through the same readers, checks and join as `run`,
    /// without computing metrics: each data error `run` would report, this reports.
    public static func check(_ planned: PlannedScheme, threads: Threads = .one) throws -> [InputsRead] {
        var inputs: [InputsRead] = []
        for (spec, task) in planned.evaluations { inputs.append(try read(task, spec: spec, threads: threads)) }
        return inputs
    }

    private static func read<T: EvaluationTask>(_ task: T, spec: EvaluationSpec, threads: Threads) throws -> InputsRead {
        try accumulate(task, spec: spec, recordOutcomes: false, progress: .off, threads: threads).inputs
    }

    /// Reads an evaluation's inputs into one state per slice cell (the part `run`, `check` and
    /// a shard share), checking the manifest's row counts; each cell's records are put in
    /// canonical order (`EvaluationTask.canonicalize`). With `recordOutcomes`, a kind that offers
    /// paired tests (`PairedTesting`) also returns every item's outcome.
    static func accumulate<T: EvaluationTask>(_ task: T, spec: EvaluationSpec, recordOutcomes: Bool,
                                              progress: ProgressReporter, threads: Threads, shard: ShardSpec? = nil)
        throws -> (cells: SliceCells<T.State>, inputs: InputsRead, outcomes: ItemOutcomes?)
    {
        var cells = SliceCells<T.State>(attributes: spec.slicing.attributes, makeState: task.makeState)
        cells.progress = progress
        cells.threads = threads
        cells.shard = shard
        let inputs: InputsRead
        var outcomes: ItemOutcomes?
        if recordOutcomes, let recorder = task as? any PairedTesting<T.State> {
            (inputs, outcomes) = try recorder.accumulateRecordingOutcomes(into: &cells)
        } else {
            inputs = try task.accumulate(into: &cells)
        }
        try checkRowCounts(inputs, manifest: spec.dataset)
        for i in cells.states.indices { task.canonicalize(&cells.states[i]) }
        return (cells, inputs, outcomes)
    }

    /// A manifest's `rows` of a table (CSV, JSONL) must be the data rows read (header excluded).
    static func checkRowCounts(_ inputs: InputsRead, manifest: DatasetManifest) throws {
        for file in manifest.files {
            guard let expected = file.rows, file.format == .csv || file.format == .jsonl,
                  let read = inputs.files.first(where: { $0.path == file.displayPath && $0.role == file.role }),
                  read.rows != expected else { continue }
            throw InputError(file: file.displayPath, field: "rows", expected: "\(expected) data rows (the manifest's \"rows\")",
                             found: "\(read.rows)", message: "the file has a different number of rows than its dataset manifest says",
                             hint: "update \"rows\" in \(manifest.manifestPath ?? "the manifest") if the change is intended")
        }
    }

    /// A change gate that requires significance needs a kind with paired tests (`PairedTesting`).
    static func checkPairedTests(_ spec: EvaluationSpec, task: any EvaluationTask) -> [InputError] {
        guard !(task is any PairedTesting) else { return [] }
        var reader = NodeReader(file: spec.schemeFile)
        let kind = spec.dataset.isMultilabel && spec.task == "classification" ? "multilabel classification" : spec.task
        for gate in spec.gates where gate.comparesWithBaseline && gate.requireSignificant {
            reader.fail(gate.node["require"] ?? gate.node, "a \(kind) evaluation has no paired test for \"require\": \"significant\"",
                        hint: "remove \"require\" to gate on the observed change")
        }
        return reader.errors
    }

    /// Metric names in `metrics`, in `robustness.metrics` and in gates must be ones the task reports.
    static func checkMetricNames(_ spec: EvaluationSpec, available: [String]) -> [InputError] {
        var reader = NodeReader(file: spec.schemeFile)
        if let names = spec.metrics, let node = spec.metricsNode, let items = node.arrayItems {
            for (name, item) in zip(names, items) where !available.contains(name) {
                reader.fail(item, "unknown metric \(quoted(name)) for this \(spec.task) evaluation",
                            hint: didYouMean(name, available) ?? "available: \(available.joined(separator: ", "))")
            }
        }
        if let names = spec.robustness?.metrics, let items = spec.robustness?.metricsNode?.arrayItems {
            for (name, item) in zip(names, items) where !available.contains(name) {
                reader.fail(item, "unknown metric \(quoted(name)) in robustness for this \(spec.task) evaluation",
                            hint: didYouMean(name, available) ?? "available: \(available.joined(separator: ", "))")
            }
        }
        for gate in spec.gates where !available.contains(gate.metric) {
            if case .across = gate.scope, DisparityBuilder.fairnessMeasures.contains(gate.metric) { continue }
            let node = gate.node["metric"] ?? gate.node
            reader.fail(node, "gate on unknown metric \(quoted(gate.metric)) for this \(spec.task) evaluation",
                        hint: didYouMean(gate.metric, available) ?? "available: \(available.joined(separator: ", "))")
        }
        return reader.errors
    }

    /// Runs every evaluation and checks every gate; change gates compare with `baseline`.
    /// A baseline from another scheme or other ground-truth files is refused unless
    /// `allowDifferentData` (then a note says so). Long stages (reading files, matching,
    /// bootstrap replicates) report to `progress`; reading and resampling use `threads`.
    public static func run(_ planned: PlannedScheme, baseline: Baseline? = nil, allowDifferentData: Bool = false,
                           recordOutcomes: Bool = false, progress: ProgressReporter = .off,
                           threads: Threads = .one) throws -> RunResult {
        try run(planned, baseline: baseline, allowDifferentData: allowDifferentData) { spec, task in
            try evaluate(task, spec: spec, recordOutcomes: recordOutcomes, progress: progress, threads: threads)
        }
    }

    /// Checks every gate of the evaluations that `evaluate` produces (by reading the inputs, or
    /// by merging shards' states), against `baseline` for change gates.
    static func run(_ planned: PlannedScheme, baseline: Baseline?, allowDifferentData: Bool,
                    evaluate: (EvaluationSpec, any EvaluationTask) throws -> (EvaluationResult, MetricValues)) throws -> RunResult {
        let scheme = planned.scheme
        var differences: [String] = []
        if let baseline, baseline.schemeName != scheme.name {
            differences.append("the baseline ran scheme \(quoted(baseline.schemeName)), this run \(quoted(scheme.name))")
        }
        var evaluations: [EvaluationResult] = []
        var gates: [GateResult] = []
        for (spec, task) in planned.evaluations {
            var (evaluation, allMetrics) = try evaluate(spec, task)
            var baselineEvaluation: Baseline.Evaluation?
            if let baseline, spec.gates.contains(where: { $0.comparesWithBaseline }) {
                guard let found = baseline.evaluations[spec.name] else {
                    throw InputError(file: baseline.reference, message: "the baseline has no evaluation \(quoted(spec.name))",
                                     hint: "evaluations in the baseline: " + baseline.evaluations.keys.sorted().joined(separator: ", "))
                }
                // What determines the numbers must match: the evaluation's setup (task, options,
                // policies, slicing) and its ground truth. Gates, metric lists and intervals may
                // change. A baseline without a setup digest is compared by the scheme file.
                if let before = found.setupSHA256, let now = evaluation.setupSHA256 {
                    if before != now {
                        differences.append("evaluation \(quoted(spec.name)): its setup (task, options, missing/extra, slices) "
                            + "differs from the baseline's (setup_sha256 \(before.prefix(12)) → \(now.prefix(12)))")
                    }
                } else if baseline.schemeSHA256 != scheme.sha256 {
                    differences.append("the scheme file changed since the baseline (sha256 \(baseline.schemeSHA256.prefix(12)) → \(scheme.sha256.prefix(12))), "
                        + "and the baseline records no setup digest to tell whether the numbers' setup changed")
                }
                if found.datasetSHA256 != evaluation.datasetSHA256 {
                    differences.append("evaluation \(quoted(spec.name)): the ground truth differs from the baseline's "
                        + "(sha256 \(found.datasetSHA256.prefix(12)) → \(evaluation.datasetSHA256.prefix(12)))")
                }
                baselineEvaluation = found
            }
            if !differences.isEmpty {
                guard allowDifferentData else {
                    throw InputError(file: baseline!.reference, message: "the baseline was computed on different inputs: "
                                        + differences.joined(separator: "; "),
                                     hint: "compare with a baseline of the same scheme and data, or pass --allow-different-data")
                }
                evaluation.notes.append("baseline \(baseline!.reference) differs (allowed by --allow-different-data): "
                    + differences.joined(separator: "; "))
            }
            for gate in spec.gates {
                var paired: PairedChange?
                if gate.comparesWithBaseline, gate.requireSignificant, let baselineEvaluation {
                    if baseline!.privacy == .aggregateOnly {
                        // Such a baseline keeps no item outcomes by design: the gate cannot hold.
                        gates.append(GateEvaluator.withoutItemOutcomes(gate, baselineReference: baseline!.reference))
                        continue
                    }
                    guard let before = baselineEvaluation.outcomes else {
                        throw InputError(file: baseline!.reference, message: "the gate \(quoted(gate.summary)) needs a paired test, "
                                            + "but the baseline has no per-item outcomes",
                                         hint: "produce the baseline with `evalkit run --out DIR` (it writes DIR/outcomes/) or `--tag NAME`")
                    }
                    guard let after = evaluation.outcomes else {
                        throw InternalError("no item outcomes recorded for \(spec.name)")
                    }
                    var slice: (attributes: [String], values: [String])?
                    if case .slice(let attributes, let values) = gate.scope { slice = (attributes, values) }
                    paired = try (task as? any PairedTesting)?.pairedChange(
                        metric: gate.metric, candidate: after, baseline: before, options: spec.intervals ?? IntervalOptions(), slice: slice)
                }
                gates.append(try GateEvaluator.evaluate(gate, overall: allMetrics, evaluation: evaluation,
                                                        baseline: baselineEvaluation, baselineReference: baseline?.reference,
                                                        paired: paired))
            }
            // Item outcomes served the paired tests above; with aggregate_only they go no further.
            if spec.privacy == .aggregateOnly { evaluation.outcomes = nil }
            evaluations.append(evaluation)
        }
        var result = RunResult(schemeName: scheme.name, schemePath: scheme.path, schemeSHA256: scheme.sha256,
                               evaluations: evaluations, gates: gates)
        result.baselineReference = baseline?.reference
        result.privacy = scheme.privacy
        return result
    }

    /// Reads, slices and computes one evaluation; also returns every overall metric (for gates).
    private static func evaluate<T: EvaluationTask>(_ task: T, spec: EvaluationSpec, recordOutcomes: Bool,
                                                    progress: ProgressReporter, threads: Threads) throws -> (EvaluationResult, MetricValues)
    {
        let (cells, inputs, outcomes) = try accumulate(
            // With aggregate_only, outcomes are kept only in memory, for this run's paired tests.
            task, spec: spec, recordOutcomes: (recordOutcomes && spec.privacy == .full)
                || spec.gates.contains { $0.comparesWithBaseline && $0.requireSignificant },
            progress: progress, threads: threads)
        return try finish(task, spec: spec, cells: cells, inputs: inputs, outcomes: outcomes, progress: progress, threads: threads)
    }

    /// Computes one evaluation from its cells (read, or merged from shards): overall metrics,
    /// slices, disparities, intervals and notes; also returns every overall metric (for gates).
    static func finish<T: EvaluationTask>(_ task: T, spec: EvaluationSpec, cells: SliceCells<T.State>, inputs: InputsRead,
                                          outcomes: ItemOutcomes? = nil, progress: ProgressReporter, threads: Threads) throws -> (EvaluationResult, MetricValues) {
        let overall = cells.mergedAll()
        task.prepare(overall: overall)
        let computed = task.compute(overall)
        var reported = computed
        let names = spec.metrics.map(Set.init)
        if let names { reported.metrics = computed.metrics.filtered(names) }
        // Every grouping at once: the listed slices and the robustness conditions (computed once).
        let curveGroupings = Set((spec.plots ?? []).filter(\.kind.drawsCurves).compactMap(\.by))
        let allSlices = Slicing.results(task, cells: cells, slicing: spec.slicing, reported: names, curveGroupings: curveGroupings,
                                        threads: threads)
        let acrossGates = spec.gates.compactMap { gate -> String? in
            if case .across = gate.scope { return gate.metric }
            return nil
        }
        let disparities = try DisparityBuilder.build(
            slices: allSlices, slicing: spec.slicing,
            metrics: unique(reported.metrics.keys + acrossGates.filter { !DisparityBuilder.fairnessMeasures.contains($0) }),
            catalog: task.catalog, file: spec.schemeFile)
        var robustness = try spec.robustness.map { view in
            try RobustnessBuilder.build(view, slices: allSlices,
                                        metrics: RobustnessBuilder.metrics(view, reported: reported.metrics.keys, gates: spec.gates,
                                                                           catalog: task.catalog),
                                        minSliceSize: spec.slicing.minSliceSize, file: spec.schemeFile)
        }
        var allSlicesWithIntervals = allSlices
        var disparitiesWithIntervals = disparities
        var overallIntervals: [String: Interval] = [:]
        var intervalNotes: [String] = []
        if let options = spec.intervals {
            let requests = robustness.map { RobustnessBuilder.intervalRequests($0, slices: allSlices) } ?? []
            let output = IntervalBuilder.build(
                task, cells: cells, slices: allSlices, disparities: disparities, changes: requests.map(\.request),
                metrics: unique(reported.metrics.keys + acrossGates.flatMap(DisparityBuilder.components)
                    + disparities.flatMap { DisparityBuilder.components(of: $0.metric) }.filter { computed.metrics[$0] != nil }
                    + (robustness?.metrics ?? []).filter { computed.metrics[$0] != nil }),
                options: options, overallMetrics: computed.metrics,
                progress: progress, threads: threads)
            overallIntervals = output.overall
            for i in allSlicesWithIntervals.indices { allSlicesWithIntervals[i].intervals = output.slices[i] }
            for i in disparitiesWithIntervals.indices {
                (disparitiesWithIntervals[i].differenceInterval, disparitiesWithIntervals[i].ratioInterval) = output.disparities[i]
            }
            for (request, intervals) in zip(requests, output.changes) {
                robustness!.conditions[request.condition].changes[request.change].changeInterval = intervals.absolute
                robustness!.conditions[request.condition].changes[request.change].relativeChangeInterval = intervals.relative
            }
            intervalNotes = output.notes
        }
        // The slices reported are the listed groupings' (the robustness conditions are in `robustness`).
        let slices = allSlices.filter { spec.slicing.groupings.contains($0.attributes) }
        let slicesWithIntervals = allSlicesWithIntervals.filter { spec.slicing.groupings.contains($0.attributes) }
        let truthFile = inputs.files.first { $0.role == "ground_truth" }
        let predictionsFile = inputs.files.first { $0.role == "predictions" } ?? truthFile
        var notes = inputs.notes.map(\.text) + computed.notes + undefinedNotes(reported.metrics) + intervalNotes
        if computed.count == 0 {
            notes.insert("warning: no item was evaluated: \(inputs.items) ground-truth item(s), \(inputs.matched) with a prediction, "
                + "\(inputs.missing) missing, \(inputs.extra) extra prediction(s) left out; every metric is undefined", at: 0)
        }
        notes += nearlyUniqueGroupingNotes(slices, groupings: spec.slicing.groupings, items: computed.count)
        let suppressed = slices.filter(\.suppressed).count
        if suppressed > 0 {
            notes.append("\(suppressed) slice(s) with fewer than \(spec.slicing.minSliceSize) items are suppressed: "
                + "their metrics are withheld (min_slice_size)")
        }
        notes += SuppressedGroupRows.withhold(in: &reported.itemTables, slices: allSlices, minSliceSize: spec.slicing.minSliceSize)
        if spec.privacy == .aggregateOnly {
            // Withheld at the source: no report or file writer sees an item-level table.
            let withheld = reported.itemTables.filter(\.itemLevel).map(\.name)
            reported.itemTables.removeAll(where: \.itemLevel)
            notes.append(PrivacyLevel.withheldNotice
                + (withheld.isEmpty ? "" : " (tables not written: " + withheld.joined(separator: ", ") + ")"))
        }
        var evaluation = EvaluationResult(
            name: spec.name, task: spec.task, datasetName: spec.dataset.name,
            manifestPath: spec.dataset.manifestPath, datasetSHA256: truthFile?.sha256 ?? "",
            predictionsPath: spec.predictions.displayPath, predictionsSHA256: predictionsFile?.sha256 ?? "",
            files: inputs.files, inputs: inputs, computed: reported, intervals: overallIntervals,
            slices: slicesWithIntervals, disparities: disparitiesWithIntervals,
            minSliceSize: spec.slicing.minSliceSize, outcomes: outcomes, notes: notes, setupSHA256: spec.setupSHA256,
            plots: spec.plots)
        evaluation.robustness = robustness
        evaluation.privacy = spec.privacy
        return (evaluation, computed.metrics)
    }

    /// A grouping with nearly one slice per item (an id or a free-text column used as an
    /// attribute) is almost all suppressed slices: say so, since it is usually a mistake.
    static func nearlyUniqueGroupingNotes(_ slices: [SliceResult], groupings: [[String]], items: Int) -> [String] {
        var counts: [[String]: (all: Int, shown: Int)] = [:]
        for slice in slices {
            counts[slice.attributes, default: (0, 0)].all += 1
            if !slice.suppressed { counts[slice.attributes, default: (0, 0)].shown += 1 }
        }
        return groupings.compactMap { grouping in
            guard let count = counts[grouping], count.all > 50, count.all * 2 >= items else { return nil }
            return "warning: slicing by \(grouping.joined(separator: " × ")) gives \(count.all) slices for \(items) items "
                + "(nearly one per item; \(count.shown) shown): is it an id or a free-text column? Such slices are "
                + "suppressed and get no intervals"
        }
    }

    /// One note per undefined metric, with its reason (results.json writes such values as null).
    static func undefinedNotes(_ metrics: MetricValues) -> [String] {
        metrics.keys.compactMap { key in
            metrics.undefinedReasons[key].map { "\(key) is undefined: \($0)" }
        }
    }
}
