import EvalKit
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where, when and with what a run was made. The scheme's sha256 and the dataset and predictions
/// digests come from the `RunResult` itself; this adds what the result does not know.
public struct RunProvenance: Sendable, Equatable {
    /// The evalkit version that made the run.
    public var evalkitVersion: String
    /// `HEAD` of the git work tree that holds the scheme, when there is one.
    public var gitCommit: String?
    /// The host name of the machine.
    public var host: String
    public var startedAt: Date
    public var finishedAt: Date
    /// The run's exit status (0 passed, 1 a gate failed).
    public var exitStatus: Int32

    public init(
        evalkitVersion: String = EvalKitVersion.current, gitCommit: String?, host: String,
        startedAt: Date, finishedAt: Date, exitStatus: Int32
    ) {
        self.evalkitVersion = evalkitVersion
        self.gitCommit = gitCommit
        self.host = host
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.exitStatus = exitStatus
    }

    /// Captures the provenance of a run of the scheme at `schemePath`: the git commit of the
    /// scheme's directory (nil when it is in no repository or one without a commit; this never
    /// fails), the host name and evalkit's version.
    public static func capture(schemePath: String, startedAt: Date, finishedAt: Date, exitStatus: Int32) -> RunProvenance {
        let directory = URL(fileURLWithPath: schemePath).deletingLastPathComponent().path
        return RunProvenance(
            gitCommit: gitCommit(of: directory), host: hostName(),
            startedAt: startedAt, finishedAt: finishedAt, exitStatus: exitStatus)
    }

    /// The commit `HEAD` names in the repository holding `directory` (`GitHead`, read from the
    /// repository's files, no `git` process), or nil outside a repository or before its first commit.
    public static func gitCommit(of directory: String) -> String? {
        GitHead.commit(near: directory)
    }

    /// The machine's host name (`gethostname`), or `unknown`.
    public static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "unknown" : name
    }
}
