import EvalKitData

/// Metric-by-metric deltas between two runs (their results.json), overall and per slice, with the
/// direction of each change from the task kind's metric catalog (docs/design.md §4: `evalkit compare A B`).
public struct Comparison: Sendable {
    public struct Row: Sendable {
        public var evaluation: String
        /// Nil for the overall value, else the slice key (`race=Black`).
        public var slice: String?
        public var metric: String
        public var before: Double?
        public var after: Double?
        /// The metric's direction in its task kind's catalog; nil when it has none.
        public var direction: MetricDirection?
        /// after − before; nil when either is undefined.
        public var delta: Double? { before.flatMap { b in after.map { $0 - b } } }
        /// Whether the change is an improvement, a regression, or neither (no direction, no change).
        public var verdict: String {
            guard let delta, delta != 0, let direction else { return "" }
            return direction.drop(from: before!, to: after!) > 0 ? "worse" : "better"
        }
    }

    public var before: Baseline
    public var after: Baseline
    public var rows: [Row]
    /// Differences of inputs the reader must know (other scheme, other ground truth).
    public var notes: [String]

    /// Compares every metric present in either run.
    public static func make(_ before: Baseline, _ after: Baseline) -> Comparison {
        var rows: [Row] = []
        var notes: [String] = []
        if before.schemeName != after.schemeName {
            notes.append("different schemes: \(quoted(before.schemeName)) and \(quoted(after.schemeName))")
        }
        for name in after.evaluations.keys.sorted() {
            guard let b = before.evaluations[name], let a = after.evaluations[name] else {
                notes.append("evaluation \(quoted(name)) is only in \(after.reference)")
                continue
            }
            if b.datasetSHA256 != a.datasetSHA256 {
                notes.append("evaluation \(quoted(name)): the ground truth differs between the runs")
            }
            let catalog = (a.task ?? b.task).flatMap(TaskRegistry.catalog(forTask:)) ?? .empty
            for metric in Set(b.metrics.keys).union(a.metrics.keys).sorted() {
                rows.append(Row(evaluation: name, slice: nil, metric: metric,
                                before: b.metrics[metric] ?? nil, after: a.metrics[metric] ?? nil,
                                direction: catalog.direction(metric)))
            }
            for slice in Set(b.slices.keys).union(a.slices.keys).sorted() {
                let bm = b.slices[slice] ?? [:]
                let am = a.slices[slice] ?? [:]
                for metric in Set(bm.keys).union(am.keys).sorted() {
                    rows.append(Row(evaluation: name, slice: slice, metric: metric, before: bm[metric] ?? nil, after: am[metric] ?? nil,
                                    direction: catalog.direction(metric)))
                }
            }
        }
        for name in before.evaluations.keys.sorted() where after.evaluations[name] == nil {
            notes.append("evaluation \(quoted(name)) is only in \(before.reference)")
        }
        return Comparison(before: before, after: after, rows: rows, notes: notes)
    }
}
