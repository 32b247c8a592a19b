import EvalKitData

/// An interval [lower, upper] at the scheme's confidence level; nil bounds when undefined.
public struct Interval: Sendable, Equatable {
    public var lower: Double
    public var upper: Double
    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }
}

/// One slice of an evaluation: a combination of attribute values, its size, and its metrics
/// (withheld when the slice is smaller than `min_slice_size`).
public struct SliceResult: Sendable {
    /// The grouping's attributes and this slice's values, in the same order.
    public var attributes: [String]
    public var values: [String]
    public var count: Int
    /// The reported metrics; empty when `suppressed`.
    public var metrics: MetricValues
    /// Every metric the task computed (what slice gates check); empty when `suppressed`.
    public var allMetrics: MetricValues
    public var intervals: [String: Interval] = [:]
    public var suppressed: Bool
    /// The slice's curves, kept when a curve plot draws this slice's grouping (`plots` … `by`).
    public var curves: [MetricCurve] = []

    /// `race=Black, sex=Female`.
    public var label: String { zip(attributes, values).map { "\($0)=\($1)" }.joined(separator: ", ") }
    public var by: [String: String] { Dictionary(uniqueKeysWithValues: zip(attributes, values)) }
}

/// How far apart the slices of one grouping are on one metric.
public struct DisparityResult: Sendable {
    public var metric: String
    public var attributes: [String]
    public var min: Double
    public var max: Double
    public var difference: Double
    /// min / max.
    public var ratio: Double
    public var minSlice: [String]
    public var maxSlice: [String]
    /// Slices compared (shown, with a defined value).
    public var compared: Int
    public var differenceInterval: Interval?
    public var ratioInterval: Interval?
    /// Against the reference group, when the scheme names one: per slice value / reference.
    public var reference: [String]?
    public var referenceValue: Double?
    public var relativeToReference: [(values: [String], ratio: Double, difference: Double)] = []
    public var notes: [String] = []
}
