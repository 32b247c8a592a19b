import ArgumentParser
import EvalKit
import EvalKitData
import EvalKitSession
import Foundation

/// `evalkit merge STATE...`: the states of every shard of a run (`evalkit run --shard I/N
/// --state-out FILE`) merged into the results, gates, reports, exit code and history entry of
/// the unsharded run (docs/scale.md).
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the state files of every shard of a run: compute metrics, check gates, print a report, as run does.")

    @Argument(help: "The state files, one per shard (any order).", completion: .stateFile)
    var states: [String] = []

    @Option(help: "The scheme to plan the merge with (default: the path the shards recorded); its sha256 must be the shards'.",
            completion: .schemeFile)
    var scheme: String?

    @OptionGroup var output: OutputOptions

    @OptionGroup var threading: ThreadOptions

    func run() throws {
        let started = Date()
        let status: Int32
        do {
            let threads = try threading.resolved()
            let files = try states.map(StateFile.read(path:))
            try Engine.checkShards(files)
            let inputPaths = states + [scheme ?? files[0].schemePath]
            status = try RunSession.execute(options: output.settings, inputPaths: inputPaths, started: started, threads: threads) { request in
                try Engine.merge(files, schemePath: scheme, baseline: request.baseline,
                                 allowDifferentData: request.allowDifferentData, progress: request.progress, threads: threads)
            }
        } catch {
            throw ExitCode(report(error))
        }
        throw ExitCode(status)
    }
}
