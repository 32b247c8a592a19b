/// The metrics of the `text` task from a `TextState` (docs/metrics.md, "Text"), checked against
/// jiwer 4.0.0 (rapidfuzz 3.14.6) by `Tests/EvalKitMetricsTests/TextFixtureTests.swift`.
///
/// | key | definition |
/// |---|---|
/// | `exact_match` | items whose normalised prediction equals the normalised reference / items |
/// | `cer` | (S + D + I) / (H + S + D) over all items: jiwer's corpus `cer` |
/// | `char_accuracy` | H / (H + S + D): the share of reference characters read correctly in the alignment |
/// | `items` | items counted |
///
/// With no reference character at all (H + S + D = 0) `cer` and `char_accuracy` are undefined:
/// NaN with the reason. jiwer returns the number of insertions there (0 when every prediction is
/// empty too); evalkit does not turn a 0/0 or x/0 into a number.
public enum TextMetrics {
    /// Every key, in report order.
    public static let metricNames = ["exact_match", "cer", "char_accuracy", "items"]

    static let noItems = "no items"
    static func noReferenceCharacters(insertions: Int) -> String {
        "0/0: the references have no characters (after normalisation); \(insertions) predicted character(s) "
            + "would all be insertions (jiwer returns the insertion count, \(insertions), here)"
    }

    public static func compute(_ state: TextState) -> ComputedMetrics {
        var computed = ComputedMetrics()
        var metrics = MetricValues()
        let n = state.items
        let totals = state.totals
        let characters = totals.referenceLength
        if n > 0 {
            metrics.set("exact_match", Double(state.exactMatches) / Double(n))
        } else {
            metrics.set("exact_match", .nan, undefinedReason: noItems)
        }
        if characters > 0 {
            metrics.set("cer", Double(totals.errors) / Double(characters))
            metrics.set("char_accuracy", Double(totals.hits) / Double(characters))
        } else {
            let reason = n == 0 ? noItems : noReferenceCharacters(insertions: totals.insertions)
            metrics.set("cer", .nan, undefinedReason: reason)
            metrics.set("char_accuracy", .nan, undefinedReason: reason)
        }
        metrics.set("items", Double(n))
        computed.metrics = metrics
        computed.count = Int(n)
        computed.notes.append(
            "edit operations (minimum-edit alignment, as jiwer counts them): \(totals.hits) hits, "
                + "\(totals.substitutions) substitutions, \(totals.deletions) deletions, \(totals.insertions) insertions; "
                + "\(characters) reference and \(totals.hypothesisLength) predicted characters")
        return computed
    }
}
