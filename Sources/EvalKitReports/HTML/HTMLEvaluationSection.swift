import EvalKit
import EvalKitData

/// One evaluation of the HTML report, in reading order: what was evaluated, the key metrics
/// (overall, with intervals), per class, the confusion matrix, the slices (worst first), the
/// disparities, the plots and the notes. Section ids are `e<n>-…` (n from 1).
enum HTMLEvaluationSection {
    /// The most labels whose confusion matrix the report draws (it scrolls sideways); larger
    /// matrices are in results.json.
    static let confusionLabelLimit = 20

    static func render(_ e: EvaluationResult, index: Int, plots: [RenderedPlot], outline: HTMLOutline, into out: inout String) {
        let id = "e\(index + 1)"
        let name = HTMLEscaping.escape(e.name)
        outline.open(id, title: name, level: 2, heading: "\(name) <small>\(HTMLEscaping.escape(e.task))</small>", into: &out)
        out += "<p>Dataset <strong>\(HTMLEscaping.escape(e.datasetName))</strong>"
        if let manifest = e.manifestPath { out += " (<code>\(HTMLEscaping.escape(manifest))</code>)" }
        out += "; \(NumberFormatting.count(e.computed.count)) items evaluated (matched \(NumberFormatting.count(e.inputs.matched)), "
            + "missing \(NumberFormatting.count(e.inputs.missing)), extra \(NumberFormatting.count(e.inputs.extra))).</p>\n"
        keyMetrics(e, id: id, outline: outline, into: &out)
        perClass(e, id: id, outline: outline, into: &out)
        confusion(e, id: id, outline: outline, into: &out)
        HTMLSliceTables.render(e, id: id, outline: outline, into: &out)
        HTMLDisparities.render(e, id: id, outline: outline, into: &out)
        HTMLPlots.render(plots, id: id, outline: outline, into: &out)
        if !e.notes.isEmpty {
            outline.open("\(id)-notes", title: "Notes", level: 3, into: &out)
            out += "<ul>\n"
            for note in e.notes { out += "<li>\(HTMLEscaping.escape(note))</li>\n" }
            out += "</ul>\n</section>\n"
        }
        out += "</section>\n"
    }

    /// Every reported overall metric as a card: name, value, interval; an undefined value says
    /// why in the card.
    static func keyMetrics(_ e: EvaluationResult, id: String, outline: HTMLOutline, into out: inout String) {
        let metrics = e.computed.metrics
        guard !metrics.isEmpty else { return }
        outline.open("\(id)-metrics", title: "Key metrics", level: 3, into: &out)
        out += "<dl class=\"k\">\n"
        for key in metrics.keys {
            let value = metrics[key]!
            out += "<div><dt>\(breakable(HTMLEscaping.escape(key)))</dt><dd>"
            if value.isNaN {
                let reason = metrics.undefinedReasons[key] ?? "undefined on this data"
                out += "<span class=\"u\">undefined</span><small>\(HTMLEscaping.escape(reason))</small>"
            } else {
                out += NumberFormatting.value(value, key: key, catalog: e.catalog)
                if let interval = e.intervals[key] {
                    out += HTMLNumbers.interval(interval, key: key, catalog: e.catalog)
                }
            }
            out += "</dd></div>\n"
        }
        out += "</dl>\n"
        if !e.intervals.isEmpty { out += "<p><small>In brackets: confidence intervals (method and level in the notes).</small></p>\n" }
        out += "</section>\n"
    }

    /// A metric name that may wrap after `_` and before `@` (`event_deletion_rate_` / `macro`)
    /// rather than anywhere.
    static func breakable(_ name: String) -> String {
        name.replacingOccurrences(of: "_", with: "_<wbr/>").replacingOccurrences(of: "@", with: "<wbr/>@")
    }

    /// The per-class table (up to `TableReport.perClassRowLimit` classes, as every report).
    static func perClass(_ e: EvaluationResult, id: String, outline: HTMLOutline, into out: inout String) {
        let rows = e.computed.perClass
        guard !rows.isEmpty else { return }
        outline.open("\(id)-classes", title: "Per class", level: 3, into: &out)
        guard rows.count <= TableReport.perClassRowLimit else {
            out += "<p>Per-class metrics of \(NumberFormatting.count(rows.count)) classes are in results.json "
                + "(reports list up to \(TableReport.perClassRowLimit)).</p>\n</section>\n"
            return
        }
        var columns: [String] = []
        var seen: Set<String> = []
        for row in rows { for key in row.metrics.keys where seen.insert(key).inserted { columns.append(key) } }
        let notes = HTMLFootnotes()
        HTMLTable.open(into: &out, caption: nil, columns: ["class"] + columns.map(HTMLEscaping.escape))
        for row in rows {
            let cells = columns.map { key in
                row.metrics[key].map {
                    HTMLNumbers.cell($0, key: key, catalog: e.catalog, interval: nil, reason: row.metrics.undefinedReasons[key], notes: notes)
                } ?? ""
            }
            HTMLTable.row(into: &out, header: HTMLEscaping.escape(row.label), cells: cells)
        }
        HTMLTable.close(into: &out)
        notes.flush(into: &out)
        out += "</section>\n"
    }

    /// The confusion matrix (rows truth, columns predicted), up to `confusionLabelLimit` labels.
    static func confusion(_ e: EvaluationResult, id: String, outline: HTMLOutline, into out: inout String) {
        guard let confusion = e.computed.confusion, !confusion.labels.isEmpty,
              confusion.labels.count <= confusionLabelLimit else { return }
        outline.open("\(id)-confusion", title: "Confusion matrix", level: 3, into: &out)
        let labels = confusion.labels.map(HTMLEscaping.escape)
        HTMLTable.open(into: &out, caption: "rows: truth, columns: predicted", columns: ["truth \\ predicted"] + labels)
        for (label, row) in zip(labels, confusion.counts) {
            HTMLTable.row(into: &out, header: label, cells: row.map { NumberFormatting.count(Int($0)) })
        }
        HTMLTable.close(into: &out)
        out += "</section>\n"
    }
}
