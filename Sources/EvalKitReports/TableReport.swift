import EvalKit
import EvalKitData

/// The terminal report: readable at 80 columns, gates first-class, colour only on a terminal.
public enum TableReport {
    public static func render(_ result: RunResult, style: TerminalStyle) -> String {
        var out: [String] = []
        out.append(style.bold("evalkit \(result.version)") + " · scheme \(result.schemeName) (\(result.schemePath))")
        for evaluation in result.evaluations {
            out.append("")
            out += section(evaluation, style: style)
        }
        if !result.gates.isEmpty {
            out.append("")
            out.append(style.bold("Gates"))
            let width = min(40, result.gates.map { $0.gate.count }.max() ?? 0)
            for gate in result.gates {
                let mark = gate.passed ? style.green("PASS") : style.red("FAIL")
                let observed = gate.observed.map { NumberFormatting.value($0, key: gate.metric) } ?? "undefined"
                let scope = result.evaluations.count > 1 ? "  [\(gate.evaluation)]" : ""
                out.append("  \(mark)  \(NumberFormatting.pad(gate.gate, width))  observed \(observed)\(scope)")
            }
        }
        out.append("")
        let failed = result.gates.filter { !$0.passed }.count
        if result.gates.isEmpty {
            out.append("Result: " + style.green("done") + " (no gates)")
        } else if failed == 0 {
            out.append("Result: " + style.green("PASSED") + " (\(result.gates.count) of \(result.gates.count) gates passed)")
        } else {
            out.append("Result: " + style.red("FAILED") + " (\(failed) of \(result.gates.count) gates failed)")
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func section(_ e: EvaluationResult, style: TerminalStyle) -> [String] {
        var out: [String] = []
        out.append(style.bold("▸ \(e.name)") + " · \(e.task)")
        out.append("  dataset      \(e.datasetName)" + (e.manifestPath.map { " (\($0))" } ?? ""))
        for file in e.files {
            out.append("  " + NumberFormatting.pad(file.role.replacingOccurrences(of: "_", with: " "), 12)
                       + " \(file.path), \(NumberFormatting.count(file.rows)) rows, sha256 \(NumberFormatting.shortDigest(file.sha256))")
        }
        out.append("  evaluated    \(NumberFormatting.count(e.computed.count)) items"
                   + " (matched \(NumberFormatting.count(e.inputs.matched)), missing \(NumberFormatting.count(e.inputs.missing)),"
                   + " extra \(NumberFormatting.count(e.inputs.extra)))")
        out.append("")
        out += metricColumns(e.computed.metrics)
        if !e.computed.perClass.isEmpty { out.append(""); out += perClassTable(e.computed.perClass) }
        if let confusion = e.computed.confusion, confusion.labels.count <= 12 {
            out.append("")
            out += confusionTable(confusion)
        }
        if !e.computed.operatingPoints.isEmpty {
            out.append("")
            out.append("  Operating points")
            for point in e.computed.operatingPoints {
                let parts = point.metrics.keys.filter { $0 != "threshold" && $0 != "tpr" }.prefix(4).map {
                    "\($0) \(NumberFormatting.value(point.metrics[$0]!, key: $0))"
                }
                out.append("    \(point.targetMetric) \(JSONOutput.format(point.targetValue)) at threshold "
                           + NumberFormatting.value(point.threshold, key: "threshold") + ":")
                out.append("      " + parts.joined(separator: " · "))
            }
        }
        if !e.notes.isEmpty {
            out.append("")
            out.append("  Notes")
            for note in e.notes { out.append("  - " + (note.hasPrefix("warning") ? style.yellow(note) : note)) }
        }
        return out
    }

    /// Metrics in two columns of `name value` pairs (38 characters each).
    static func metricColumns(_ metrics: MetricValues) -> [String] {
        let cells = metrics.keys.map { key in
            NumberFormatting.pad(key, 24) + NumberFormatting.pad(NumberFormatting.value(metrics[key]!, key: key), 12, right: true)
        }
        var out: [String] = []
        let half = (cells.count + 1) / 2
        for i in 0..<half {
            var line = "  " + cells[i]
            if i + half < cells.count { line += "    " + cells[i + half] }
            out.append(line)
        }
        return out
    }

    static func perClassTable(_ rows: [(label: String, metrics: MetricValues)]) -> [String] {
        let columns = ["precision", "recall", "f1", "support"].filter { key in rows.contains { $0.metrics[key] != nil } }
        let labelWidth = min(20, max(8, rows.map { $0.label.count }.max() ?? 0))
        var out = ["  " + NumberFormatting.pad("class", labelWidth) + columns.map { NumberFormatting.pad($0, 11, right: true) }.joined()]
        for row in rows {
            let label = row.label.count > labelWidth ? String(row.label.prefix(labelWidth - 1)) + "…" : row.label
            out.append("  " + NumberFormatting.pad(label, labelWidth) + columns.map { key in
                NumberFormatting.pad(row.metrics[key].map { NumberFormatting.value($0, key: key) } ?? "", 11, right: true)
            }.joined())
        }
        return out
    }

    static func confusionTable(_ confusion: ConfusionTable) -> [String] {
        let labels = confusion.labels.map { $0.count > 10 ? String($0.prefix(9)) + "…" : $0 }
        let cellWidth = max(8, (confusion.counts.flatMap { $0 }.map { NumberFormatting.count(Int($0)).count }.max() ?? 0) + 2,
                            (labels.map(\.count).max() ?? 0) + 2)
        let labelWidth = max(8, (labels.map(\.count).max() ?? 0) + 2)
        var out = ["  Confusion matrix (rows: truth, columns: predicted)"]
        out.append("  " + NumberFormatting.pad("", labelWidth) + labels.map { NumberFormatting.pad($0, cellWidth, right: true) }.joined())
        for (label, row) in zip(labels, confusion.counts) {
            out.append("  " + NumberFormatting.pad(label, labelWidth)
                       + row.map { NumberFormatting.pad(NumberFormatting.count(Int($0)), cellWidth, right: true) }.joined())
        }
        return out
    }
}
