import EvalKit
import EvalKitData

/// How reports show the robustness view, shared by the terminal and Markdown reports.
enum RobustnessText {
    /// The conditions of `view` for one metric, worst relative drop first (in the metric's bad
    /// direction; by the size of the relative change when it has none), then those with the
    /// relative change undefined, then the suppressed ones; ties in slice order.
    static func ranked(_ view: RobustnessResult, metric: String, catalog: MetricCatalog)
        -> [(condition: RobustnessResult.Condition, change: RobustnessResult.Change?)]
    {
        let direction = catalog.direction(metric)
        func badness(_ change: RobustnessResult.Change?) -> Double? {
            guard let change, !change.relativeChange.isNaN else { return nil }
            return direction.map { change.relativeDrop($0) } ?? abs(change.relativeChange)
        }
        let rows = view.conditions.enumerated().map { (offset: $0.offset, condition: $0.element, change: $0.element.change(metric)) }
        return rows.sorted { a, b in
            if a.condition.suppressed != b.condition.suppressed { return !a.condition.suppressed }
            switch (badness(a.change), badness(b.change)) {
            case let (x?, y?) where x != y: return x > y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a.offset < b.offset
            }
        }.map { ($0.condition, $0.change) }
    }

    /// `accuracy by condition, clean none: 0.9133 (n 600)`.
    static func title(_ view: RobustnessResult, metric: String, catalog: MetricCatalog) -> String {
        let clean = view.cleanSuppressed ? "withheld"
            : (view.conditions.lazy.compactMap { $0.change(metric) }.first.map { NumberFormatting.value($0.clean, key: metric, catalog: catalog) } ?? "—")
        return "\(metric) by \(view.attribute), clean \(view.clean): \(clean) (n \(NumberFormatting.count(view.cleanCount)))"
    }

    /// ` [lower, upper]` of a change (signed), or empty.
    static func interval(_ interval: Interval?, key: String, catalog: MetricCatalog) -> String {
        guard let interval else { return "" }
        return " [\(NumberFormatting.signedValue(interval.lower, key: key, catalog: catalog)), "
            + "\(NumberFormatting.signedValue(interval.upper, key: key, catalog: catalog))]"
    }

    /// ` [lower, upper]` of a relative change, in percent, or empty.
    static func relativeInterval(_ interval: Interval?) -> String {
        guard let interval else { return "" }
        return " [\(NumberFormatting.signedPercent(interval.lower)), \(NumberFormatting.signedPercent(interval.upper))]"
    }

    /// The metrics a short report shows: those gated against clean first, then the view's own,
    /// at most `limit`.
    static func shownMetrics(_ view: RobustnessResult, gated: [String], limit: Int) -> [String] {
        var shown: [String] = []
        for metric in gated.filter({ view.metrics.contains($0) }) + view.metrics where !shown.contains(metric) { shown.append(metric) }
        return Array(shown.prefix(limit))
    }
}
