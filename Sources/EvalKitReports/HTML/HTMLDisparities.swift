import EvalKit
import EvalKitData

/// The disparities of an evaluation in the HTML report, one table per grouping (`sex`,
/// `sex × race`) as the slices: per metric the lowest and highest shown slice, the difference
/// and the ratio (min / max) with their intervals, and the reference group's value when the
/// scheme names one (the group is in the caption). The per-slice ratios to the reference group
/// are in results.json.
enum HTMLDisparities {
    static func render(_ e: EvaluationResult, id: String, outline: HTMLOutline, into out: inout String) {
        guard !e.disparities.isEmpty else { return }
        outline.open("\(id)-disparities", title: "Disparities", level: 3, into: &out)
        out += "<p>Between the shown slices of each grouping: difference = max − min, ratio = min / max.</p>\n"
        for (attributes, disparities) in grouped(e.disparities, by: \.attributes) {
            out += "<h4>Across \(HTMLEscaping.escape(attributes.joined(separator: " × ")))</h4>\n"
            let references = Set(disparities.compactMap { $0.reference?.joined(separator: ", ") })
            var caption: String?
            if let reference = disparities.first(where: { $0.reference != nil })?.reference, references.count == 1 {
                caption = "reference group: \(HTMLEscaping.escape(reference.joined(separator: ", ")))"
            }
            let withReference = !references.isEmpty
            var columns = ["metric", "min (slice)", "max (slice)", "difference", "ratio"]
            if withReference { columns.append(references.count == 1 ? "reference" : "reference (group)") }
            columns.append("slices")
            let notes = HTMLFootnotes()
            HTMLTable.open(into: &out, caption: caption, columns: columns, className: "d")
            var explained: [String] = []
            for d in disparities {
                let reason = d.notes.isEmpty ? "undefined on these slices" : "undefined on these slices (see the notes below the table)"
                func cell(_ value: Double, _ interval: Interval?) -> String {
                    HTMLNumbers.cell(value, key: d.metric, catalog: e.catalog, interval: interval, reason: reason, notes: notes)
                }
                func named(_ value: Double, _ slice: [String]) -> String {
                    cell(value, nil) + "<small>\(HTMLEscaping.escape(slice.joined(separator: ", ")))</small>"
                }
                var cells = [named(d.min, d.minSlice), named(d.max, d.maxSlice), cell(d.difference, d.differenceInterval),
                             cell(d.ratio, d.ratioInterval)]
                if withReference {
                    var reference = d.referenceValue.map { cell($0, nil) } ?? ""
                    if references.count > 1, let group = d.reference {
                        reference += "<small>\(HTMLEscaping.escape(group.joined(separator: ", ")))</small>"
                    }
                    cells.append(reference)
                }
                cells.append(NumberFormatting.count(d.compared))
                HTMLTable.row(into: &out, header: HTMLEscaping.escape(d.metric), cells: cells)
                for note in d.notes { explained.append("<code>\(HTMLEscaping.escape(d.metric))</code>: \(HTMLEscaping.escape(note))") }
            }
            HTMLTable.close(into: &out)
            notes.flush(into: &out)
            if !explained.isEmpty {
                out += "<ul>\n"
                for line in explained { out += "<li>\(line)</li>\n" }
                out += "</ul>\n"
            }
        }
        out += "</section>\n"
    }
}
