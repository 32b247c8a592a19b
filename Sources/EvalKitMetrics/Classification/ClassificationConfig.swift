/// How a classification task is computed: the classes, the positive class, the zero-division
/// policy, Fβ and the operating points to report.
public struct ClassificationConfig: Sendable {
    /// Class names; the index is the class id used in `ClassificationState`. For multilabel
    /// (`MultilabelMetrics`), the target (attribute) names.
    public var labels: [String]
    /// Index of the positive class. Non-nil selects the binary metrics (then `labels.count`
    /// must be 2). Ignored by `MultilabelMetrics` (each target's positive is 1).
    public var positive: Int?
    /// Value of a 0/0 ratio (scikit-learn's `zero_division`).
    public var zeroDivision: ZeroDivisionPolicy
    /// β of the Fβ score reported as `fbeta` (`fbeta_macro`, ...); nil reports no Fβ.
    public var beta: Double?
    /// Operating points to locate on the score curve (binary with scores only).
    public var operatingPoints: [OperatingPointTarget]
    /// The threshold the hard predictions were made with (`score >= threshold`), for the notes.
    public var threshold: Double?
    /// Multiclass with class probabilities: the labels of `ClassProbabilityState`'s columns.
    public var probabilityLabels: [String] = []
    /// The k of each `top_k_accuracy@k=<k>`.
    public var topK: [Int] = []
    /// Whether `compute` draws the curves (`ClassificationCurves`); a caller that draws them
    /// itself (multilabel, per target) turns it off.
    public var drawsCurves = true

    public init(
        labels: [String], positive: Int? = nil, zeroDivision: ZeroDivisionPolicy = .nan,
        beta: Double? = nil, operatingPoints: [OperatingPointTarget] = [], threshold: Double? = nil
    ) {
        self.labels = labels
        self.positive = positive
        self.zeroDivision = zeroDivision
        self.beta = beta
        self.operatingPoints = operatingPoints
        self.threshold = threshold
    }
}

/// A target on the score curve: "the threshold where FPR is at most 0.01", "where recall is at
/// least 0.9", "where precision is at least 0.95". See `OperatingPoints` for the exact rules.
public struct OperatingPointTarget: Sendable, Equatable, Hashable {
    /// The metric the target constrains.
    public enum Metric: String, Sendable, CaseIterable {
        /// FPR at most `value`.
        case fpr
        /// TPR at least `value` (the same rule as `recall`).
        case tpr
        /// Recall at least `value`.
        case recall
        /// Precision at least `value`.
        case precision
    }

    public var metric: Metric
    public var value: Double

    public init(_ metric: Metric, _ value: Double) {
        self.metric = metric
        self.value = value
    }

    /// The key suffix of this target, e.g. `@fpr=0.01`: the metric name and Swift's shortest
    /// round-trip description of the value (`0.01`, `0.9`, `1e-05`).
    public var keySuffix: String { "@\(metric.rawValue)=\(value)" }

    /// The flat metric keys reported for this target, e.g. `recall@fpr=0.01`.
    public var metricKeys: [String] {
        OperatingPoints.reportedMetrics.map { $0 + keySuffix }
    }
}
