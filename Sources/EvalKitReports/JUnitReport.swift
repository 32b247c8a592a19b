import EvalKit
import EvalKitData

/// JUnit XML for CI systems (`evalkit run --junit FILE`): one test case per gate, so Jenkins'
/// junit plugin, GitLab's test report and other JUnit readers show which gate failed and why.
///
/// The shape follows `junit-10.xsd`, the schema of Jenkins' xunit plugin that pytest's `xunit2`
/// output also targets (a copy and its provenance are in `Tests/Fixtures/junit/`):
///
///     <testsuites name="evalkit: SCHEME" tests= failures= errors="0" time=>
///       <testsuite name="EVALUATION" tests= failures= errors="0" skipped="0">
///         <properties> dataset, predictions and scheme sha256, evalkit version, ... </properties>
///         <testcase classname="evalkit.EVALUATION" name="GATE SUMMARY">
///           <failure message="..." type="GateFailed">observed, limit, slice, message</failure>
///         </testcase>
///       </testsuite>
///     </testsuites>
///
/// One `<testsuite>` per evaluation, in the scheme's order; an evaluation without gates gets a
/// single passing test case, "evaluation completed", so that no suite is empty. A gate's message
/// on a passing gate (e.g. "breaches the limit, but not significantly") goes to `<system-out>`.
/// The evaluation's notes go to the suite's `<system-out>`.
///
/// Numbers are written as in results.json (shortest round-trip); an undefined (NaN or absent)
/// value is written `undefined`. The output is a pure function of its inputs: no clock, no host
/// name, so it diffs cleanly and golden files stay stable.
public enum JUnitReport {
    /// The `type` of a gate's `<failure>` element.
    public static let failureType = "GateFailed"

    /// The name of the test case of an evaluation that has no gates.
    public static let completedCaseName = "evaluation completed"

    /// Renders the run as a JUnit XML document (UTF-8 text, ending in a newline), with `time="0"`:
    /// the same result always gives the same bytes.
    public static func render(_ result: RunResult) -> String {
        render(result, duration: nil)
    }

