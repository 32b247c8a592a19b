import EvalKit
import EvalKitData

/// The terminal report: readable at 80 columns, gates first-class, colour only on a terminal.
public enum TableReport {
    public static func render(_ result: RunResult, style: TerminalStyle) -> String {
        var out: [String] = []
        out.append(style.bold("evalkit \(result.version)") + " · scheme \(result.schemeName) (\(result.schemePath))")
        if result.privacy == .aggregateOnly { out.append(style.yellow(PrivacyLevel.withheldNotice)) }
        for evaluation in result.evaluations {
            out.append("")
            let gated = result.gates.filter { $0.evaluation == evaluation.name }.map(\.metric)
            out += section(evaluation, gated: gated, style: style)
        }
        if !result.gates.isEmpty {
            out.append("")
            out.append(style.bold("Gates"))
            let width = min(50, result.gates.map { $0.gate.count }.max() ?? 0)
            for gate in result.gates {
                let mark = !gate.passed ? style.red("FAIL") : gate.checked ? style.green("PASS") : style.yellow("SKIP")
                let scope = result.evaluations.count > 1 ? "  [\(gate.evaluation)]" : ""
                out.append("  \(mark)  \(NumberFormatting.pad(gate.gate, width))  \(GateText.observed(gate, catalog: result.catalog(ofEvaluation: gate.evaluation)))\(scope)")
                if !gate.passed || !gate.checked, !gate.message.isEmpty {
                    out.append("        " + style.dim(gate.message))
                }
            }
        }
        out.append("")
        out.append("Result: " + GateText.verdict(result, style: style))
        return out.joined(separator: "\n") + "\n"
    }

    static func section(_ e: EvaluationResult, gated: [String], style: TerminalStyle) -> [String] {
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
        out += metricColumns(e.computed.metrics, catalog: e.catalog)
        if !e.computed.perClass.isEmpty {
            out.append("")
            if e.computed.perClass.count <= perClassRowLimit {
                out += perClassTable(e.computed.perClass, catalog: e.catalog)
            } else {
                out.append("  per-class metrics of \(NumberFormatting.count(e.computed.perClass.count)) classes: in results.json "
                           + "(reports list up to \(perClassRowLimit))")
            }
        }
        if let confusion = e.computed.confusion, confusion.labels.count <= 12 {
            out.append("")
            out += confusionTable(confusion)
        }
        if !e.computed.operatingPoints.isEmpty {
            out.append("")
            out.append("  Operating points")
            for point in e.computed.operatingPoints {
                let parts = point.metrics.keys.filter { $0 != "threshold" && $0 != "tpr" }.prefix(4).map {
                    "\($0) \(NumberFormatting.value(point.metrics[$0]!, key: $0, catalog: e.catalog))"
                }
                out.append("    \(point.targetMetric) \(JSONOutput.format(point.targetValue)) at threshold "
                           + NumberFormatting.value(point.threshold, key: "threshold", catalog: e.catalog) + ":")
                out.append("      " + parts.joined(separator: " · "))
            }
        }
        if !e.slices.isEmpty {
            out += sliceTables(e, gated: gated, style: style)
        }
        let shownDisparities = e.disparities.filter { gated.contains($0.metric) || sliceColumns(e, gated: gated).contains($0.metric) }
        if !shownDisparities.isEmpty {
            out.append("")
            out.append("  Disparities over shown slices (all metrics in results.json)")
            for d in shownDisparities {
                let f = { (v: Double) in NumberFormatting.value(v, key: d.metric, catalog: e.catalog) }
                let interval = { (i: Interval?) in i.map { " [\(f($0.lower)), \(f($0.upper))]" } ?? "" }
                out.append("    \(d.metric) by \(d.attributes.joined(separator: " × ")): difference \(f(d.difference))"
                           + interval(d.differenceInterval))
                out.append("      ratio \(f(d.ratio))\(interval(d.ratioInterval)) · min \(f(d.min)), max \(f(d.max))")
                out.append("      min: \(d.minSlice.joined(separator: ", ")) · max: \(d.maxSlice.joined(separator: ", "))")
            }
        }
        if let view = e.robustness {
            out += robustnessTables(e, view: view, gated: gated, style: style)
        }
        if !e.notes.isEmpty {
            out.append("")
            out.append("  Notes")
            for note in e.notes {
                for (i, line) in wrap(note, width: 74).enumerated() {
                    let text = note.hasPrefix("warning") ? style.yellow(line) : line
                    out.append((i == 0 ? "  - " : "    ") + text)
                }
            }
        }
        return out
    }

