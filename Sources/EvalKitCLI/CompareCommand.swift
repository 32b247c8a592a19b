import ArgumentParser
import EvalKit
import EvalKitData
import EvalKitMetrics
import EvalKitReports
import EvalKitStore
import Foundation

/// `evalkit compare A B`: metric deltas between two runs, worst regressions first. A run is a
/// results.json path, or a run id or tag of the history (`RunReference`, as `run --baseline`).
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two runs (results.json files, or run ids or tags of the history): metric deltas overall and per slice.",
        discussion: """
            A run is a results.json path, or a run id or tag of the history, as for `evalkit run --baseline`.
            With the runs' per-item outcomes (written by `evalkit run --out DIR` as DIR/outcomes/, and kept in the history
            for tagged runs), also counts the items that changed outcome and lists the first ones that became wrong, with
            their ids, labels and predictions.
            The history is --history PATH, else $\(RunHistory.environmentVariable), else the nearest .evalkit/history.sqlite
            in the current directory or a parent (up to the git repository's top), the same rule as evalkit run.
            """)

    @Argument(help: "The earlier run: a results.json path, or a run id or tag of the history.", completion: .resultsFile)
    var before: String

    @Argument(help: "The later run: a results.json path, or a run id or tag of the history.", completion: .resultsFile)
    var after: String

    @Flag(help: "Also list per-slice deltas (overall only by default).")
    var slices = false

    @Flag(help: "List unchanged metrics too.")
    var all = false

    @Option(help: "How many items that became wrong to list per evaluation.")
    var examples = 10

    @Option(help: "The history database for run ids and tags (default: $\(RunHistory.environmentVariable), else the nearest .evalkit/history.sqlite).",
            completion: .anyFile)
    var history: String?

    func run() throws {
        let comparison: Comparison
        do {
            let references = [try RunReference(before, usage: "compare"), try RunReference(after, usage: "compare")]
            let historyPath = RunHistory.location(override: history, environment: ProcessInfo.processInfo.environment)
            let runs = try RunReference.load(references, historyPath: historyPath)
            comparison = Comparison.make(runs[0], runs[1])
        } catch {
            throw ExitCode(report(error))
        }
        var out: [String] = []
        out.append("evalkit compare: \(before) → \(after)")
        for note in comparison.notes { out.append("note: \(note)") }
        // A run with privacy aggregate_only lists no items: no outcome is compared, no id printed.
        let aggregateOnly = [(before, comparison.before), (after, comparison.after)].filter { $0.1.privacy == .aggregateOnly }.map(\.0)
        if !aggregateOnly.isEmpty {
            out.append("note: \(PrivacyLevel.withheldNotice) (\(aggregateOnly.joined(separator: ", "))): "
                + "items are not compared and no item is listed")
        }
        let rows = comparison.rows.filter { (slices || $0.slice == nil) && (all || ($0.delta ?? 1) != 0) }
        // Paired intervals of the overall deltas, from both runs' item outcomes when present.
        var paired: [String: [String: Interval]] = [:]
        for name in comparison.after.evaluations.keys where aggregateOnly.isEmpty {
            guard let a = comparison.after.evaluations[name]?.outcomes, let b = comparison.before.evaluations[name]?.outcomes,
                  let table = try? PairedOutcomes(before: b, after: a) else { continue }
            let metrics = rows.filter { $0.evaluation == name && $0.slice == nil && $0.delta != nil }.map(\.metric)
            let config = ClassificationConfig(
                labels: table.labels, positive: a.positive.flatMap { table.labels.firstIndex(of: $0) },
                zeroDivision: ZeroDivisionPolicy(rawValue: a.zeroDivision) ?? .nan)
            paired[name] = table.bootstrap(names: metrics, options: IntervalOptions()) { before, after in
                let x = ClassificationMetrics.compute(before, config, summaryOnly: true).metrics
                let y = ClassificationMetrics.compute(after, config, summaryOnly: true).metrics
                return metrics.map { m in (y[m] ?? .nan) - (x[m] ?? .nan) }
            }
        }
        let sorted = rows.sorted { a, b in
            let wa = a.verdict == "worse", wb = b.verdict == "worse"
            if wa != wb { return wa }
            return abs(a.delta ?? 0) > abs(b.delta ?? 0)
        }
        let f = { (v: Double?) in
            v.map { $0 == $0.rounded() && abs($0) >= 2 ? String(format: "%.0f", $0) : String(format: "%.4f", $0) } ?? "undefined"
        }
        out.append("")
        out.append("evaluation".padding(toLength: 20, withPad: " ", startingAt: 0) + " " + "metric".padding(toLength: 26, withPad: " ", startingAt: 0)
              + "    before     after     delta" + (paired.isEmpty ? "" : "  paired 95% interval of delta"))
        for row in sorted {
            let name = (row.evaluation + (row.slice.map { " [\($0)]" } ?? "")).padding(toLength: 20, withPad: " ", startingAt: 0)
            let delta = row.delta.map { $0 == $0.rounded() && abs($0) >= 2 ? String(format: "%+.0f", $0) : String(format: "%+.4f", $0) } ?? "—"
            let interval = row.slice == nil ? paired[row.evaluation]?[row.metric] : nil
            let intervalText = interval.map { String(format: "[%+.4f, %+.4f]", $0.lower, $0.upper) } ?? ""
            out.append("\(name) \(row.metric.padding(toLength: 26, withPad: " ", startingAt: 0)) \(f(row.before).leftPad(9)) \(f(row.after).leftPad(9)) \(delta.leftPad(9))  "
                  + (paired.isEmpty ? "" : intervalText.padding(toLength: 24, withPad: " ", startingAt: 0) + "  ") + row.verdict)
        }
        let worse = rows.filter { $0.verdict == "worse" }.count
        out.append("")
        out.append("\(worse) metric(s) worse, \(rows.filter { $0.verdict == "better" }.count) better, of \(rows.count) listed")
        for name in comparison.after.evaluations.keys.sorted() where aggregateOnly.isEmpty {
            guard let a = comparison.after.evaluations[name], let b = comparison.before.evaluations[name],
                  let afterOutcomes = a.outcomes, let beforeOutcomes = b.outcomes,
                  var changed = ChangedOutcomes.make(beforeOutcomes, afterOutcomes, examples: examples) else { continue }
            if let truth = a.groundTruthPath {
                let surface = a.task.flatMap(TaskRegistry.kind(named:))?.surface.manifest ?? TaskRegistry.anyManifest
                let idColumn = a.manifestPath.flatMap { try? DatasetManifest.load(path: $0, display: $0, surface: surface).idColumn } ?? "id"
                changed.readIds(groundTruth: truth, idColumn: idColumn)
            }
            out.append("")
            out.append("\(name): \(changed.compared) items compared; \(changed.becameWrong) became wrong, \(changed.becameRight) became right")
            // One paired interval per change: the metric table's, when it has accuracy.
            let interval = paired[name]?["accuracy"] ?? changed.accuracyChangeInterval()
            out.append("  accuracy \(String(format: "%.4f", changed.accuracyBefore)) → \(String(format: "%.4f", changed.accuracyAfter)); "
                  + "paired 95% interval of the change "
                  + (interval.map { String(format: "[%+.4f, %+.4f]", $0.lower, $0.upper) } ?? "undefined")
                  + "; McNemar exact p = \(JSONOutput.format(changed.mcnemarPValue))")
            for item in changed.examples {
                out.append("  row \(item.row + 1)" + (item.id.map { " id \($0)" } ?? "") + ": truth \(item.truth), before \(item.before), after \(item.after)")
            }
        }
        do {
            try StandardStreams.write(Data((out.joined(separator: "\n") + "\n").utf8), to: .output)
        } catch {
            throw ExitCode(report(InputError(file: "standard output", message: "cannot write: \(error)")))
        }
    }
}

extension String {
    func leftPad(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
