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
    /// scheme's directory (nil when git is absent or the directory is not in a work tree; this
    /// never fails), the host name and evalkit's version.
    public static func capture(schemePath: String, startedAt: Date, finishedAt: Date, exitStatus: Int32) -> RunProvenance {
        let directory = URL(fileURLWithPath: schemePath).deletingLastPathComponent().path
        return RunProvenance(
            gitCommit: gitCommit(of: directory), host: hostName(),
            startedAt: startedAt, finishedAt: finishedAt, exitStatus: exitStatus)
    }

    /// `git -C directory rev-parse HEAD`, or nil when git is absent, the directory is not in a
    /// work tree, or the repository has no commit yet.
    public static func gitCommit(of directory: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory, "rev-parse", "--verify", "--quiet", "HEAD"]
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_TERMINAL_PROMPT"] = "0"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        // A termination handler, not `waitUntilExit`, which on Linux polls every 50 ms and would
        // make this step alone cost more than recording the run.
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do {
            try process.run()
        } catch {
            return nil
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        guard exited.wait(timeout: .now() + 10) == .success else {
            process.terminate()
            return nil
        }
        guard process.terminationReason == .exit, process.terminationStatus == 0 else { return nil }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let isHex = !text.isEmpty && text.unicodeScalars.allSatisfy { CharacterSet(charactersIn: "0123456789abcdef").contains($0) }
        return isHex && (text.count == 40 || text.count == 64) ? text : nil
    }

    /// The machine's host name (`gethostname`), or `unknown`.
    public static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "unknown" : name
    }
}
