/// The interval metrics of a set of videos (docs/events/intervals.md): AP per class and tIoU
/// threshold, mAP per threshold and averaged over thresholds, and duration-based precision and
/// recall per class and overall. A value is NaN only when undefined, with its reason beside it.
public struct IntervalMetricsResult: Sendable {
    /// One class's values.
    public struct PerClass: Sendable {
        /// AP at each threshold; NaN when the class has no reference event.
        public var averagePrecision: [Double]
        /// The mean of `averagePrecision` over the thresholds (numpy's mean).
        public var meanAveragePrecisionOverThresholds: Double
        /// Why the AP is undefined, or nil.
        public var averagePrecisionUndefined: String?
        /// Reference events and predictions, each counted with its video's weight.
        public var referenceEvents: Int64
        public var predictions: Int64
        /// Σ overlap / Σ system seconds, and why it is undefined (no system time), or nil.
        public var durationPrecision: Double
        public var durationPrecisionUndefined: String?
        /// Σ overlap / Σ reference seconds, and why it is undefined (no reference time), or nil.
        public var durationRecall: Double
        public var durationRecallUndefined: String?
        public var overlapSeconds: Double
        public var systemSeconds: Double
        public var referenceSeconds: Double
    }

    public var thresholds: [Double]
    public var classes: [PerClass]
    /// mAP at each threshold: the mean AP of the classes that have reference events.
    public var meanAveragePrecision: [Double]
    /// The mean of `meanAveragePrecision` over the thresholds (ActivityNet's "average mAP").
    public var averageMeanAveragePrecision: Double
    /// Why the mAPs are undefined (no class has a reference event), or nil.
    public var meanAveragePrecisionUndefined: String?
    /// The classes left out of the mAP because they have no reference event (their AP is NaN).
    public var classesWithoutReference: [Int]
    /// Overall duration precision and recall: the sums over every class.
    public var durationPrecision: Double
    public var durationPrecisionUndefined: String?
    public var durationRecall: Double
    public var durationRecallUndefined: String?
    /// Videos, each counted with its weight.
    public var videos: Int64
}
