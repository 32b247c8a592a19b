/// How a tracking evaluation matches and counts (docs/schemes.md, "Task `tracking`").
public struct TrackingParameters: Sendable, Equatable {
    /// Whose rules CLEAR MOT and Identity follow.
    public enum Conventions: String, Sendable, CaseIterable {
        /// TrackEval's (`CLEAR`, `Identity`, `HOTA`): matching that keeps the previous frame's
        /// pairs by a bonus in one assignment, mostly tracked above 80%.
        case trackeval
        /// py-motmetrics' (`MOTAccumulator`): last pairs kept first, then the assignment of the
        /// rest; mostly tracked at 80% or more; fragmentations as tracked-to-missed transitions;
        /// X and Y shifted by −1 as its MOTChallenge loader does.
        case motmetrics
    }

    /// How MOTP is reported.
    public enum MOTPForm: String, Sendable, CaseIterable {
        /// Mean IoU of the matched pairs (TrackEval).
        case iou
        /// Mean distance 1 − IoU of the matched pairs (py-motmetrics).
        case distance
    }

    /// IoU at or above which a pair may match for CLEAR MOT and Identity (TrackEval's 0.5).
    public var threshold = 0.5
    public var conventions = Conventions.trackeval
    public var motp = MOTPForm.iou

    public init(threshold: Double = 0.5, conventions: Conventions = .trackeval, motp: MOTPForm = .iou) {
        self.threshold = threshold
        self.conventions = conventions
        self.motp = motp
    }

    /// HOTA's localisation thresholds: `numpy.arange(0.05, 0.99, 0.05)`, element for element.
    public static let alphas: [Double] = (0..<19).map { 0.05 + Double($0) * 0.05 }
}
