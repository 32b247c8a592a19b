import ArgumentParser
import EvalKit
import EvalKitData
import EvalKitReports
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

    @Option(help: "The run that change gates (max_drop, max_relative_drop) compare with: a results.json path.")
    var baseline: String?

    @Flag(help: "Accept a baseline computed with another scheme or other ground-truth files (noted in the results).")
    var allowDifferentData = false

    func run() throws {
        let result: RunResult
        let started = Date()
        do {
            let planned = try Engine.plan(schemePath: scheme)
            let baselineRun = try baseline.map { try Baseline.load(resultsPath: $0) }
            result = try Engine.run(planned, baseline: baselineRun, allowDifferentData: allowDifferentData,
                                    recordOutcomes: out != nil)
            if let out { try ResultFiles.write(result, to: out) }
            if let junit { try ResultFiles.writeJUnit(result, to: junit, duration: Date().timeIntervalSince(started)) }
        } catch {
            throw ExitCode(report(error))
        }
        for evaluation in result.evaluations {
            for note in evaluation.notes where note.hasPrefix("warning") {
                FileHandle.standardError.write(Data("warning: [\(evaluation.name)] \(note.dropFirst("warning: ".count))\n".utf8))
            }
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

    func run() throws {
        do {
            let planned = try Engine.plan(schemePath: scheme)
            let names = planned.evaluations.map { "\($0.spec.name) (\($0.spec.task))" }.joined(separator: ", ")
            print("\(scheme): valid; \(planned.evaluations.count) evaluation(s): \(names)")
        } catch {
            throw ExitCode(report(error))
        }
    }
}
