import ArgumentParser
import EvalKit
import EvalKitData
import EvalKitReports
import Foundation

/// `evalkit validate SCHEME`: check the scheme and its data bindings without computing.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a scheme and read all its data as run does (every data error run would report), without computing metrics.")

    @Argument(help: "The scheme file (JSON).", completion: .schemeFile)
    var scheme: String

    @Option(name: .customLong("predictions"), help: ArgumentHelp(
        "Check this predictions file instead of the scheme's: PATH (a scheme with one evaluation) or NAME=PATH; - reads standard input.",
        valueName: "[NAME=]PATH"), completion: .anyFile)
    var predictions: [String] = []

    @OptionGroup var threading: ThreadOptions

    func run() throws {
        var lines: [String] = []
        do {
            let planned = try Engine.plan(schemePath: scheme, predictions: predictions)
            let inputs = try Engine.check(planned, threads: try threading.resolved())
            lines.append("\(scheme): valid; \(planned.evaluations.count) evaluation(s)")
            for ((spec, _), read) in zip(planned.evaluations, inputs) {
                var line = "  \(spec.name) (\(spec.task)): \(read.items) ground-truth item(s), \(read.matched) with a prediction"
                if read.missing > 0 { line += ", \(read.missing) missing" }
                if read.extra > 0 { line += ", \(read.extra) extra" }
                lines.append(line + "; \(read.files.count) file(s) read")
                for note in read.notes.map(\.text) where note.hasPrefix("warning") { lines.append("  \(note)") }
                if read.matched == 0 && read.items > 0 {
                    lines.append("  warning: no ground-truth item has a prediction: the run would evaluate nothing")
                }
            }
        } catch {
            throw ExitCode(report(error))
        }
        do {
            try StandardStreams.write(Data((lines.joined(separator: "\n") + "\n").utf8), to: .output)
        } catch {
            throw ExitCode(report(InputError(file: "standard output", message: "cannot write: \(error)")))
        }
    }
}
