import ArgumentParser
import EvalKit
import EvalKitData
import EvalKitSession
import Foundation

/// `evalkit run SCHEME`: evaluate, print the report, write results, exit by the gates.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scheme: compute metrics, check gates, print a report.")

    @Argument(help: "The scheme file (JSON).", completion: .schemeFile)
    var scheme: String

    @OptionGroup var output: OutputOptions

    @Option(name: .customLong("predictions"), help: ArgumentHelp(
        "Evaluate this predictions file instead of the scheme's: PATH (a scheme with one evaluation) or NAME=PATH; - reads standard input.",
        valueName: "[NAME=]PATH"), completion: .anyFile)
    var predictions: [String] = []

    @OptionGroup(title: "Sharded runs (docs/scale.md)")
    var sharding: ShardOptions

    @OptionGroup var threading: ThreadOptions

    /// Plans the scheme (its errors come first), then hands the output policy to `RunSession`
    /// with the engine as the producer.
    func run() throws {
        let started = Date()
        let status: Int32
        do {
            let threads = try threading.resolved()
            if sharding.isSharded {
                throw ExitCode(try sharding.run(scheme: scheme, predictions: predictions, quiet: output.quiet, threads: threads, conflicting: [
                    ("--out", output.out != nil), ("--junit", output.junit != nil), ("--baseline", output.baseline != nil),
                    ("--tag", output.tag != nil),
                ]))
            }
            let planned = try Engine.plan(schemePath: scheme, predictions: predictions)
            status = try RunSession.execute(options: output.settings, inputPaths: planned.inputPaths, started: started, threads: threads) { request in
                try Engine.run(planned, baseline: request.baseline, allowDifferentData: request.allowDifferentData,
                               recordOutcomes: request.recordOutcomes, progress: request.progress, threads: threads)
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw ExitCode(report(error))
        }
        throw ExitCode(status)
    }
}
