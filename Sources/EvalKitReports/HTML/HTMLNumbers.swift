import EvalKit
import EvalKitData

/// Numbers in the HTML report: formatted as every report formats them (`NumberFormatting`:
/// counts with thousands separators, rates with four decimals), except that an undefined value
/// (NaN) reads "undefined", never a dash or 0, and carries a footnote with its reason.
enum HTMLNumbers {
    /// `value` as text; "undefined" when NaN. Never escaped further: digits, signs, commas, "inf".
    static func text(_ value: Double, key: String, catalog: MetricCatalog) -> String {
        value.isNaN ? "undefined" : NumberFormatting.value(value, key: key, catalog: catalog)
    }

    /// A table cell's content: the value, then its interval (`<small>[lower, upper]</small>`)
    /// when there is one; an undefined value is `<span class="u">undefined</span>` with the
    /// footnote of `reason` (its words escaped).
    static func cell(_ value: Double, key: String, catalog: MetricCatalog, interval: Interval?, reason: String?,
                     notes: HTMLFootnotes) -> String {
        if value.isNaN {
            return "<span class=\"u\">undefined</span>" + notes.mark(reason ?? "undefined on this data")
        }
        return NumberFormatting.value(value, key: key, catalog: catalog) + self.interval(interval, key: key, catalog: catalog)
    }

    /// ` <small>[lower, upper]</small>`, or nothing without an interval.
    static func interval(_ interval: Interval?, key: String, catalog: MetricCatalog) -> String {
        guard let interval else { return "" }
        return "<small>[\(text(interval.lower, key: key, catalog: catalog)), \(text(interval.upper, key: key, catalog: catalog))]</small>"
    }
}

/// The reasons of the undefined values of one table, numbered in order of first use: a cell
/// gets `<sup>n</sup>` and the list under the table says why.
final class HTMLFootnotes {
    private var reasons: [String] = []
    private var numbers: [String: Int] = [:]

    /// The marker of `reason` (numbered on first use).
    func mark(_ reason: String) -> String {
        if let number = numbers[reason] { return "<sup>\(number)</sup>" }
        reasons.append(reason)
        numbers[reason] = reasons.count
        return "<sup>\(reasons.count)</sup>"
    }

    /// The numbered reasons (`<ol class="fn">`), then empties the list; nothing when none was marked.
    func flush(into out: inout String) {
        guard !reasons.isEmpty else { return }
        out += "<ol class=\"fn\">"
        for reason in reasons { out += "<li>undefined: \(HTMLEscaping.escape(reason))</li>" }
        out += "</ol>\n"
        reasons = []
        numbers = [:]
    }
}
