import EvalKit
import EvalKitData

/// A Markdown summary (for CI job summary pages and pull requests): gates first, then each
/// evaluation's metrics, per-class table and notes.
public enum MarkdownReport {
    public static func render(_ result: RunResult) -> String {
        var out: [String] = []
        let verdict = result.gates.isEmpty ? "done (no gates)" : (result.passed ? "✅ passed" : "❌ failed")
        out.append("# evalkit: \(result.schemeName) — \(verdict)")
        out.append("")
        out.append("Scheme `\(result.schemePath)` (sha256 `\(NumberFormatting.shortDigest(result.schemeSHA256))`), evalkit \(result.version).")
        if result.privacy == .aggregateOnly {
            out.append("")
            out.append("**\(PrivacyLevel.withheldNotice)**: no item table, item outcome or item id is written by this run.")
        }
        if !result.gates.isEmpty {
            out.append("")
            out.append("## Gates")
            out.append("")
            out.append("| | gate | evaluation | observed | limit |")
            out.append("|---|---|---|---:|---:|")
            for gate in result.gates {
                let observed = GateText.observed(gate, catalog: result.catalog(ofEvaluation: gate.evaluation)).dropFirst("observed ".count)
                let mark = !gate.passed ? "❌" : gate.checked ? "✅" : "⚠️ not checked"
                out.append("| \(mark) | `\(escape(gate.gate))` | \(escape(gate.evaluation)) | \(escape(String(observed))) | \(JSONOutput.format(gate.limit)) |")
            }
            let explained = result.gates.filter { (!$0.passed || !$0.checked) && !$0.message.isEmpty }
            if !explained.isEmpty { out.append("") }
            for gate in explained { out.append("- `\(escape(gate.gate))`: \(escape(gate.message))") }
        }
        for e in result.evaluations {
            out.append("")
            out.append("## \(escape(e.name)) (\(e.task))")
            out.append("")
            out.append("Dataset **\(escape(e.datasetName))**; \(NumberFormatting.count(e.computed.count)) items evaluated "
                       + "(matched \(NumberFormatting.count(e.inputs.matched)), missing \(NumberFormatting.count(e.inputs.missing)), "
                       + "extra \(NumberFormatting.count(e.inputs.extra))).")
            out.append("")
            out.append("| metric | value |")
            out.append("|---|---:|")
            for key in e.computed.metrics.keys {
                out.append("| \(key) | \(NumberFormatting.value(e.computed.metrics[key]!, key: key, catalog: e.catalog)) |")
            }
            if e.computed.perClass.count > TableReport.perClassRowLimit {
                out.append("")
                out.append("Per-class metrics of \(NumberFormatting.count(e.computed.perClass.count)) classes are in results.json "
                           + "(this report lists up to \(TableReport.perClassRowLimit)).")
            } else if !e.computed.perClass.isEmpty {
                out.append("")
                out.append("| class | precision | recall | f1 | support |")
                out.append("|---|---:|---:|---:|---:|")
                for row in e.computed.perClass {
                    let cells = ["precision", "recall", "f1", "support"].map { key in
                        row.metrics[key].map { NumberFormatting.value($0, key: key, catalog: e.catalog) } ?? ""
                    }
                    out.append("| \(escape(row.label)) | " + cells.joined(separator: " | ") + " |")
                }
            }
            out += worstSlices(e, gated: result.gates.filter { $0.evaluation == e.name }.map(\.metric))
            out += sliceTables(e)
            if !e.disparities.isEmpty {
                out.append("")
                out.append("### Disparities")
                out.append("")
                out.append("| metric | by | min (slice) | max (slice) | difference | ratio |")
                out.append("|---|---|---:|---:|---:|---:|")
                for d in e.disparities {
                    let f = { (v: Double) in NumberFormatting.value(v, key: d.metric, catalog: e.catalog) }
                    let ratio = f(d.ratio) + (d.ratioInterval.map { " [\(f($0.lower)), \(f($0.upper))]" } ?? "")
                    let difference = f(d.difference) + (d.differenceInterval.map { " [\(f($0.lower)), \(f($0.upper))]" } ?? "")
                    out.append("| \(d.metric) | \(d.attributes.joined(separator: " × ")) | \(f(d.min)) (\(escape(d.minSlice.joined(separator: ", ")))) "
                               + "| \(f(d.max)) (\(escape(d.maxSlice.joined(separator: ", ")))) | \(difference) | \(ratio) |")
                }
            }
            if let view = e.robustness { out += robustness(e, view: view) }
            if !e.notes.isEmpty {
                out.append("")
                for note in e.notes { out.append("- \(escape(note))") }
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// The three worst shown slices of each headline metric (gated metrics first, else the first
    /// reported rates), in the metric's bad direction: what a reviewer reads first.
    static func worstSlices(_ e: EvaluationResult, gated: [String]) -> [String] {
        let shown = e.slices.filter { !$0.suppressed }
        guard !shown.isEmpty else { return [] }
        var metrics: [String] = []
        for key in gated + e.computed.metrics.keys where !metrics.contains(key) && e.catalog.direction(key) != nil
            && shown.contains(where: { $0.metrics[key] != nil }) {
            metrics.append(key)
        }
        guard !metrics.isEmpty else { return [] }
        var out = ["", "### Worst slices", ""]
        for metric in metrics.prefix(3) {
            let direction = e.catalog.direction(metric)!
            let ranked = shown.compactMap { slice in slice.metrics[metric].flatMap { $0.isNaN ? nil : (slice, $0) } }
                .sorted { direction == .higherIsBetter ? $0.1 < $1.1 : $0.1 > $1.1 }
            let listed = ranked.prefix(3).map { slice, value in
                "\(escape(slice.label)) \(NumberFormatting.value(value, key: metric, catalog: e.catalog)) (n \(NumberFormatting.count(slice.count)))"
            }
            out.append("- **\(metric)** (\(direction == .higherIsBetter ? "lowest" : "highest")): " + listed.joined(separator: "; "))
        }
        return out
    }

    /// Per grouping: every reported rate per slice, with intervals; suppressed slices marked.
    static func sliceTables(_ e: EvaluationResult) -> [String] {
        var out: [String] = []
        let columns = e.computed.metrics.keys.filter { !e.catalog.isCount($0) }
        var groupings: [[String]] = []
        for slice in e.slices where !groupings.contains(slice.attributes) { groupings.append(slice.attributes) }
        for grouping in groupings {
            out.append("")
            out.append("### By \(grouping.joined(separator: " × "))")
            out.append("")
            out.append("| slice | n | " + columns.joined(separator: " | ") + " |")
            out.append("|---|---:|" + columns.map { _ in "---:|" }.joined())
            for slice in e.slices where slice.attributes == grouping {
                let cells: [String] = slice.suppressed
                    ? columns.map { _ in "—" }
                    : columns.map { key in
                        (slice.metrics[key].map { NumberFormatting.value($0, key: key, catalog: e.catalog) } ?? "")
                            + (slice.intervals[key].map { " [\(NumberFormatting.value($0.lower, key: key, catalog: e.catalog)), \(NumberFormatting.value($0.upper, key: key, catalog: e.catalog))]" } ?? "")
                    }
                let label = escape(slice.values.joined(separator: ", ")) + (slice.suppressed ? " (suppressed)" : "")
                out.append("| \(label) | \(NumberFormatting.count(slice.count)) | " + cells.joined(separator: " | ") + " |")
            }
        }
        return out
    }

    /// The robustness view: one table per metric, worst relative drop first, with intervals;
    /// suppressed conditions marked and their values withheld; then the view's notes.
    static func robustness(_ e: EvaluationResult, view: RobustnessResult) -> [String] {
        var out = ["", "### Robustness", ""]
        out.append("Each condition of **\(escape(view.attribute))** against the clean condition **\(escape(view.clean))** "
                   + "(n \(NumberFormatting.count(view.cleanCount))): change = condition − clean, relative = change / |clean|.")
        for metric in view.metrics {
            out.append("")
            out.append("#### \(escape(RobustnessText.title(view, metric: metric, catalog: e.catalog)))")
            out.append("")
            out.append("| \(escape(view.attribute)) | n | \(escape(metric)) | change | relative change |")
            out.append("|---|---:|---:|---:|---:|")
            for (condition, change) in RobustnessText.ranked(view, metric: metric, catalog: e.catalog) {
                let count = NumberFormatting.count(condition.count)
                guard !condition.suppressed, let change else {
                    out.append("| \(escape(condition.value)) (suppressed) | \(count) | — | — | — |")
                    continue
                }
                let value = NumberFormatting.value(change.value, key: metric, catalog: e.catalog)
                let absolute = NumberFormatting.signedValue(change.change, key: metric, catalog: e.catalog)
                    + RobustnessText.interval(change.changeInterval, key: metric, catalog: e.catalog)
                let relative = NumberFormatting.signedPercent(change.relativeChange) + RobustnessText.relativeInterval(change.relativeChangeInterval)
                out.append("| \(escape(condition.value)) | \(count) | \(value) | \(absolute) | \(relative) |")
            }
        }
        if !view.notes.isEmpty {
            out.append("")
            for note in view.notes { out.append("- \(escape(note))") }
        }
        return out
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
    }
}
