/// How far apart the slices of one slicing are on one metric: the smallest and largest value,
/// their difference and ratio (results.json `disparities`, docs/design.md §4).
///
/// Agrees with Fairlearn 0.15.0's `MetricFrame.group_min()`, `group_max()`,
/// `difference(method="between_groups")` and `ratio(method="between_groups")` when the slices
/// are Fairlearn's groups (see `Disparities.between`).
public struct Disparity: Sendable, Equatable {
    /// The metric key (`fpr`, `AP50`).
    public var metric: String
    /// The attributes of the slicing, in key order.
    public var by: [String]
    /// Smallest value over the compared slices; NaN when none is compared.
    public var min: Double
    /// Largest value over the compared slices; NaN when none is compared.
    public var max: Double
    /// `max - min` (Fairlearn: the largest absolute difference between two groups).
    public var difference: Double
    /// `min / max` with IEEE division, exactly as Fairlearn: NaN when both are 0, ±∞ when only
    /// `max` is 0, and negative or above 1 when values are negative (no `1/x` folding).
    public var ratio: Double
    /// The first compared slice (in input order) holding `min`; nil when none is compared.
    public var minSlice: [(attribute: String, value: String)]?
    /// The first compared slice (in input order) holding `max`; nil when none is compared.
    public var maxSlice: [(attribute: String, value: String)]?
    /// Number of slices compared (not suppressed, value defined).
    public var compared: Int
    /// Slices left out, in input order, with the reason.
    public var leftOut: [LeftOutSlice]

    public init(
        metric: String, by: [String], min: Double, max: Double, difference: Double, ratio: Double,
        minSlice: [(attribute: String, value: String)]?, maxSlice: [(attribute: String, value: String)]?,
        compared: Int, leftOut: [LeftOutSlice]
    ) {
        self.metric = metric
        self.by = by
        self.min = min
        self.max = max
        self.difference = difference
        self.ratio = ratio
        self.minSlice = minSlice
        self.maxSlice = maxSlice
        self.compared = compared
        self.leftOut = leftOut
    }

    /// Field-wise equality (NaN fields compare unequal, as `Double`'s `==`).
    public static func == (a: Disparity, b: Disparity) -> Bool {
        a.metric == b.metric && a.by == b.by && a.min == b.min && a.max == b.max
            && a.difference == b.difference && a.ratio == b.ratio
            && SliceKeys.equal(a.minSlice, b.minSlice) && SliceKeys.equal(a.maxSlice, b.maxSlice)
            && a.compared == b.compared && a.leftOut == b.leftOut
    }
}

/// How far the slices are from the value on all rows: Fairlearn 0.15.0's
/// `MetricFrame.difference(method="to_overall")` and `ratio(method="to_overall")`.
public struct OverallDisparity: Sendable, Equatable {
    public var metric: String
    public var by: [String]
    /// The metric on all rows (suppressed slices' rows included).
    public var overall: Double
    /// The largest `|value - overall|` over the compared slices; NaN when none is compared or
    /// `overall` is NaN.
    public var difference: Double
    /// The smallest of `r = value / overall`, each folded to `1/r` when `r > 1`; slices where `r`
    /// is NaN (0/0) are skipped; NaN when no `r` is defined. `overall == 0` makes `r` ±∞ (folded
    /// to 0 when +∞); negative values can give a negative ratio, as in Fairlearn.
    public var ratio: Double
    /// The first compared slice with the largest `|value - overall|`.
    public var differenceSlice: [(attribute: String, value: String)]?
    /// The first compared slice with the smallest folded ratio.
    public var ratioSlice: [(attribute: String, value: String)]?
    public var compared: Int
    public var leftOut: [LeftOutSlice]

    public init(
        metric: String, by: [String], overall: Double, difference: Double, ratio: Double,
        differenceSlice: [(attribute: String, value: String)]?, ratioSlice: [(attribute: String, value: String)]?,
        compared: Int, leftOut: [LeftOutSlice]
    ) {
        self.metric = metric
        self.by = by
        self.overall = overall
        self.difference = difference
        self.ratio = ratio
        self.differenceSlice = differenceSlice
        self.ratioSlice = ratioSlice
        self.compared = compared
        self.leftOut = leftOut
    }

    public static func == (a: OverallDisparity, b: OverallDisparity) -> Bool {
        a.metric == b.metric && a.by == b.by && a.overall == b.overall && a.difference == b.difference
            && a.ratio == b.ratio && SliceKeys.equal(a.differenceSlice, b.differenceSlice)
            && SliceKeys.equal(a.ratioSlice, b.ratioSlice) && a.compared == b.compared && a.leftOut == b.leftOut
    }
}
