import EvalKit
import EvalKitData
import Foundation

/// A run's output policy as one call, for every command that produces a `RunResult` (`run` from
/// `Engine.run`, `merge` from shard states): prepare the outputs (`PreparedOutputs`), produce the
/// result, then write, print and record it (`PreparedOutputs.finish`). The order keeps a failed
/// run from leaving anything behind (docs/ci.md, "What a run writes").
public enum RunSession {
    /// Runs the policy and returns the exit status by the gates (0 or 1). `inputPaths` are the
    /// files `produce` reads (no output may overwrite one); `started` is when the command began.
    /// Errors propagate (an `InputError` is exit 2, anything else 3), after the progress line is
    /// cleared. The progress line is drawn on standard error unless `--quiet`. `threads` also
    /// encode the plots.
    public static func execute(options: RunOutputOptions, inputPaths: [String], started: Date = Date(),
                               environment: [String: String] = ProcessInfo.processInfo.environment, threads: Threads = .available,
                               produce: (ResultRequest) throws -> RunResult) throws -> Int32 {
        let progress = ProgressLine.forStandardError(quiet: options.quiet, since: started)
        do {
            let outputs = try PreparedOutputs(options: options, inputPaths: inputPaths, environment: environment)
            let result = try produce(outputs.request(progress: progress?.reporter ?? .off))
            progress?.finish()
            return try outputs.finish(result, started: started, threads: threads)
        } catch {
            progress?.finish()
            throw error
        }
    }
}
