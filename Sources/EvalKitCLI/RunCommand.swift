import ArgumentParser
import EvalKit
import EvalKitData
import EvalKitReports
import EvalKitStore
import Foundation

/// Report formats for standard output.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, markdown
}

/// `evalkit run SCHEME`: evaluate, print the report, write results, exit by the gates.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scheme: compute metrics, check gates, print a report.")

    @Argument(help: "The scheme file (JSON).")
    var scheme: String

    @Option(help: "Write results.json (and other result files) into this directory.")
    var out: String?

    @Option(help: "Report format on standard output: \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: ReportFormat = .table

    @Option(help: "Write a JUnit XML report (one test case per gate) to this file.")
    var junit: String?

    @Option(help: "The run that change gates (max_drop, max_relative_drop) compare with: a results.json path, or a run id or tag of the history.")
    var baseline: String?

    @Option(help: "Tag this run in the history (e.g. release-2026-11); a tag names one run.")
    var tag: String?

    @Option(help: "The run history database (default: $EVALKIT_HISTORY, else .evalkit/history.sqlite beside the scheme).")
    var history: String?

    @Flag(help: "Do not record this run in the history.")
    var noHistory = false

    @Flag(help: "Accept a baseline computed with another scheme or other ground-truth files (noted in the results).")
    var allowDifferentData = false

    @Option(name: .customLong("predictions"), help: ArgumentHelp(
        "Evaluate this predictions file instead of the scheme's: PATH (a scheme with one evaluation) or NAME=PATH; - reads standard input.",
        valueName: "[NAME=]PATH"))
    var predictions: [String] = []

    @Flag(help: "No progress line and no `recorded run` note on standard error (warnings and errors still print).")
    var quiet = false

    func validate() throws {
        if tag != nil && noHistory { throw ValidationError("--tag needs the history; remove --no-history") }
        if tag?.isEmpty == true { throw ValidationError("--tag needs a name") }
    }

    func run() throws {
        let result: RunResult
        let started = Date()
        var recordedRun: (Int64, String)?
        let progress = ProgressLine.forStandardError(quiet: quiet)
        do {
            let planned = try Engine.plan(schemePath: scheme, predictions: predictions)
            let historyPath = RunHistory.defaultPath(schemePath: scheme, override: history,
                                                     environment: ProcessInfo.processInfo.environment)
            var store: RunHistory?
            let historyBaseline = baseline.map { !FileManager.default.fileExists(atPath: $0) } == true
            if let baseline, historyBaseline, baseline.hasSuffix(".json") || baseline.contains("/") {
                throw InputError(file: baseline, message: "file not found",
                                 hint: "--baseline takes a results.json path, or a run id or tag of the history")
            }
            let explicitHistory = history != nil || ProcessInfo.processInfo.environment[RunHistory.environmentVariable] != nil
            if !noHistory || historyBaseline {
                do {
                    store = try RunHistory(path: historyPath)
                } catch where !explicitHistory && !historyBaseline && tag == nil {
                    // The default history beside the scheme is a convenience: a read-only checkout
                    // must still run. A history the user named, a tag or a history baseline must work.
                    FileHandle.standardError.write(Data("warning: run not recorded: \(error)\n".utf8))
                }
            }
            if let tag, let store { try store.checkNewTag(tag) }
            var baselineRun: Baseline?
            if let baseline {
                if FileManager.default.fileExists(atPath: baseline) {
                    baselineRun = try Baseline.load(resultsPath: baseline)
                } else {
                    let stored = try store!.resolve(baseline)
                    var fromHistory = stored.asBaseline(reference: "\(historyPath) run \(baseline)")
                    for name in fromHistory.evaluations.keys {
                        fromHistory.evaluations[name]?.outcomes = try store!.outcomes(runID: stored.id, evaluation: name)
                    }
                    baselineRun = fromHistory
                }
            }
            if let junit {
                // Checked before anything is written, so a bad path leaves no results.json behind.
                let directory = (junit as NSString).deletingLastPathComponent
                if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
                    throw InputError(file: junit, message: "the directory \(directory) does not exist")
                }
            }
            // Item outcomes (for paired tests against this run later) are kept with --out and for
            // tagged runs, which are meant to be baselines.
            result = try Engine.run(planned, baseline: baselineRun, allowDifferentData: allowDifferentData,
                                    recordOutcomes: out != nil || (tag != nil && !noHistory),
                                    progress: progress?.reporter ?? .off)
            progress?.finish()
            if let out { try ResultFiles.write(result, to: out) }
            if let store, !noHistory {
                let provenance = RunProvenance.capture(schemePath: scheme, startedAt: started, finishedAt: Date(),
                                                       exitStatus: result.passed ? ExitStatus.passed : ExitStatus.gateFailed)
                let id = try store.record(result, provenance: provenance, tag: tag)
                recordedRun = (id, historyPath)
            }
            if let junit { try ResultFiles.writeJUnit(result, to: junit, duration: Date().timeIntervalSince(started)) }
        } catch {
            progress?.finish()
            throw ExitCode(report(error))
        }
        for evaluation in result.evaluations {
            for note in evaluation.notes where note.hasPrefix("warning") {
                FileHandle.standardError.write(Data("warning: [\(evaluation.name)] \(note.dropFirst("warning: ".count))\n".utf8))
            }
        }
        if let (id, path) = recordedRun, !quiet {
            FileHandle.standardError.write(Data("recorded run \(id) in \(path)\(tag.map { " as \(quoted($0))" } ?? "")\n".utf8))
        }
        let text: String
        switch format {
        case .table: text = TableReport.render(result, style: .forStandardOutput())
        case .json: text = ResultsJSON.text(result)
        case .markdown: text = MarkdownReport.render(result)
        }
        FileHandle.standardOutput.write(Data(text.utf8))
        throw ExitCode(result.passed ? ExitStatus.passed : ExitStatus.gateFailed)
    }
}

/// `evalkit validate SCHEME`: check the scheme and its data bindings without computing.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a scheme, its dataset manifests and the columns of its files, without computing.")

    @Argument(help: "The scheme file (JSON).")
    var scheme: String

    @Option(name: .customLong("predictions"), help: ArgumentHelp(
        "Check this predictions file instead of the scheme's: PATH (a scheme with one evaluation) or NAME=PATH; - reads standard input.",
        valueName: "[NAME=]PATH"))
    var predictions: [String] = []

    func run() throws {
        do {
            let planned = try Engine.plan(schemePath: scheme, predictions: predictions)
            let names = planned.evaluations.map { "\($0.spec.name) (\($0.spec.task))" }.joined(separator: ", ")
            print("\(scheme): valid; \(planned.evaluations.count) evaluation(s): \(names)")
        } catch {
            throw ExitCode(report(error))
        }
    }
}
