import EvalKit
import Foundation

/// A run read back from the history: what it ran, where and when (provenance), and what it
/// measured per evaluation. Enough for a later run to compare against it (`--baseline REF`).
public struct StoredRun: Sendable, Equatable {
    /// The run id (increasing in recording order).
    public var id: Int64
    public var schemeName: String
    public var schemePath: String
    public var schemeSHA256: String
    public var provenance: RunProvenance
    /// Whether every gate passed.
    public var passed: Bool
    public var tag: String?
    /// The baseline the run's change gates compared with, when there was one.
    public var baselineReference: String?
    public var evaluations: [StoredEvaluation]
    public var gates: [StoredGate]
    /// The scheme's `"privacy"` (schema v4; `full` for runs recorded before). An `aggregate_only`
    /// run has no item outcomes recorded.
    public var privacy = PrivacyLevel.full

    /// The evaluation with this name, if the run had one.
    public func evaluation(named name: String) -> StoredEvaluation? {
        evaluations.first { $0.name == name }
    }
}

/// One evaluation of a stored run: its inputs (with digests) and its metrics.
public struct StoredEvaluation: Sendable, Equatable {
    public var name: String
    public var task: String
    public var datasetName: String
    public var datasetManifest: String?
    public var datasetSHA256: String
    /// The evaluation's setup digest (schema v3; nil for runs recorded before).
    public var setupSHA256: String? = nil
    public var predictionsPath: String
    public var predictionsSHA256: String
    /// Number of evaluated units.
    public var count: Int
    public var matched: Int
    public var missing: Int
    public var extra: Int
    public var minSliceSize: Int
    /// Every file read, in reading order.
    public var files: [StoredFile]
    /// Overall metrics in the run's order.
    public var metrics: [StoredMetric]
    /// Per class (or per attribute in multilabel), in label order.
    public var perClass: [StoredClass]
    /// Slices in the run's order.
    public var slices: [StoredSlice]
    public var disparities: [StoredDisparity]

    /// The overall metric `name`, or the one of the slice with this canonical key
    /// (`SliceKey.canonical`).
    public func metric(_ name: String, slice key: String? = nil) -> StoredMetric? {
        guard let key else { return metrics.first { $0.name == name } }
        return slices.first { $0.key == key }?.metrics.first { $0.name == name }
    }
}

/// A file an evaluation read.
public struct StoredFile: Sendable, Equatable {
    public var role: String
    public var path: String
    public var sha256: String
    public var rows: Int
}

/// One metric value; `value` is nil when the metric was undefined (NaN) on the data, with the
/// reason in `undefinedReason`.
public struct StoredMetric: Sendable, Equatable {
    public var name: String
    public var value: Double?
    public var undefinedReason: String?
    public var interval: Interval?

    public init(name: String, value: Double?, undefinedReason: String? = nil, interval: Interval? = nil) {
        self.name = name
        self.value = value
        self.undefinedReason = undefinedReason
        self.interval = interval
    }
}

extension Array where Element == StoredMetric {
    /// The values as the engine's `MetricValues` (undefined values as NaN with their reason).
    public var metricValues: MetricValues {
        var values = MetricValues()
        for metric in self { values.set(metric.name, metric.value ?? .nan, undefinedReason: metric.undefinedReason) }
        return values
    }

    /// The intervals by metric name.
    public var intervals: [String: Interval] {
        Dictionary(compactMap { metric in metric.interval.map { (metric.name, $0) } }, uniquingKeysWith: { a, _ in a })
    }
}

/// The metrics of one class.
public struct StoredClass: Sendable, Equatable {
    public var label: String
    public var metrics: [StoredMetric]
}

/// One slice of a stored evaluation.
public struct StoredSlice: Sendable, Equatable {
    /// The grouping's attributes, in the scheme's order, and this slice's values.
    public var attributes: [String]
    public var values: [String]
    /// Canonical key (`SliceKey.canonical`), e.g. `race=Black,sex=Female`.
    public var key: String
    public var count: Int
    public var suppressed: Bool
    /// The reported metrics (empty when suppressed), with their intervals.
    public var metrics: [StoredMetric]
}

/// A disparity between the slices of one grouping on one metric.
public struct StoredDisparity: Sendable, Equatable {
    public var metric: String
    public var attributes: [String]
    public var min: Double?
    public var max: Double?
    public var difference: Double?
    public var ratio: Double?
    public var minSlice: [String]
    public var maxSlice: [String]
    public var compared: Int
    public var differenceInterval: Interval?
    public var ratioInterval: Interval?
}

/// The outcome of one gate in a stored run.
public struct StoredGate: Sendable, Equatable {
    public var gate: String
    public var evaluation: String
    public var metric: String
    public var passed: Bool
    /// nil when the metric was undefined.
    public var observed: Double?
    public var limit: Double?
    /// The slice the gate looked at; nil for the overall value.
    public var slice: [String: String]?
    public var message: String
    /// Change gates: the baseline's value and the drop from it (positive = worse).
    public var baseline: Double?
    public var drop: Double?
}

/// One line of the run list: a run without its metrics.
public struct RunSummary: Sendable, Equatable {
    public var id: Int64
    public var schemeName: String
    public var schemePath: String
    public var provenance: RunProvenance
    public var passed: Bool
    public var tag: String?
}

/// One value of a metric's trend across runs.
public struct TrendPoint: Sendable, Equatable {
    public var runID: Int64
    public var startedAt: Date
    public var finishedAt: Date
    public var tag: String?
    public var schemeName: String
    public var evaluation: String
    /// The canonical slice key; nil for the overall value.
    public var slice: String?
    /// nil when undefined in that run (reason in `undefinedReason`).
    public var value: Double?
    public var undefinedReason: String?
    public var interval: Interval?
}
