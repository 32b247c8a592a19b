import ArgumentParser
import EvalKitSession

extension ReportFormat: ExpressibleByArgument {}

/// The options of a command that produces a run (`run`, and `merge`): what to write, print and
/// record. `@OptionGroup var output: OutputOptions`, then `RunSession.execute(options: output.settings, …)`.
struct OutputOptions: ParsableArguments {
    @Option(help: "Write results.json (and other result files) into this directory.", completion: .directory)
    var out: String?

    @Option(help: "Report format on standard output: \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: ReportFormat = .table

    @Option(help: "Write a JUnit XML report (one test case per gate) to this file.", completion: .junitFile)
    var junit: String?

    @Option(help: "The run that change gates (max_drop, max_relative_drop) compare with: a results.json path, or a run id or tag of the history.",
            completion: .resultsFile)
    var baseline: String?

    @Option(help: "Tag this run in the history (e.g. release-2026-11); a tag names one run.")
    var tag: String?

    @Option(help: "The run history database (default: $EVALKIT_HISTORY, else the nearest .evalkit/history.sqlite in the current directory or a parent).",
            completion: .anyFile)
    var history: String?

    @Flag(help: "Do not record this run in the history.")
    var noHistory = false

    @Flag(help: "Accept a baseline computed with another scheme or other ground-truth files (noted in the results).")
    var allowDifferentData = false

    @Flag(help: "No progress line and no `recorded run` note on standard error (warnings and errors still print).")
    var quiet = false

    func validate() throws {
        if tag != nil && noHistory { throw ValidationError("--tag needs the history; remove --no-history") }
        if tag?.isEmpty == true { throw ValidationError("--tag needs a name") }
    }

    /// The library's form of these options.
    var settings: RunOutputOptions {
        RunOutputOptions(out: out, format: format, junit: junit, baseline: baseline, tag: tag, history: history,
                         noHistory: noHistory, allowDifferentData: allowDifferentData, quiet: quiet)
    }
}