    /// Renders the run as a JUnit XML document (UTF-8 text, ending in a newline).
    ///
    /// - Parameters:
    ///   - result: the run.
    ///   - duration: the run's wall-clock time in seconds, written as the `time` of `<testsuites>`
    ///     (at most three decimals); `0` when nil.
    public static func render(_ result: RunResult, duration: Double?) -> String {
        let suites = suites(of: result)
        let tests = suites.reduce(0) { $0 + max($1.gates.count, 1) }
        let failures = suites.reduce(0) { $0 + $1.gates.filter { !$0.passed }.count }

        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites" + attributes([
            ("name", "evalkit: \(result.schemeName)"),
            ("tests", String(tests)),
            ("failures", String(failures)),
            ("errors", "0"),
            ("time", time(duration)),
        ]) + ">\n"
        for suite in suites { write(suite, of: result, to: &out) }
        out += "</testsuites>\n"
        return out
    }

    // MARK: - Suites

    /// The gates of one evaluation (and the evaluation, when the result has it).
    struct Suite {
        var name: String
        var evaluation: EvaluationResult?
        var gates: [GateResult]
    }

    /// One suite per evaluation, in order; gates that name no evaluation of the result (should
    /// not happen) get a suite of their own rather than being dropped.
    static func suites(of result: RunResult) -> [Suite] {
        var suites = result.evaluations.map { e in Suite(name: e.name, evaluation: e, gates: []) }
        for gate in result.gates {
            if let index = suites.firstIndex(where: { $0.name == gate.evaluation }) {
                suites[index].gates.append(gate)
            } else {
                suites.append(Suite(name: gate.evaluation, evaluation: nil, gates: [gate]))
            }
        }
        return suites
    }

    static func write(_ suite: Suite, of result: RunResult, to out: inout String) {
        let failures = suite.gates.filter { !$0.passed }.count
        out += "  <testsuite" + attributes([
            ("name", suite.name),
            ("tests", String(max(suite.gates.count, 1))),
            ("failures", String(failures)),
            ("errors", "0"),
            ("skipped", String(suite.gates.filter { $0.passed && !$0.checked }.count)),
        ]) + ">\n"
        out += "    <properties>\n"
        for (name, value) in properties(suite, of: result) {
            out += "      <property" + attributes([("name", name), ("value", value)]) + "/>\n"
        }
        out += "    </properties>\n"
        let classname = "evalkit.\(suite.name)"
        if suite.gates.isEmpty {
            out += "    <testcase" + attributes([("classname", classname), ("name", completedCaseName)]) + "/>\n"
        }
        for gate in suite.gates {
            let open = "    <testcase" + attributes([("classname", classname), ("name", gate.gate)])
            if !gate.passed {
                out += open + ">\n"
                out += "      <failure" + attributes([("message", failureMessage(gate)), ("type", failureType)]) + ">"
                out += escape(failureText(gate), inAttribute: false)
                out += "</failure>\n"
                out += "    </testcase>\n"
            } else if !gate.checked {
                out += open + ">\n"
                out += "      <skipped" + attributes([("message", gate.message)]) + "/>\n"
                out += "    </testcase>\n"
            } else if !gate.message.isEmpty {
                out += open + ">\n"
                out += "      <system-out>" + escape(gate.message, inAttribute: false) + "</system-out>\n"
                out += "    </testcase>\n"
            } else {
                out += open + "/>\n"
            }
        }
        if let notes = suite.evaluation?.notes, !notes.isEmpty {
            out += "    <system-out>" + escape(notes.joined(separator: "\n"), inAttribute: false) + "</system-out>\n"
        }
        out += "  </testsuite>\n"
    }

    /// Provenance of a suite: what it was computed on and by which evalkit (docs/design.md §4).
    static func properties(_ suite: Suite, of result: RunResult) -> [(String, String)] {
        var properties: [(String, String)] = [
            ("evalkit.version", result.version),
            ("scheme.name", result.schemeName),
            ("scheme.path", result.schemePath),
            ("scheme.sha256", result.schemeSHA256),
        ]
        if let baseline = result.baselineReference { properties.append(("baseline", baseline)) }
        if let e = suite.evaluation {
            properties += [
                ("task", e.task),
                ("dataset.name", e.datasetName),
                ("dataset.sha256", e.datasetSHA256),
                ("predictions.path", e.predictionsPath),
                ("predictions.sha256", e.predictionsSHA256),
                ("count", String(e.computed.count)),
            ]
        }
        return properties
    }

    // MARK: - Failure text

    /// One line: what was seen against what was required (and, for a change gate, the baseline's
    /// value, or the clean condition's for a gate against clean, and the drop from it), where,
    /// and why it fails.
    static func failureMessage(_ gate: GateResult) -> String {
        var text = "\(gate.gate): observed \(number(gate.observed)), limit \(number(gate.limit))"
        if let baseline = gate.baseline { text += ", \(gate.against ?? "baseline") \(number(baseline))" }
        if let drop = gate.drop { text += ", drop \(number(drop))" }
        text += ", slice \(slice(gate.slice))"
        if !gate.message.isEmpty { text += ": \(gate.message)" }
        return text
    }

    /// The failure's body: one field per line, for CI pages that show the text below the name.
    static func failureText(_ gate: GateResult) -> String {
        var lines = [
            "gate: \(gate.gate)",
            "evaluation: \(gate.evaluation)",
            "metric: \(gate.metric)",
            "observed: \(number(gate.observed))",
            "limit: \(number(gate.limit))",
        ]
        if let baseline = gate.baseline { lines.append("\(gate.against ?? "baseline"): \(number(baseline))") }
        if let drop = gate.drop { lines.append("drop: \(number(drop))") }
        lines.append("slice: \(slice(gate.slice))")
        if !gate.message.isEmpty { lines.append("message: \(gate.message)") }
        return lines.joined(separator: "\n")
    }

    /// `race=Black, sex=Female` (attributes sorted, as results.json orders them), or `overall`.
    static func slice(_ slice: [String: String]?) -> String {
        guard let slice, !slice.isEmpty else { return "overall" }
        return slice.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
    }

    /// Shortest round-trip form as in results.json; `undefined` for NaN or no value, `inf`/`-inf`
    /// for an infinite one (a ratio over zero).
    static func number(_ value: Double?) -> String {
        guard let value, !value.isNaN else { return "undefined" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        return JSONOutput.format(value)
    }

    /// Seconds with at most three decimals: the `SUREFIRE_TIME` pattern of junit-10.xsd allows no
    /// exponent and no more digits.
    static func time(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite, seconds > 0 else { return "0" }
        let millis = (seconds * 1000).rounded()
        let whole = Int(millis / 1000)
        let fraction = Int(millis) - whole * 1000
        if fraction == 0 { return String(whole) }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 3 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(whole).\(digits)"
    }

    // MARK: - XML

    /// ` name="value" ...`, each value escaped.
    static func attributes(_ pairs: [(String, String)]) -> String {
        pairs.map { " \($0.0)=\"\(escape($0.1, inAttribute: true))\"" }.joined()
    }

    /// Escapes text for XML 1.0: the five predefined entities; in an attribute also tab, line feed
    /// and carriage return as character references (a parser would otherwise normalise them to
    /// spaces); a carriage return in text as `&#13;`. Characters that XML 1.0 cannot carry at all,
    /// even as references (other C0 controls, U+FFFE, U+FFFF), become U+FFFD.
    static func escape(_ text: String, inAttribute: Bool) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t": out += inAttribute ? "&#9;" : "\t"
            case "\n": out += inAttribute ? "&#10;" : "\n"
            case "\r": out += "&#13;"
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                out.unicodeScalars.append("\u{FFFD}")
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
