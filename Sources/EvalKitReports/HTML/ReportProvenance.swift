import EvalKit
import Foundation

/// What the HTML report says about its making beyond the `RunResult` (which carries the scheme's
/// and the data files' digests and evalkit's version): when the run was made and the git commit
/// of the repository that holds the scheme. Tests and golden files pass fixed values.
public struct ReportProvenance: Sendable, Equatable {
    /// When the run was made (the command's start).
    public var time: Date
    /// The commit `HEAD` names in the git repository holding the scheme; nil outside one.
    public var gitCommit: String?

    public init(time: Date, gitCommit: String?) {
        self.time = time
        self.gitCommit = gitCommit
    }

    /// The provenance of a run of the scheme at `schemePath` made at `time`: the commit is read
    /// from the repository files around the scheme's directory (`GitHead`; no `git` process).
    public static func capture(schemePath: String, time: Date = Date()) -> ReportProvenance {
        let directory = URL(fileURLWithPath: schemePath).deletingLastPathComponent().path
        return ReportProvenance(time: time, gitCommit: GitHead.commit(near: directory))
    }

    /// `time` in ISO 8601, UTC, to the second: `2026-11-21T09:30:00Z`.
    public var timeText: String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: time)
    }
}
