import ArgumentParser
import EvalKitData
import EvalKitReports
import EvalKitStore
import Foundation

/// Formats of `evalkit history`.
enum HistoryFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}

/// `evalkit history`: the runs recorded in the history, or one metric's trend across them.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List recorded runs, or print a metric's trend across runs.",
        discussion: """
            Without --metric: one line per run (id, time, tag, scheme, passed, exit status, git commit).
            With --metric: the metric's value in each run (overall, or of one slice with --slice),
            its interval and the change from the previous run.
            The history is --history PATH, else $\(RunHistory.environmentVariable), else the nearest .evalkit/history.sqlite
            in the current directory or a parent (up to the git repository's top), the same rule as evalkit run.
            """)

    @Option(help: "Only runs of the scheme with this name.")
    var scheme: String?

    @Option(help: "Print this metric's trend (e.g. f1).")
    var metric: String?

    @Option(help: "Only this evaluation of the scheme (by name).")
    var evaluation: String?

    @Option(help: "The slice whose values to print, e.g. race=Black or race=Black,sex=Female.")
    var slice: String?

    @Option(help: "The history database (default: $\(RunHistory.environmentVariable), else the nearest .evalkit/history.sqlite).",
            completion: .anyFile)
    var history: String?

    @Option(help: "Output format: \(HistoryFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: HistoryFormat = .table

    func validate() throws {
        if metric == nil && (slice != nil || evaluation != nil) {
            throw ValidationError("--slice and --evaluation select a metric's values: add --metric NAME")
        }
    }

    func run() throws {
        let text: String
        do {
            text = try render()
        } catch {
            throw ExitCode(report(error))
        }
        do {
            try StandardStreams.write(Data(text.utf8), to: .output)
        } catch {
            throw ExitCode(report(InputError(file: "standard output", message: "cannot write: \(error)")))
        }
    }

    func render() throws -> String {
        let path = RunHistory.location(override: history, environment: ProcessInfo.processInfo.environment)
        guard FileManager.default.fileExists(atPath: path) else {
            throw InputError(file: path, message: "no run history here",
                             hint: "evalkit run records each run in the nearest .evalkit/history.sqlite of the current directory "
                                + "or its parents (up to the git repository's top); pass --history PATH or set \(RunHistory.environmentVariable)")
        }
        let store = try RunHistory(path: path)
        guard let metric else {
            let runs = try store.runs(scheme: scheme)
            if runs.isEmpty, let scheme { try checkNames(store, path: path, scheme: scheme) }
            return format == .json ? HistoryReport.runsJSON(runs, path: path) : HistoryReport.runsTable(runs)
        }
        let points = try store.trend(scheme: scheme, metric: metric, evaluation: evaluation, slice: slice)
        if points.isEmpty {
            try checkNames(store, path: path, scheme: scheme, metric: metric, evaluation: evaluation)
            if let slice {
                throw InputError(file: path, message: "no run recorded \(metric) for the slice \(slice)",
                                 hint: "slices are named attribute=value as in results.json's \"by\", e.g. race=Black,sex=Female")
            }
        }
        if format == .json {
            return HistoryReport.trendJSON(points, metric: metric, slice: slice.flatMap(SliceKey.normalized), path: path)
        }
        return HistoryReport.trendTable(points, metric: metric)
    }

    /// Explains an empty answer: a scheme, metric or evaluation name that no run has.
    func checkNames(_ store: RunHistory, path: String, scheme: String?, metric: String? = nil, evaluation: String? = nil) throws {
        let names = try store.names()
        let checks: [(String, String?, [String])] = [
            ("scheme", scheme, names.schemes), ("metric", metric, names.metrics), ("evaluation", evaluation, names.evaluations),
        ]
        for (field, value, known) in checks {
            guard let value, !known.contains(value) else { continue }
            throw InputError(file: path, field: field, expected: "a \(field) name of a recorded run", found: quoted(value),
                             hint: didYouMean(value, known) ?? (known.isEmpty ? "the history has no runs yet"
                                 : "known: " + known.prefix(20).joined(separator: ", ")))
        }
    }
}
