/// Binary confusion counts of one slice (positive = the scheme's positive class). Doubles hold
/// integer counts exactly up to 2⁵³ (and allow weighted counts).
public struct BinaryCounts: Sendable, Hashable {
    public var tp: Double
    public var fp: Double
    public var fn: Double
    public var tn: Double

    public init(tp: Double, fp: Double, fn: Double, tn: Double) {
        self.tp = tp
        self.fp = fp
        self.fn = fn
        self.tn = tn
    }

    /// The counts of a `ClassificationMetrics` result (its `tp fp fn tn` keys), nil if absent.
    public init?(_ metrics: MetricValues) {
        guard let tp = metrics["tp"], let fp = metrics["fp"], let fn = metrics["fn"], let tn = metrics["tn"]
        else { return nil }
        self.init(tp: tp, fp: fp, fn: fn, tn: tn)
    }

    /// All rows, `tp + fp + fn + tn`.
    public var total: Double { tp + fp + fn + tn }
    /// Rows predicted positive, `tp + fp`.
    public var predictedPositives: Double { tp + fp }
    /// Rows predicted negative, `fn + tn`.
    public var predictedNegatives: Double { fn + tn }
    /// Rows whose truth is positive, `tp + fn`.
    public var positives: Double { tp + fn }
    /// Rows whose truth is negative, `fp + tn`.
    public var negatives: Double { fp + tn }

    /// Fairlearn's `selection_rate`: `(tp + fp) / n`; NaN when the slice has no rows.
    public var selectionRate: Double { total == 0 ? .nan : predictedPositives / total }

    /// `tp / (tp + fn)`. A slice without positives takes `zeroDivision`'s value: `.zero` is
    /// Fairlearn's `true_positive_rate` (scikit-learn's `confusion_matrix(normalize="true")`
    /// turns 0/0 into 0). NaN for a slice without rows, whatever the policy.
    public func truePositiveRate(zeroDivision: ZeroDivisionPolicy = .zero) -> Double {
        rate(tp, positives, zeroDivision)
    }

    /// `fp / (fp + tn)`, with the same rules as `truePositiveRate`.
    public func falsePositiveRate(zeroDivision: ZeroDivisionPolicy = .zero) -> Double {
        rate(fp, negatives, zeroDivision)
    }

    private func rate(_ numerator: Double, _ denominator: Double, _ policy: ZeroDivisionPolicy) -> Double {
        if total == 0 { return .nan }
        return denominator == 0 ? policy.value : numerator / denominator
    }

    public static func + (a: BinaryCounts, b: BinaryCounts) -> BinaryCounts {
        BinaryCounts(tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn, tn: a.tn + b.tn)
    }
}

/// One slice's binary confusion counts, the input of `FairlearnMeasures` and
/// `AequitasGroupMetrics`.
public struct SliceCounts: Sendable {
    /// The slice's (attribute, value) pairs, ordered as `by`.
    public var key: [(attribute: String, value: String)]
    public var counts: BinaryCounts
    /// Whether the slice is below `min_slice_size` (then left out).
    public var suppressed: Bool

    public init(key: [(attribute: String, value: String)], counts: BinaryCounts, suppressed: Bool = false) {
        self.key = key
        self.counts = counts
        self.suppressed = suppressed
    }
}