    /// The metrics shown per slice: those the gates name first, then the reported rates (not
    /// counts); two with intervals, else three.
    static func sliceColumns(_ e: EvaluationResult, gated: [String]) -> [String] {
        let rates = e.computed.metrics.keys.filter { !e.catalog.isCount($0) }
        var chosen: [String] = []
        for key in gated + rates where !chosen.contains(key) && e.slices.contains(where: { $0.metrics[key] != nil }) {
            chosen.append(key)
        }
        let withIntervals = e.slices.contains { !$0.intervals.isEmpty }
        return Array(chosen.prefix(withIntervals ? 2 : 3))
    }

    /// One table per grouping: slice, count, headline metrics (with intervals), suppressed marked;
    /// sorted by the first metric, highest first.
    static func sliceTables(_ e: EvaluationResult, gated: [String], style: TerminalStyle) -> [String] {
        var out: [String] = []
        let columns = sliceColumns(e, gated: gated)
        let withIntervals = e.slices.contains { !$0.intervals.isEmpty }
        let cellWidth = max(withIntervals ? 24 : 12, (columns.map(\.count).max() ?? 0) + 2)
        var groupings: [[String]] = []
        for slice in e.slices where !groupings.contains(slice.attributes) { groupings.append(slice.attributes) }
        for grouping in groupings {
            let slices = e.slices.filter { $0.attributes == grouping }
            let sorted = slices.sorted { a, b in
                if a.suppressed != b.suppressed { return !a.suppressed }
                let x = columns.first.flatMap { a.metrics[$0] } ?? -.infinity
                let y = columns.first.flatMap { b.metrics[$0] } ?? -.infinity
                return (x.isNaN ? -.infinity : x) > (y.isNaN ? -.infinity : y)
            }
            out.append("")
            let labelWidth = min(withIntervals ? 20 : 24, max(12, sorted.map { $0.values.joined(separator: ", ").count }.max() ?? 0))
            out.append("  " + style.bold("By " + grouping.joined(separator: " × ")))
            out.append("  " + NumberFormatting.pad("slice", labelWidth) + NumberFormatting.pad("n", 8, right: true)
                       + columns.map { NumberFormatting.pad($0, cellWidth, right: true) }.joined())
            for slice in sorted {
                var label = slice.values.joined(separator: ", ")
                if label.count > labelWidth { label = String(label.prefix(labelWidth - 1)) + "…" }
                var line = "  " + NumberFormatting.pad(label, labelWidth) + NumberFormatting.pad(NumberFormatting.count(slice.count), 8, right: true)
                if slice.suppressed {
                    line += "  " + style.dim("suppressed (n < \(e.minSliceSize))")
                } else {
                    for key in columns {
                        var cell = slice.metrics[key].map { NumberFormatting.value($0, key: key, catalog: e.catalog) } ?? ""
                        if let i = slice.intervals[key] {
                            cell += " [\(NumberFormatting.value(i.lower, key: key, catalog: e.catalog)), \(NumberFormatting.value(i.upper, key: key, catalog: e.catalog))]"
                        }
                        line += NumberFormatting.pad(cell, cellWidth, right: true)
                    }
                }
                out.append(line)
            }
        }
        return out
    }

