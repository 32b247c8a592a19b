import EvalKit

/// A line plot of curves on [0, 1] × [0, 1] (precision against recall), as PNG: axes with ticks
/// every 0.2, a light grid every 0.1, one colour per curve, a legend, and the axis names.
public enum CurvePlot {
    static let size = (width: 720, height: 540)
    static let margin = (left: 70, right: 20, top: 40, bottom: 60)
    static let palette: [(UInt8, UInt8, UInt8)] = [(31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40), (148, 103, 189)]

    public static func render(_ curves: [MetricCurve], title: String) -> PNGImage {
        var image = PNGImage(width: size.width, height: size.height)
        let plotWidth = size.width - margin.left - margin.right
        let plotHeight = size.height - margin.top - margin.bottom
        func px(_ x: Double) -> Int { margin.left + Int((x * Double(plotWidth)).rounded()) }
        func py(_ y: Double) -> Int { margin.top + plotHeight - Int((y * Double(plotHeight)).rounded()) }
        // Grid and axes.
        for i in 0...10 {
            let v = Double(i) / 10
            let shade: UInt8 = i % 2 == 0 ? 215 : 235
            line(&image, px(v), py(0), px(v), py(1), (shade, shade, shade), thickness: 1)
            line(&image, px(0), py(v), px(1), py(v), (shade, shade, shade), thickness: 1)
            if i % 2 == 0 {
                let label = i == 10 ? "1" : i == 0 ? "0" : "0.\(i)"
                BitmapFont.draw(label, x: px(v) - BitmapFont.textWidth(label) / 2, y: py(0) + 8, color: (40, 40, 40), on: &image)
                BitmapFont.draw(label, x: px(0) - BitmapFont.textWidth(label) - 8, y: py(v) - 3, color: (40, 40, 40), on: &image)
            }
        }
        line(&image, px(0), py(0), px(1), py(0), (0, 0, 0), thickness: 1)
        line(&image, px(0), py(0), px(0), py(1), (0, 0, 0), thickness: 1)
        let xLabel = curves.first?.xLabel ?? "x", yLabel = curves.first?.yLabel ?? "y"
        BitmapFont.draw(xLabel, x: px(0.5) - BitmapFont.textWidth(xLabel, scale: 2) / 2, y: size.height - 30, scale: 2, color: (0, 0, 0), on: &image)
        BitmapFont.draw(yLabel, x: 8, y: margin.top - 28, scale: 2, color: (0, 0, 0), on: &image)
        BitmapFont.draw(title, x: px(1) - BitmapFont.textWidth(title, scale: 2), y: 12, scale: 2, color: (0, 0, 0), on: &image)
        // Curves (undefined points are skipped) and the legend.
        for (c, curve) in curves.enumerated() {
            let color = palette[c % palette.count]
            var previous: (Int, Int)?
            for (x, y) in zip(curve.x, curve.y) {
                guard !x.isNaN, !y.isNaN else { previous = nil; continue }
                let point = (px(x), py(y))
                if let previous { line(&image, previous.0, previous.1, point.0, point.1, color, thickness: 2) }
                previous = point
            }
            let legendY = py(0) - 20 - 14 * (curves.count - 1 - c)
            line(&image, px(0.03), legendY + 3, px(0.08), legendY + 3, color, thickness: 2)
            BitmapFont.draw(curve.name, x: px(0.1), y: legendY, color: (0, 0, 0), on: &image)
        }
        return image
    }

    /// A straight line from (x0, y0) to (x1, y1) (Bresenham), `thickness` pixels wide.
    static func line(_ image: inout PNGImage, _ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int, _ color: (UInt8, UInt8, UInt8), thickness: Int) {
        var x = x0, y = y0
        let dx = abs(x1 - x0), dy = -abs(y1 - y0)
        let sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1
        var error = dx + dy
        while true {
            for ox in 0..<thickness {
                for oy in 0..<thickness { image.set(x: x + ox, y: y + oy, r: color.0, g: color.1, b: color.2) }
            }
            if x == x1 && y == y1 { break }
            let e2 = 2 * error
            if e2 >= dy { error += dy; x += sx }
            if e2 <= dx { error += dx; y += sy }
        }
    }
}
