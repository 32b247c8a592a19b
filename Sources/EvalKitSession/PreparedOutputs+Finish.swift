import EvalKit
import EvalKitData
import EvalKitReports
import EvalKitStore
import Foundation

extension PreparedOutputs {
    /// The second half of the policy, once the result exists: stage the result files, print the
    /// evaluations' warnings and the report, then record the history row and move the files into
    /// place inside its transaction (or just move them, without a history). Returns the exit
    /// status by the gates (0 passed, 1 a gate failed); on any error nothing is left behind.
    /// `started` is when the command began (JUnit duration, provenance); `threads` encode the plots.
    public func finish(_ result: RunResult, started: Date, threads: Threads = .available) throws -> Int32 {
        let status = result.passed ? ExitStatus.passed : ExitStatus.gateFailed
        let files = StagedFiles(inputs: inputs)
        var recorded: Int64?
        do {
            if let out = options.out {
                let earlier = ResultFiles.earlierItemLevelFiles(in: out, result: result)
                if !earlier.isEmpty {
                    StandardStreams.error("warning: \(out) holds files this aggregate_only run does not write, item-level outputs of "
                        + "an earlier run perhaps: \(earlier.prefix(10).joined(separator: ", "))\(earlier.count > 10 ? ", …" : ""); "
                        + "they are left as they are: remove them before sharing the directory\n")
                }
                try ResultFiles.stage(result, into: out, files: files,
                                      provenance: .capture(schemePath: result.schemePath, time: started), threads: threads)
            }
            if let junitDestination {
                try ResultFiles.stageJUnit(result, to: junitDestination, duration: Date().timeIntervalSince(started), files: files)
            }
            for evaluation in result.evaluations {
                for note in evaluation.notes where note.hasPrefix("warning") {
                    StandardStreams.error("warning: [\(evaluation.name)] \(note.dropFirst("warning: ".count))\n")
                }
            }
            if junitDestination != .standardOutput {
                do {
                    try StandardStreams.write(Data(options.format.render(result).utf8), to: .output)
                } catch let failure as StandardStreams.WriteFailure {
                    throw InputError(file: "standard output", message: "cannot write the report: \(failure)",
                                     hint: "nothing was recorded and no result file was written")
                }
            }
            if let history, !options.noHistory {
                let provenance = RunProvenance.capture(schemePath: result.schemePath, startedAt: started, finishedAt: Date(),
                                                       exitStatus: status)
                recorded = try history.record(result, provenance: provenance, tag: options.tag) { try files.commit() }
                try? history.close()
            } else {
                try files.commit()
            }
        } catch {
            files.discard()
            throw error
        }
        if let recorded, !options.quiet {
            StandardStreams.error("recorded run \(recorded) in \(historyPath)\(options.tag.map { " as \(quoted($0))" } ?? "")\n")
        }
        return status
    }
}
