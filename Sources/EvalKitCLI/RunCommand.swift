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

    @Option(help: "The run history database (default: $EVALKIT_HISTORY, else the nearest .evalkit/history.sqlite in the current directory or a parent).")
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

    @OptionGroup(title: "Sharded runs (docs/scale.md)")
    var sharding: ShardOptions

    func validate() throws {
        if tag != nil && noHistory { throw ValidationError("--tag needs the history; remove --no-history") }
        if tag?.isEmpty == true { throw ValidationError("--tag needs a name") }
    }

    func run() throws {
        let started = Date()
        if sharding.isSharded {
            do {
                throw ExitCode(try sharding.run(scheme: scheme, predictions: predictions, quiet: quiet, conflicting: [
                    ("--out", out != nil), ("--junit", junit != nil), ("--baseline", baseline != nil), ("--tag", tag != nil),
                ]))
            } catch let exit as ExitCode {
                throw exit
            } catch {
                throw ExitCode(report(error))
            }
        }
        let progress = ProgressLine.forStandardError(quiet: quiet)
        do {
            try execute(started: started, progress: progress)
        } catch let exit as ExitCode {
            throw exit
        } catch {
            progress?.finish()
            throw ExitCode(report(error))
        }
    }

    /// The run, in the order that keeps a failed run from leaving anything behind: plan; check
    /// every output place; compute; stage the result files; print the report; record the history
    /// row and, inside its transaction, move the files into place (docs/ci.md, "What a run writes").
    private func execute(started: Date, progress: ProgressLine?) throws {
        let planned = try Engine.plan(schemePath: scheme, predictions: predictions)
        let environment = ProcessInfo.processInfo.environment
        let historyPath = RunHistory.location(override: history, environment: environment)
        let historyBaseline = baseline.map { !FileManager.default.fileExists(atPath: $0) } == true
        if let baseline, historyBaseline, baseline.hasSuffix(".json") || baseline.contains("/") {
            throw InputError(file: baseline, message: "file not found",
                             hint: "--baseline takes a results.json path, or a run id or tag of the history")
        }
        // Every output place is checked before any computation; no output may be an input.
        let inputs = InputFiles(planned.inputPaths + [historyPath] + (historyBaseline ? [] : baseline.map { [$0] } ?? []))
        if let out {
            try OutputDestination.checkDirectory(out, what: "--out")
            try inputs.checkNotAnInput((out as NSString).appendingPathComponent("results.json"), what: "--out")
        }
        let junitDestination = try junit.map { path in
            let destination = try OutputDestination.check(path, what: "--junit", willCreate: out.map { [$0] } ?? [])
            if case .replace(let target) = destination { try inputs.checkNotAnInput(target, what: "--junit") }
            return destination
        }
        let explicitHistory = history != nil || environment[RunHistory.environmentVariable] != nil
        var store: RunHistory?
        if !noHistory || historyBaseline {
            do {
                store = try RunHistory(path: historyPath)
            } catch where !explicitHistory && !historyBaseline && tag == nil {
                // The default history is a convenience: a read-only checkout must still run. A
                // history the user named, a tag or a history baseline must work.
                StandardStreams.error("warning: run not recorded: \(error)\n")
            }
        }
        if let tag, let store { try store.checkNewTag(tag) }
        var baselineRun: Baseline?
        if let baseline {
            if !historyBaseline {
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
        // Item outcomes (for paired tests against this run later) are kept with --out and for
        // tagged runs, which are meant to be baselines.
        let result = try Engine.run(planned, baseline: baselineRun, allowDifferentData: allowDifferentData,
                                    recordOutcomes: out != nil || (tag != nil && !noHistory),
                                    progress: progress?.reporter ?? .off)
        progress?.finish()
        let status = result.passed ? ExitStatus.passed : ExitStatus.gateFailed

        let files = StagedFiles(inputs: inputs)
        var recorded: Int64?
        do {
            if let out { try ResultFiles.stage(result, into: out, files: files) }
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
                    try StandardStreams.write(Data(reportText(result).utf8), to: .output)
                } catch let failure as StandardStreams.WriteFailure {
                    throw InputError(file: "standard output", message: "cannot write the report: \(failure)",
                                     hint: "nothing was recorded and no result file was written")
                }
            }
            if let store, !noHistory {
                let provenance = RunProvenance.capture(schemePath: scheme, startedAt: started, finishedAt: Date(),
                                                       exitStatus: status)
                recorded = try store.record(result, provenance: provenance, tag: tag) { try files.commit() }
                try? store.close()
            } else {
                try files.commit()
            }
        } catch {
            files.discard()
            throw error
        }
        if let recorded, !quiet {
            StandardStreams.error("recorded run \(recorded) in \(historyPath)\(tag.map { " as \(quoted($0))" } ?? "")\n")
        }
        throw ExitCode(status)
    }

    func reportText(_ result: RunResult) -> String {
        switch format {
        case .table: TableReport.render(result, style: .forStandardOutput())
        case .json: ResultsJSON.text(result)
        case .markdown: MarkdownReport.render(result)
        }
    }
}

/// `evalkit validate SCHEME`: check the scheme and its data bindings without computing.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a scheme and read all its data as run does (every data error run would report), without computing metrics.")

    @Argument(help: "The scheme file (JSON).")
    var scheme: String

    @Option(name: .customLong("predictions"), help: ArgumentHelp(
        "Check this predictions file instead of the scheme's: PATH (a scheme with one evaluation) or NAME=PATH; - reads standard input.",
        valueName: "[NAME=]PATH"))
    var predictions: [String] = []

    func run() throws {
        var lines: [String] = []
        do {
            let planned = try Engine.plan(schemePath: scheme, predictions: predictions)
            let inputs = try Engine.check(planned)
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
