import Foundation

/// A count that several threads add to, reported under one stage after each addition: the
/// progress of work split over threads (embedding tiles, many small files), exact whatever the
/// split. Additions and reports are serialised, so the reported count never goes back.
/// - Complexity: one lock per addition; add per tile or file, never per row.
public final class ProgressTally: @unchecked Sendable {
    private let lock = NSLock()
    private var done: Int64 = 0
    private let reporter: ProgressReporter
    private let stage: String
    private let total: Int64?
    private let unit: ProgressUpdate.Unit

    public init(_ reporter: ProgressReporter, stage: String, total: Int64?, unit: ProgressUpdate.Unit) {
        self.reporter = reporter
        self.stage = stage
        self.total = total
        self.unit = unit
    }

    /// Adds `count` and reports the sum (nothing when no one listens).
    public func add(_ count: Int64 = 1) {
        guard reporter.isOn else { return }
        lock.lock()
        defer { lock.unlock() }
        done += count
        reporter.report(stage, done: done, total: total, unit: unit)
    }
}
