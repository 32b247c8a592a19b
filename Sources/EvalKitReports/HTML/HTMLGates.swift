import EvalKit
import EvalKitData

/// The top of the HTML report: the verdict banner (PASSED, FAILED, or no gates) and every gate
/// with its outcome, observed value, limit, slice and message. A gate that passed without
/// checking anything (`checked == false`) reads "not checked", never "passed".
enum HTMLGates {
    /// The banner: `<div class="v pass|fail|none" role="status">`.
    static func verdict(_ result: RunResult, into out: inout String) {
        let failed = result.gates.filter { !$0.passed }
        let unchecked = result.gates.filter { $0.passed && !$0.checked }.count
        let total = result.gates.count
        let (className, word, detail): (String, String, String)
        if result.gates.isEmpty {
            (className, word, detail) = ("none", "NO GATES", "The scheme has no gates: nothing was checked.")
        } else if failed.isEmpty {
            let uncheckedText = unchecked > 0 ? ", \(unchecked) of them not checked" : ""
            (className, word, detail) = ("pass", "PASSED", "\(total) of \(total) \(gates(total)) passed\(uncheckedText).")
        } else {
            let names = failed.prefix(5).map { "<code>\(HTMLEscaping.escape($0.gate))</code>" }.joined(separator: ", ")
            let more = failed.count > 5 ? " and \(failed.count - 5) more" : ""
            (className, word, detail) = ("fail", "FAILED", "\(failed.count) of \(total) \(gates(total)) failed: \(names)\(more).")
        }
        out += "<div class=\"v \(className)\" role=\"status\"><p><strong>\(word)</strong></p><p>\(detail)</p></div>\n"
    }

    /// The gates table (`<h2 id="gates">`), or nothing without gates.
    static func section(_ result: RunResult, outline: HTMLOutline, into out: inout String) {
        guard !result.gates.isEmpty else { return }
        outline.open("gates", title: "Gates", level: 2, into: &out)
        if let baseline = result.baselineReference {
            out += "<p>Change gates compare with the baseline <code>\(HTMLEscaping.escape(baseline))</code>.</p>\n"
        }
        let showEvaluation = result.evaluations.count > 1
        var columns = ["gate", "result", "observed", "limit", "slice"]
        if showEvaluation { columns.append("evaluation") }
        columns.append("message")
        HTMLTable.open(into: &out, caption: nil, columns: columns, className: "g")
        for gate in result.gates {
            let catalog = result.catalog(ofEvaluation: gate.evaluation)
            var cells = [status(gate), observed(gate, catalog: catalog), JSONOutput.format(gate.limit),
                         gate.slice.map(sliceText) ?? ""]
            if showEvaluation { cells.append(HTMLEscaping.escape(gate.evaluation)) }
            var message = HTMLEscaping.escape(gate.message)
            if let paired = gate.pairedTest {
                message += (message.isEmpty ? "" : " ") + "<small>paired test: \(HTMLEscaping.escape(paired))</small>"
            }
            cells.append(message)
            HTMLTable.row(into: &out, header: "<code>\(HTMLEscaping.escape(gate.gate))</code>", cells: cells)
        }
        HTMLTable.close(into: &out)
        out += "</section>\n"
    }

    /// `passed`, `FAILED` or `not checked`, coloured by class.
    static func status(_ gate: GateResult) -> String {
        if !gate.passed { return "<span class=\"no\">FAILED</span>" }
        return gate.checked ? "<span class=\"ok\">passed</span>" : "<span class=\"nc\">not checked</span>"
    }

    /// The observed value ("undefined" when there was none), and for a change gate the
    /// baseline's value and the change.
    static func observed(_ gate: GateResult, catalog: MetricCatalog) -> String {
        var text = gate.observed.map { HTMLNumbers.text($0, key: gate.metric, catalog: catalog) } ?? "undefined"
        if text == "undefined" { text = "<span class=\"u\">undefined</span>" }
        if let baseline = gate.baseline {
            text += "<small>baseline \(HTMLNumbers.text(baseline, key: gate.metric, catalog: catalog))"
            if let value = gate.observed { text += ", change \(NumberFormatting.signed(value - baseline))" }
            text += "</small>"
        }
        return text
    }

    /// `race=Black, sex=Female` (attributes in name order: a gate's slice is a dictionary).
    static func sliceText(_ slice: [String: String]) -> String {
        HTMLEscaping.escape(slice.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", "))
    }

    private static func gates(_ n: Int) -> String { n == 1 ? "gate" : "gates" }
}