    /// The robustness view: one table per shown metric (gated ones first, at most three), its
    /// conditions worst relative drop first, each change's intervals on the line below; then
    /// the view's notes.
    static func robustnessTables(_ e: EvaluationResult, view: RobustnessResult, gated: [String], style: TerminalStyle) -> [String] {
        var out: [String] = []
        let metrics = RobustnessText.shownMetrics(view, gated: gated, limit: 3)
        let labelWidth = min(20, max(10, view.conditions.map(\.value.count).max() ?? 0))
        for metric in metrics {
            out.append("")
            out.append("  " + style.bold("Robustness: " + RobustnessText.title(view, metric: metric, catalog: e.catalog)))
            out.append("  " + NumberFormatting.pad(view.attribute, labelWidth) + NumberFormatting.pad("n", 8, right: true)
                       + NumberFormatting.pad("value", 10, right: true) + NumberFormatting.pad("change", 10, right: true)
                       + NumberFormatting.pad("relative", 10, right: true))
            for (condition, change) in RobustnessText.ranked(view, metric: metric, catalog: e.catalog) {
                var label = condition.value
                if label.count > labelWidth { label = String(label.prefix(labelWidth - 1)) + "…" }
                var line = "  " + NumberFormatting.pad(label, labelWidth) + NumberFormatting.pad(NumberFormatting.count(condition.count), 8, right: true)
                guard !condition.suppressed, let change else {
                    out.append(line + "  " + style.dim("suppressed (n < \(e.minSliceSize))"))
                    continue
                }
                line += NumberFormatting.pad(NumberFormatting.value(change.value, key: metric, catalog: e.catalog), 10, right: true)
                line += NumberFormatting.pad(NumberFormatting.signedValue(change.change, key: metric, catalog: e.catalog), 10, right: true)
                line += NumberFormatting.pad(NumberFormatting.signedPercent(change.relativeChange), 10, right: true)
                out.append(line)
                if change.changeInterval != nil || change.relativeChangeInterval != nil {
                    out.append("  " + String(repeating: " ", count: labelWidth + 8) + style.dim(
                        "change" + RobustnessText.interval(change.changeInterval, key: metric, catalog: e.catalog)
                            + " · relative" + RobustnessText.relativeInterval(change.relativeChangeInterval)))
                }
            }
        }
        if view.metrics.count > metrics.count {
            out.append("  (robustness of \(view.metrics.count) metrics in results.json)")
        }
        for note in view.notes {
            for (i, line) in wrap(note, width: 74).enumerated() { out.append((i == 0 ? "  - " : "    ") + line) }
        }
        return out
    }

    /// Splits text into lines of at most `width` characters at spaces (a longer word stands alone).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }

    /// Metrics in two columns of `name value` pairs (38 characters each).
    static func metricColumns(_ metrics: MetricValues, catalog: MetricCatalog) -> [String] {
        let cells = metrics.keys.map { key in
            NumberFormatting.pad(key, 24) + NumberFormatting.pad(NumberFormatting.value(metrics[key]!, key: key, catalog: catalog), 12, right: true)
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

    /// The most classes whose per-class rows the terminal and Markdown reports print; above it
    /// they point to results.json (a 50,000-class table is not a report). The confusion matrix
    /// is printed up to 12 classes.
    public static let perClassRowLimit = 100

    static func perClassTable(_ rows: [(label: String, metrics: MetricValues)], catalog: MetricCatalog) -> [String] {
        // Classification shows precision/recall/f1/support; other tasks their own first five keys.
        var columns = ["precision", "recall", "f1", "support"].filter { key in rows.contains { $0.metrics[key] != nil } }
        if columns.isEmpty { columns = Array(rows.first?.metrics.keys.prefix(5) ?? []) }
        let labelWidth = min(20, max(8, rows.map { $0.label.count }.max() ?? 0))
        let widths = columns.map { max(11, $0.count + 2) }
        var out = ["  " + NumberFormatting.pad("class", labelWidth)
                   + zip(columns, widths).map { NumberFormatting.pad($0, $1, right: true) }.joined()]
        for row in rows {
            let label = row.label.count > labelWidth ? String(row.label.prefix(labelWidth - 1)) + "…" : row.label
            out.append("  " + NumberFormatting.pad(label, labelWidth) + zip(columns, widths).map { key, width in
                NumberFormatting.pad(row.metrics[key].map { NumberFormatting.value($0, key: key, catalog: catalog) } ?? "", width, right: true)
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
