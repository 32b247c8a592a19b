/// The sections of the HTML report as they are written, for the contents line under the
/// verdict: each `open` writes a section's start and heading and records its id and title.
final class HTMLOutline {
    struct Entry {
        var id: String
        /// The heading, HTML already.
        var title: String
        /// 2 for a top-level section (the gates, an evaluation, the provenance), 3 inside one.
        var level: Int
    }

    private(set) var entries: [Entry] = []

    /// Writes `<section id="id">` (or `<footer id="id">` when `footer`) and `<hN>title</hN>`.
    /// `title` is HTML already (escaped by the caller); `heading` overrides the heading's content.
    func open(_ id: String, title: String, level: Int, heading: String? = nil, footer: Bool = false, into out: inout String) {
        entries.append(Entry(id: id, title: title, level: level))
        out += "<\(footer ? "footer" : "section") id=\"\(id)\">\n<h\(level)>\(heading ?? title)</h\(level)>\n"
    }

    /// The contents: a list with one line per top-level section, its subsections after it.
    func navigation() -> String {
        guard !entries.isEmpty else { return "" }
        var out = "<nav aria-label=\"Contents\"><ul class=\"n\">\n"
        var open = false
        for entry in entries {
            if entry.level == 2 {
                if open { out += "</li>\n" }
                out += "<li><a href=\"#\(entry.id)\">\(entry.title)</a>"
                open = true
            } else {
                out += " · <a href=\"#\(entry.id)\">\(entry.title)</a>"
            }
        }
        if open { out += "</li>\n" }
        return out + "</ul></nav>\n"
    }
}
