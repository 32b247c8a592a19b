import EvalKit
import EvalKitData

/// The slices of an evaluation in the HTML report: one table per grouping (`sex`, `sex × race`),
/// each slice with its count and every reported rate with its interval, sorted worst first.
/// A suppressed slice (smaller than `min_slice_size`) shows its count only, never a value.
enum HTMLSliceTables {
    static func render(_ e: EvaluationResult, id: String, outline: HTMLOutline, into out: inout String) {
        guard !e.slices.isEmpty else { return }
        let shown = e.slices.filter { !$0.suppressed }
        let columns = e.computed.metrics.keys.filter { key in
            !e.catalog.isCount(key) && shown.contains { $0.metrics[key] != nil }
        }
        let order = sortMetric(e, shown: shown)
        outline.open("\(id)-slices", title: "Slices", level: 3, into: &out)
        out += "<p>"
        if let order {
            let end = order.direction == .higherIsBetter ? "lowest" : "highest"
            out += "Worst first: each table is sorted by <code>\(HTMLEscaping.escape(order.key))</code>, \(end) first "
                + "(\(order.direction == .higherIsBetter ? "higher" : "lower") is better); undefined values follow. "
        }
        out += "Slices smaller than \(NumberFormatting.count(e.minSliceSize)) items are suppressed: "
            + "their count is shown, their metrics are not.</p>\n"
        for (attributes, slices) in grouped(e.slices, by: \.attributes) {
            let suppressed = slices.filter(\.suppressed).count
            out += "<h4>By \(HTMLEscaping.escape(attributes.joined(separator: " × ")))</h4>\n"
            var caption = "\(NumberFormatting.count(slices.count)) \(slices.count == 1 ? "slice" : "slices")"
            if suppressed > 0 { caption += ", \(NumberFormatting.count(suppressed)) suppressed" }
            let notes = HTMLFootnotes()
            HTMLTable.open(into: &out, caption: caption,
                           columns: [HTMLEscaping.escape(attributes.joined(separator: ", ")), "n"] + columns.map(HTMLEscaping.escape))
            for slice in sorted(slices, by: order) {
                let label = HTMLEscaping.escape(slice.values.joined(separator: ", "))
                let count = NumberFormatting.count(slice.count)
                if slice.suppressed {
                    HTMLTable.row(into: &out, header: label, cells: [count],
                                  spanning: "suppressed (n &lt; \(NumberFormatting.count(e.minSliceSize)))",
                                  span: max(columns.count, 1), className: "s")
                    continue
                }
                let cells = columns.map { key in
                    slice.metrics[key].map {
                        HTMLNumbers.cell($0, key: key, catalog: e.catalog, interval: slice.intervals[key],
                                         reason: slice.metrics.undefinedReasons[key], notes: notes)
                    } ?? ""
                }
                HTMLTable.row(into: &out, header: label, cells: [count] + cells)
            }
            HTMLTable.close(into: &out)
            notes.flush(into: &out)
        }
        out += "</section>\n"
    }

    /// The metric the tables are sorted by: the evaluation's first reported metric that has a
    /// direction in the task's catalog, is not a count, and is defined on a shown slice.
    static func sortMetric(_ e: EvaluationResult, shown: [SliceResult]) -> (key: String, direction: MetricDirection)? {
        for key in e.computed.metrics.keys where !e.catalog.isCount(key) {
            guard let direction = e.catalog.direction(key) else { continue }
            if shown.contains(where: { $0.metrics[key].map { !$0.isNaN } ?? false }) { return (key, direction) }
        }
        return nil
    }

    /// Worst first by `order`: defined values in the metric's bad direction, then undefined or
    /// missing values, then suppressed slices; ties keep the result's order.
    static func sorted(_ slices: [SliceResult], by order: (key: String, direction: MetricDirection)?) -> [SliceResult] {
        func rank(_ slice: SliceResult) -> (Int, Double) {
            if slice.suppressed { return (2, 0) }
            guard let order, let value = slice.metrics[order.key], !value.isNaN else { return (1, 0) }
            return (0, order.direction == .higherIsBetter ? value : -value)
        }
        let keyed = slices.enumerated().map { (rank: rank($0.element), offset: $0.offset, slice: $0.element) }
        return keyed.sorted { a, b in
            if a.rank.0 != b.rank.0 { return a.rank.0 < b.rank.0 }
            if a.rank.1 != b.rank.1 { return a.rank.1 < b.rank.1 }
            return a.offset < b.offset
        }.map(\.slice)
    }
}
