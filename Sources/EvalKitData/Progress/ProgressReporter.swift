/// How far a long stage of a run has got: reading a file, matching detections, comparing
/// embeddings tile by tile, evaluating tracking sequences, drawing bootstrap replicates. `total` is
/// nil when unknown (a pipe's size).
public struct ProgressUpdate: Sendable, Equatable {
    /// What is counted.
    public enum Unit: Sendable, Equatable {
        case bytes, rows, images, replicates, sequences, tiles, files
    }

    /// The stage, e.g. `reading Datasets/adult/adult.csv` or `bootstrap income`.
    public var stage: String
    public var done: Int64
    public var total: Int64?
    public var unit: Unit

    public init(stage: String, done: Int64, total: Int64?, unit: Unit) {
        self.stage = stage
        self.done = done
        self.total = total
        self.unit = unit
    }
}

/// Where long stages report their progress: a closure the caller (the CLI) supplies, or nothing.
///
/// Stages report per chunk or batch (megabytes of a file, thousands of rows, one replicate), never
/// per row, and check `isOn` before building an update, so a run without a reporter pays one
/// branch per batch. The closure may be called from any thread (reading and bootstrap threads).
public struct ProgressReporter: Sendable {
    public typealias Sink = @Sendable (ProgressUpdate) -> Void
    private let sink: Sink?

    public init(_ sink: Sink?) { self.sink = sink }

    /// Reports nothing.
    public static let off = ProgressReporter(nil)

    /// Whether anyone listens (callers skip building updates otherwise).
    @inline(__always) public var isOn: Bool { sink != nil }

    /// Reports `done` of `total` for `stage`.
    @inline(__always)
    public func report(_ stage: @autoclosure () -> String, done: Int64, total: Int64?, unit: ProgressUpdate.Unit) {
        guard let sink else { return }
        sink(ProgressUpdate(stage: stage(), done: done, total: total, unit: unit))
    }
}
