/// What evalkit knows about one metric key: which way it improves, what kind of number it is, and
/// which interval methods apply. Declared by each task kind in its `MetricCatalog`.
public struct MetricInfo: Sendable, Equatable {
    /// What kind of number a metric is.
    public enum Kind: Sendable, Equatable {
        /// A count of items, boxes or pairs: printed as an integer, no interval, no disparity.
        case count
        /// A ratio of reported count keys: the sum of `numerator` over the sum of `denominator`
        /// (precision = tp / (tp + fp)), so Wilson's interval can apply.
        case proportion(numerator: [String], denominator: [String])
        /// A ratio or mean whose counts are not reported as keys (exact match, CER, averages).
        case rate
        /// Computed from the order of scores (ROC AUC, average precision, COCO AP/AR).
        case rankBased
        /// A point on a curve (an operating point: `recall@fpr=0.01`, `threshold@fpr=0.01`).
        case curve
        /// Anything else (F1, MCC, Cohen's kappa, log loss).
        case other
    }

    /// How an interval of the metric may be computed.
    public enum IntervalMethod: String, Sendable, CaseIterable {
        case bootstrap, wilson
    }

    /// Nil: the metric has no better direction (a count, a threshold, the selection rate).
    public var direction: MetricDirection?
    public var kind: Kind
    public var intervals: Set<IntervalMethod>
    /// Whether disparities between slices are computed for it.
    public var comparedAcrossSlices: Bool

    /// By default a proportion takes both interval methods, a count none, anything else the
    /// bootstrap; counts and curve points are not compared across slices.
    public init(_ direction: MetricDirection?, _ kind: Kind, intervals: Set<IntervalMethod>? = nil,
                comparedAcrossSlices: Bool? = nil) {
        self.direction = direction
        self.kind = kind
        switch kind {
        case .count: self.intervals = intervals ?? []
        case .proportion: self.intervals = intervals ?? [.bootstrap, .wilson]
        default: self.intervals = intervals ?? [.bootstrap]
        }
        self.comparedAcrossSlices = comparedAcrossSlices ?? (kind != .count && kind != .curve)
    }

    public static let higher = MetricInfo(.higherIsBetter, .other)
    public static let lower = MetricInfo(.lowerIsBetter, .other)
    /// A count without a direction (tp, support).
    public static let count = MetricInfo(nil, .count)

    public var isCount: Bool { kind == .count }

    /// The average of this metric over classes, labels or samples (`f1_macro`): same direction,
    /// no longer a single proportion, so the bootstrap only.
    public var averaged: MetricInfo {
        var info = self
        if case .proportion = kind { info.kind = .rate }
        info.intervals.remove(.wilson)
        return info
    }

    /// The (successes, trials) of a Wilson proportion from the values of its counts (`value`
    /// looks a key up); nil when Wilson does not apply or a count is missing or not a number.
    public func wilsonCounts(_ value: (String) -> Double?) -> (successes: Int64, trials: Int64)? {
        guard intervals.contains(.wilson), case .proportion(let numerator, let denominator) = kind else { return nil }
        func sum(_ keys: [String]) -> Int64? {
            var total: Int64 = 0
            for key in keys {
                guard let v = value(key), v.isFinite, v >= 0 else { return nil }
                total += Int64(v)
            }
            return total
        }
        guard let s = sum(numerator), let n = sum(denominator), s <= n else { return nil }
        return (s, n)
    }
}
