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
        if !result.gates.isEmpty {
            out.append("")
            out.append("## Gates")
            out.append("")
            out.append("| | gate | evaluation | observed | limit |")
            out.append("|---|---|---|---:|---:|")
            for gate in result.gates {
                let observed = gate.observed.map { NumberFormatting.value($0, key: gate.metric) } ?? "undefined"
                out.append("| \(gate.passed ? "✅" : "❌") | `\(escape(gate.gate))` | \(escape(gate.evaluation)) | \(observed) | \(JSONOutput.format(gate.limit)) |")
            }
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
                out.append("| \(key) | \(NumberFormatting.value(e.computed.metrics[key]!, key: key)) |")
            }
            if !e.computed.perClass.isEmpty {
                out.append("")
                out.append("| class | precision | recall | f1 | support |")
                out.append("|---|---:|---:|---:|---:|")
                for row in e.computed.perClass {
                    let cells = ["precision", "recall", "f1", "support"].map { key in
                        row.metrics[key].map { NumberFormatting.value($0, key: key) } ?? ""
                    }
                    out.append("| \(escape(row.label)) | " + cells.joined(separator: " | ") + " |")
                }
            }
            if !e.notes.isEmpty {
                out.append("")
                for note in e.notes { out.append("- \(escape(note))") }
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
    }
}
