/// Compact HTML tables: a scrolling wrapper, column headers with `scope="col"`, a row header
/// with `scope="row"`, and plain `<td>` cells (alignment comes from the stylesheet, never from
/// per-cell styles), so a 1,000-slice table stays small. Every argument is HTML already: callers
/// escape data strings (`HTMLEscaping`) before they get here.
enum HTMLTable {
    /// Opens a table: `<div class="t"><table>`, the caption, the header row (none when `columns`
    /// is empty: a table of named rows), `<tbody>`.
    /// `className` is the table's class (nil for none).
    static func open(into out: inout String, caption: String?, columns: [String], className: String? = nil) {
        out += "<div class=\"t\"><table"
        if let className { out += " class=\"\(className)\"" }
        out += ">\n"
        if let caption { out += "<caption>\(caption)</caption>\n" }
        if !columns.isEmpty {
            out += "<thead><tr>"
            for column in columns { out += "<th scope=\"col\">\(column)</th>" }
            out += "</tr></thead>\n"
        }
        out += "<tbody>\n"
    }

    /// One row: a row header and its cells; `className` marks the row (nil for none).
    static func row(into out: inout String, header: String, cells: [String], className: String? = nil) {
        out += className.map { "<tr class=\"\($0)\">" } ?? "<tr>"
        out += "<th scope=\"row\">\(header)</th>"
        for cell in cells { out += "<td>\(cell)</td>" }
        out += "</tr>\n"
    }

    /// A row whose last cell spans `span` columns (a suppressed slice: its count, then one cell
    /// that says so).
    static func row(into out: inout String, header: String, cells: [String], spanning text: String, span: Int,
                    className: String? = nil) {
        out += className.map { "<tr class=\"\($0)\">" } ?? "<tr>"
        out += "<th scope=\"row\">\(header)</th>"
        for cell in cells { out += "<td>\(cell)</td>" }
        out += span > 1 ? "<td colspan=\"\(span)\">\(text)</td>" : "<td>\(text)</td>"
        out += "</tr>\n"
    }

    /// Closes what `open` opened.
    static func close(into out: inout String) {
        out += "</tbody></table></div>\n"
    }
}
