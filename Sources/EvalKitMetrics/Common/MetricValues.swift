/// Named metric values in a fixed order, with the reason for every undefined (NaN) value.
///
/// Keys are the snake_case names of docs/design.md §4 (`f1`, `f1_macro`, `roc_auc`). A value is NaN only
/// when the metric is undefined on the data (zero division under the `nan` policy, a single class
/// for ROC AUC); `undefinedReasons[key]` then says why, and reports print `null` plus the reason.
public struct MetricValues: Sendable, Equatable {
    public private(set) var keys: [String] = []
    public private(set) var values: [String: Double] = [:]
    public private(set) var undefinedReasons: [String: String] = [:]

    public init() {}

    public subscript(key: String) -> Double? { values[key] }

    /// Sets a value, keeping the first position of `key`. A NaN value needs a reason.
    public mutating func set(_ key: String, _ value: Double, undefinedReason: String? = nil) {
        if values[key] == nil { keys.append(key) }
        values[key] = value
        if value.isNaN {
            undefinedReasons[key] = undefinedReason ?? "undefined on this data"
        } else {
            undefinedReasons[key] = nil
        }
    }

    /// Keeps only the listed keys (in this set's order); unknown names are ignored.
    public func filtered(_ names: Set<String>) -> MetricValues {
        var result = MetricValues()
        for key in keys where names.contains(key) {
            result.set(key, values[key]!, undefinedReason: undefinedReasons[key])
        }
        return result
    }

    public var isEmpty: Bool { keys.isEmpty }
    public var count: Int { keys.count }
}

/// What to report when a ratio's denominator is zero (precision with no predicted positives,
/// recall of a class absent from the truth). scikit-learn's `zero_division` with the same meaning;
/// `nan` (the default) reports `null` with a reason, never a silent 0.
public enum ZeroDivisionPolicy: String, Sendable, CaseIterable {
    case nan
    case zero
    case one

    /// The value a 0/0 ratio takes under this policy.
    public var value: Double {
        switch self {
        case .nan: .nan
        case .zero: 0
        case .one: 1
        }
    }
}

/// A confusion matrix (rows truth, columns predicted) kept as its nonzero cells, so that a
/// large label set costs memory for the pairs seen, not K² (docs/metrics.md, "Large label sets").
public struct ConfusionTable: Sendable, Equatable {
    /// One nonzero cell: indices into `labels` and the count.
    public struct Entry: Sendable, Equatable {
        public var truth: Int
        public var predicted: Int
        public var count: Double
        public init(truth: Int, predicted: Int, count: Double) {
            self.truth = truth
            self.predicted = predicted
            self.count = count
        }
    }

    public var labels: [String]
    /// The nonzero cells in row-major order (truth, then predicted).
    public var entries: [Entry]

    public init(labels: [String], entries: [Entry]) {
        self.labels = labels
        self.entries = entries
    }

    /// From a dense K×K matrix.
    public init(labels: [String], counts: [[Double]]) {
        self.labels = labels
        entries = counts.enumerated().flatMap { t, row in
            row.enumerated().compactMap { p, c in c == 0 ? nil : Entry(truth: t, predicted: p, count: c) }
        }
    }

    /// The dense K×K matrix: only for small label sets (reports print it up to a few dozen).
    public var counts: [[Double]] {
        var matrix = [[Double]](repeating: [Double](repeating: 0, count: labels.count), count: labels.count)
        for e in entries { matrix[e.truth][e.predicted] += e.count }
        return matrix
    }

    /// The same table with its labels in `order` (`order[i]`: the old index of new label i).
    public func reordered(_ order: [Int]) -> ConfusionTable {
        var newIndex = [Int](repeating: 0, count: order.count)
        for (i, old) in order.enumerated() { newIndex[old] = i }
        let moved = entries.map { Entry(truth: newIndex[$0.truth], predicted: newIndex[$0.predicted], count: $0.count) }
        return ConfusionTable(labels: order.map { labels[$0] }, entries: moved.sorted {
            ($0.truth, $0.predicted) < ($1.truth, $1.predicted)
        })
    }
}

/// One metric computed at an operating point chosen on the score curve, e.g. the threshold that
/// reaches a target FPR and the precision/recall there.
public struct OperatingPoint: Sendable, Equatable {
    /// The target, e.g. `fpr` = 0.01.
    public var targetMetric: String
    public var targetValue: Double
    /// The chosen score threshold (predict positive when score >= threshold); NaN if none fits.
    public var threshold: Double
    public var metrics: MetricValues
    public init(targetMetric: String, targetValue: Double, threshold: Double, metrics: MetricValues) {
        self.targetMetric = targetMetric
        self.targetValue = targetValue
        self.threshold = threshold
        self.metrics = metrics
    }
}

/// A curve for reports and plots: `y` against `x` (a precision-recall curve: precision at each
/// recall point).
public struct MetricCurve: Sendable, Equatable {
    public var name: String
    public var xLabel: String
    public var yLabel: String
    public var x: [Double]
    public var y: [Double]
    public init(name: String, xLabel: String, yLabel: String, x: [Double], y: [Double]) {
        self.name = name
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.x = x
        self.y = y
    }
}

/// Everything a task computes from its state, in task-independent form for the engine and reports.
public struct ComputedMetrics: Sendable {
    /// Overall metrics (docs/design.md §4 keys).
    public var metrics = MetricValues()
    /// Per class (or per attribute in multilabel), in label order: label and its metrics.
    public var perClass: [(label: String, metrics: MetricValues)] = []
    public var confusion: ConfusionTable?
    public var operatingPoints: [OperatingPoint] = []
    /// Curves of the overall result (e.g. detection's precision-recall curves).
    public var curves: [MetricCurve] = []
    /// Per-item tables of the overall result (e.g. detection's counts per image).
    public var itemTables: [ItemTable] = []
    /// Plain-language notes: policies applied, undefined values, anything a reader must know.
    public var notes: [String] = []
    /// Number of evaluated units (rows, images, pairs).
    public var count: Int = 0

    public init() {}
}
