import EvalKitData

/// A plot kind evalkit draws from a run's results (docs/reports.md).
public enum PlotKind: String, CaseIterable, Sendable {
    /// Precision against recall: classification with scores (per class one-vs-rest), detection.
    case precisionRecall = "precision_recall"
    /// True positive rate against false positive rate: classification with scores.
    case roc
    /// Miss rate against false-alarm rate on normal-deviate axes: verification, ActEV.
    case det
    /// Counts of truth against prediction: single-target classification.
    case confusionMatrix = "confusion_matrix"
    /// One metric per slice of a grouping, with interval whiskers; suppressed slices marked.
    case sliceBars = "slice_bars"
    /// False match rate of every probe group against every reference group: verification.
    case crossGroupFMR = "cross_group_fmr"
    /// Reference against system events along time for one video or file: events.
    case timeline
    /// ID switches and fragmentations per sequence: tracking.
    case trackingErrors = "tracking_errors"
    /// Each condition's relative change against the clean condition, per metric (`robustness`): every kind.
    case robustness

    /// Kinds every task kind can draw (their data is the engine's, not the task's).
    static let universal: Set<PlotKind> = [.sliceBars, .robustness]

    /// Kinds that draw curves and so may be drawn per slice (`by`).
    var drawsCurves: Bool { self == .precisionRecall || self == .roc || self == .det }
}

/// One plot a scheme asks for: `"roc"`, or `{"plot": "slice_bars", "metric": "recall", "by": ["race"]}`.
public struct PlotSpec: Sendable, Equatable {
    public var kind: PlotKind
    /// `slice_bars`: the metric drawn (default: the evaluation's first reported metric).
    public var metric: String?
    /// `slice_bars`: the grouping drawn; curve plots: one curve per slice of this grouping.
    public var by: [String]?
    /// `timeline`: the video or file drawn (default: the one with the most reference events).
    public var item: String?
    /// Whether the scheme named this plot (an unmet explicit plot is an error; a default one is skipped).
    public var explicit: Bool
    /// Where the scheme asked for it (for errors), e.g. `evaluations[0].plots[2]`, and its line.
    public var path: String
    public var line: Int? = nil

    public init(kind: PlotKind, metric: String? = nil, by: [String]? = nil, item: String? = nil, explicit: Bool, path: String) {
        self.kind = kind
        self.metric = metric
        self.by = by
        self.item = item
        self.explicit = explicit
        self.path = path
    }
}

/// Reads an evaluation's `plots`: a list of plot names or objects, each checked against the task
/// kind (`SchemeSurface.plots`), its metric catalog and the evaluation's slicing.
enum PlotReader {
    static let keys = ["plot", "metric", "by", "video"]

    /// The plots asked for, or nil when `plots` is absent (the kind's defaults apply).
    static func read(_ node: JSONNode?, parent: JSONNode, task: String?, surface: SchemeSurface?, catalog: MetricCatalog?,
                     slicing: SlicingSpec, hasRobustness: Bool, reader: inout NodeReader) -> [PlotSpec]? {
        guard let node else { return nil }
        guard let items = node.arrayItems else {
            reader.fail(node, expected: "an array of plots (names such as \"roc\" or objects such as {\"plot\": \"slice_bars\", \"metric\": \"f1\"})",
                        found: node.foundDescription)
            return nil
        }
        let names = PlotKind.allCases.map(\.rawValue)
        var plots: [PlotSpec] = []
        for item in items {
            let nameNode = item.stringValue != nil ? item : item["plot"]
            if item.stringValue == nil {
                reader.object(item, allowed: keys, what: "plot")
                if item.objectMembers != nil, item["plot"] == nil { reader.missing("plot", in: item, expected: "a plot name") }
                if item.objectMembers == nil { continue }
            }
            guard let nameNode, let name = reader.string(nameNode, "plot", in: item) else { continue }
            guard let kind = PlotKind(rawValue: name) else {
                reader.fail(nameNode, "unknown plot", expected: "one of " + names.map { quoted($0) }.joined(separator: ", "),
                            found: quoted(name), hint: didYouMean(name, names))
                continue
            }
            if let surface, let task, !surface.plots.contains(kind), !PlotKind.universal.contains(kind) {
                reader.fail(nameNode, "task \(quoted(task)) has no \(quoted(name)) plot",
                            expected: "one of " + (surface.plots + [.robustness]).map { quoted($0.rawValue) }.joined(separator: ", "), found: quoted(name))
                continue
            }
            if kind == .robustness, !hasRobustness {
                reader.fail(nameNode, "plot \"robustness\" needs the evaluation's \"robustness\" block",
                            expected: "\"robustness\": {\"attribute\": ..., \"clean\": ...}", found: "no \"robustness\"")
                continue
            }
            var spec = PlotSpec(kind: kind, explicit: true, path: item.path)
            spec.line = item.line
            if item.stringValue == nil {
                spec.metric = reader.string(item["metric"], "metric", in: item)
                spec.by = reader.strings(item["by"], "by", in: item)
                spec.item = reader.string(item["video"], "video", in: item)
            }
            check(spec, node: item, catalog: catalog, slicing: slicing, reader: &reader)
            plots.append(spec)
        }
        return plots
    }

    /// Options that do not fit the plot kind, a metric the task lacks, a grouping the scheme does not slice by.
    private static func check(_ spec: PlotSpec, node: JSONNode, catalog: MetricCatalog?, slicing: SlicingSpec, reader: inout NodeReader) {
        if let metric = spec.metric, let metricNode = node["metric"] {
            if spec.kind != .sliceBars {
                reader.fail(metricNode, "\"metric\" applies to \"slice_bars\" plots only", found: quoted(spec.kind.rawValue))
            } else if let catalog, catalog.info(metric) == nil {
                reader.fail(metricNode, "plot \"slice_bars\": unknown metric", expected: "a metric of the task", found: quoted(metric),
                            hint: didYouMean(metric, catalog.names))
            }
        }
        if let by = spec.by, let byNode = node["by"] {
            if spec.kind != .sliceBars && !spec.kind.drawsCurves {
                reader.fail(byNode, "\"by\" applies to \"slice_bars\" and curve plots only", found: quoted(spec.kind.rawValue))
            } else if !slicing.groupings.contains(by) {
                reader.fail(byNode, "plot \(quoted(spec.kind.rawValue)): not a grouping of \"slices\"",
                            expected: "one of " + (slicing.groupings.isEmpty ? "(none: add \"slices\")" : slicing.groupings.map { "[" + $0.map { quoted($0) }.joined(separator: ", ") + "]" }.joined(separator: ", ")),
                            found: "[" + by.map { quoted($0) }.joined(separator: ", ") + "]")
            }
        }
        if spec.item != nil, spec.kind != .timeline, let videoNode = node["video"] {
            reader.fail(videoNode, "\"video\" applies to \"timeline\" plots only", found: quoted(spec.kind.rawValue))
        }
    }
}
