import EvalKit
import EvalKitData

/// What a producer of a `RunResult` (`Engine.run`, a merge of shard states) is given.
public struct ResultRequest: Sendable {
    /// The run change gates compare with.
    public var baseline: Baseline?
    /// Accept a baseline of another scheme or other ground truth (noted in the result).
    public var allowDifferentData: Bool
    /// Keep every item's outcome (`--out`, or a tagged run).
    public var recordOutcomes: Bool
    /// Where long stages report.
    public var progress: ProgressReporter

    public init(baseline: Baseline?, allowDifferentData: Bool, recordOutcomes: Bool, progress: ProgressReporter = .off) {
        self.baseline = baseline
        self.allowDifferentData = allowDifferentData
        self.recordOutcomes = recordOutcomes
        self.progress = progress
    }
}
