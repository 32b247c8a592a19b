import EvalKit
import EvalKitData

/// How reports describe a gate's outcome in words, shared by the terminal and Markdown reports.
enum GateText {
    /// `observed 0.8123`, or for a change gate `observed 0.8123 (baseline 0.8250, change -0.0127, limit 0.02)`
    /// (`clean 0.8250` for a gate against the clean condition, whose observed value is the worst condition's).
    /// `catalog`: the metrics of the gate's evaluation.
    static func observed(_ gate: GateResult, catalog: MetricCatalog) -> String {
        let observed = gate.observed.map { NumberFormatting.value($0, key: gate.metric, catalog: catalog) } ?? "undefined"
        guard let baseline = gate.baseline else { return "observed \(observed)" }
        var text = "observed \(observed) (\(gate.against ?? "baseline") \(NumberFormatting.value(baseline, key: gate.metric, catalog: catalog))"
        if let value = gate.observed { text += ", change \(NumberFormatting.signed(value - baseline))" }
        return text + ", limit \(JSONOutput.format(gate.limit)))"
    }

    /// `PASSED (3 of 3 gates passed)`, with the gates that passed unchecked counted apart.
    static func verdict(_ result: RunResult, style: TerminalStyle) -> String {
        let failed = result.gates.filter { !$0.passed }.count
        let unchecked = result.gates.filter { $0.passed && !$0.checked }.count
        let uncheckedText = unchecked > 0 ? ", \(unchecked) of them not checked" : ""
        if result.gates.isEmpty { return style.green("done") + " (no gates)" }
        if failed == 0 {
            return style.green("PASSED") + " (\(result.gates.count) of \(result.gates.count) gates passed\(uncheckedText))"
        }
        return style.red("FAILED") + " (\(failed) of \(result.gates.count) gates failed)"
    }
}
