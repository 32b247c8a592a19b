import Foundation

/// One plot of a run, drawn and encoded: what `--out` writes as `<file>` and the HTML report
/// inlines. Images are drawn at `scale` × their display size for sharp display.
public struct RenderedPlot: Sendable {
    /// Position of the evaluation in the scheme, from 0.
    public var evaluation: Int
    /// File name in the `--out` directory, e.g. `roc-1.png`.
    public var file: String
    /// What the plot shows, in words (the HTML caption and `alt` text).
    public var title: String
    /// Display size in CSS pixels; the PNG is `scale` times larger.
    public var width: Int
    public var height: Int
    public var scale: Int
    /// The PNG bytes.
    public var png: Data

    public init(evaluation: Int, file: String, title: String, width: Int, height: Int, scale: Int, png: Data) {
        self.evaluation = evaluation
        self.file = file
        self.title = title
        self.width = width
        self.height = height
        self.scale = scale
        self.png = png
    }
}
