import Foundation

/// The plots of an evaluation in the HTML report, inlined: each PNG as a `data:image/png;base64`
/// image at its display size (the PNG is `scale` times larger, for sharp display), its title as
/// `alt` text and caption.
enum HTMLPlots {
    static func render(_ plots: [RenderedPlot], id: String, outline: HTMLOutline, into out: inout String) {
        guard !plots.isEmpty else { return }
        outline.open("\(id)-plots", title: "Plots", level: 3, into: &out)
        for plot in plots {
            let title = HTMLEscaping.escape(plot.title)
            out += "<figure><img src=\"data:image/png;base64,\(plot.png.base64EncodedString())\" "
                + "width=\"\(plot.width)\" height=\"\(plot.height)\" alt=\"\(title)\"/>"
                + "<figcaption>\(title) <small>(\(HTMLEscaping.escape(plot.file)))</small></figcaption></figure>\n"
        }
        out += "</section>\n"
    }
}
