/// The polyphonic sound detection score and the curves it comes from (docs/events/psds.md).
///
/// `value` is the area under the PSD-ROC up to `maxEFPR`, divided by `maxEFPR`; NaN with
/// `undefinedReason` when no class has reference events, no video has a positive duration, or
/// there is no operating point.
public struct PSDSResult: Sendable {
    public var value: Double
    public var undefinedReason: String?
    public var parameters: PSDSParameters
    /// Operating points evaluated: the tables given, or the thresholds of scored detections at
    /// which some count changes (the other distinct scores repeat the point above them).
    public var operatingPoints: Int
    /// Scored detections: `thresholds[i]` is operating point i's threshold (descending). Empty
    /// for explicit operating points.
    public var thresholds: [Double]
    public var roc: PSDSROC
    /// Per class (state label order).
    public var classes: [PSDSClassCurve]
}

/// psds_eval's PSD-ROC (`psds(...).plt`): on the union of every class's eFPR values (ascending,
/// from 0), the mean and standard deviation (population) over the classes with reference events
/// of each class's TPR staircase, and eTPR = max(0, mean − αST × std).
public struct PSDSROC: Sendable, Equatable {
    public var efpr: [Double] = []
    public var mean: [Double] = []
    public var std: [Double] = []
    public var etpr: [Double] = []

    public init() {}
}

/// One class's ROC: the corners of its staircase, TPR = the largest TPR of an operating point
/// whose eFPR is ≤ x (psds_eval's `step_curve`, which also takes the running maximum).
public struct PSDSClassCurve: Sendable {
    public struct Point: Sendable, Equatable {
        public var efpr: Double
        public var tpr: Double
        public var fpr: Double
        /// The first operating point (highest threshold) reaching this corner; −1 for the point
        /// of no detections (psds_eval's added zero point).
        public var operatingPoint: Int

        public init(efpr: Double, tpr: Double, fpr: Double, operatingPoint: Int) {
            self.efpr = efpr
            self.tpr = tpr
            self.fpr = fpr
            self.operatingPoint = operatingPoint
        }
    }

    /// eFPR ascending from 0, TPR strictly rising. Empty when the class has no reference events.
    public var points: [Point]
    /// The area under the class's staircase up to `maxEFPR`, divided by it (a per-class PSDS with
    /// αST = 0; not a psds_eval output).
    public var area: Double
    public var undefinedReason: String?

    public init(points: [Point], area: Double, undefinedReason: String?) {
        self.points = points
        self.area = area
        self.undefinedReason = undefinedReason
    }
}
