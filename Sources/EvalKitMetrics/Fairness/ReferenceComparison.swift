/// Which slice the others are compared with (Aequitas' `ref_groups_method`).
public enum ReferenceGroup: Sendable, Equatable {
    /// The slice with these attribute values (Aequitas "predefined", the scheme's
    /// `{"race": "Caucasian"}`). It must give a value for every attribute of `by`; attributes
    /// not in `by` are ignored, so one map can serve several slicings.
    case slice([String: String])
    /// The largest non-suppressed slice, the first in order on a tie (Aequitas "majority",
    /// `get_disparity_major_group`: `idxmax` of `group_size`).
    case largest
    /// The non-suppressed slice with the smallest defined value, the first on a tie; the first
    /// non-suppressed slice when no value is defined (Aequitas "min_metric",
    /// `get_disparity_min_metric`).
    case minimum
}

/// One slice against the reference slice.
public struct ReferenceDisparity: Sendable, Equatable {
    public var key: [(attribute: String, value: String)]
    public var count: Int
    public var value: Double
    /// Aequitas' `<metric>_disparity`: `value / referenceValue`. NaN when either is NaN or both
    /// are 0; `fillDivideByZero` (Aequitas: 10) when the quotient is +∞ (reference 0, value > 0);
    /// −∞ is left as is (Aequitas replaces only `np.inf`).
    public var ratio: Double
    /// `value - referenceValue` (evalkit's addition; Aequitas reports ratios only).
    public var difference: Double
    /// Aequitas' parity flag: nil when `ratio` is NaN, else `tau <= ratio <= 1/tau`.
    public var parity: Bool?
    /// Whether `ratio` is `fillDivideByZero` standing for +∞.
    public var dividedByZero: Bool
    /// Why `ratio` is NaN.
    public var undefinedReason: String?

    public init(
        key: [(attribute: String, value: String)], count: Int, value: Double, ratio: Double, difference: Double,
        parity: Bool?, dividedByZero: Bool = false, undefinedReason: String? = nil
    ) {
        self.key = key
        self.count = count
        self.value = value
        self.ratio = ratio
        self.difference = difference
        self.parity = parity
        self.dividedByZero = dividedByZero
        self.undefinedReason = undefinedReason
    }

    public static func == (a: ReferenceDisparity, b: ReferenceDisparity) -> Bool {
        SliceKeys.equal(a.key, b.key) && a.count == b.count && a.value == b.value && a.ratio == b.ratio
            && a.difference == b.difference && a.parity == b.parity && a.dividedByZero == b.dividedByZero
            && a.undefinedReason == b.undefinedReason
    }
}

/// Every slice of one slicing against a reference slice, on one metric (Aequitas' `Bias` and
/// `Fairness` for one attribute and one group metric).
public struct ReferenceComparison: Sendable, Equatable {
    public var metric: String
    public var by: [String]
    /// The reference slice's key.
    public var reference: [(attribute: String, value: String)]
    /// The metric on the reference slice; NaN when it is undefined or the slice is suppressed.
    public var referenceValue: Double
    /// The parity threshold τ.
    public var tau: Double
    /// Every non-suppressed slice in input order, the reference included (its ratio is 1, or NaN
    /// when its value is 0 or undefined, as in Aequitas).
    public var slices: [ReferenceDisparity]
    /// Suppressed slices, in input order.
    public var leftOut: [LeftOutSlice]
    /// Plain-language notes (suppressed or undefined reference, ratios filled for x/0).
    public var notes: [String]

    public init(
        metric: String, by: [String], reference: [(attribute: String, value: String)], referenceValue: Double,
        tau: Double, slices: [ReferenceDisparity], leftOut: [LeftOutSlice], notes: [String]
    ) {
        self.metric = metric
        self.by = by
        self.reference = reference
        self.referenceValue = referenceValue
        self.tau = tau
        self.slices = slices
        self.leftOut = leftOut
        self.notes = notes
    }

    public static func == (a: ReferenceComparison, b: ReferenceComparison) -> Bool {
        a.metric == b.metric && a.by == b.by && SliceKeys.equal(a.reference, b.reference)
            && a.referenceValue == b.referenceValue && a.tau == b.tau
            && a.slices == b.slices && a.leftOut == b.leftOut && a.notes == b.notes
    }
}

/// Aequitas' parity determinations (`aequitas.fairness.Fairness`, Aequitas 1.1.0).
public enum AequitasParity {
    /// The default fairness threshold τ (Aequitas: 0.8, the "80% rule").
    public static let defaultTau = 0.8

    /// `fair_eval`: nil when `disparity` is NaN, else `tau <= disparity <= 1/tau`.
    public static func isFair(_ disparity: Double, tau: Double) -> Bool? {
        disparity.isNaN ? nil : (tau <= disparity && disparity <= 1 / tau)
    }

    /// `high_level_pair_eval`, which makes "TypeI Parity" (FDR, FPR), "TypeII Parity" (FOR, FNR),
    /// "Equalized Odds" (FPR, TPR), "Unsupervised Fairness" (Statistical, Impact) and "Supervised
    /// Fairness" (TypeI, TypeII): nil when both are nil, true when both are true, else false, so
    /// one undefined part and one true part give false (Aequitas' code, not three-valued logic).
    public static func combined(_ a: Bool?, _ b: Bool?) -> Bool? {
        if a == nil && b == nil { return nil }
        return a == true && b == true
    }
}
