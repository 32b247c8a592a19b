import Foundation

/// The frame of an x-y plot: title, plot area with a light grid, axes with ticks and tick
/// labels, axis names, and a legend drawn over the data. `draw` lays the frame out on the canvas
/// (margins fitted to the tick labels) and returns the plot area with its value-to-point mapping.
struct PlotFrame {
    var title: String
    var subtitle: String? = nil
    var xLabel: String
    var yLabel: String
    var x: AxisScale
    var y: AxisScale

    static let titleSize = 15.0
    static let labelSize = 12.5
    static let tickSize = 11.0
    static let legendSize = 11.0

    /// A plot's title (bold, centred at the top) and its subtitle below, as every chart draws them.
    static func heading(_ title: String, _ subtitle: String?, on canvas: inout Canvas, fonts: PlotFonts) {
        canvas.text(title, x: Double(canvas.width) / 2, y: 12, font: fonts.bold, size: titleSize, .text, align: .middle, vertical: .top)
        if let subtitle {
            canvas.text(subtitle, x: Double(canvas.width) / 2, y: 32, font: fonts.regular, size: tickSize, .axis, align: .middle, vertical: .top)
        }
    }

    /// Draws everything but the data and the legend; returns the mapping to use for the data.
    func draw(on canvas: inout Canvas, fonts: PlotFonts) -> PlotArea {
        let xTicks = x.ticks(), yTicks = y.ticks()
        let widestY = yTicks.map { canvas.textWidth($0.label, font: fonts.regular, size: Self.tickSize) }.max() ?? 0
        let top = subtitle == nil ? 40.0 : 56.0
        let area = Rect(x: 28 + widestY + 10, y: top, width: Double(canvas.width) - (28 + widestY + 10) - 22,
                        height: Double(canvas.height) - top - 58)
        PlotFrame.heading(title, subtitle, on: &canvas, fonts: fonts)
        let plot = PlotArea(rect: area, x: x, y: y)
        for tick in xTicks {
            guard let px = plot.pointX(tick.value), px >= area.x - 0.5, px <= area.maxX + 0.5 else { continue }
            canvas.fillRect(x: px - 0.5, y: area.y, width: 1, height: area.height, .grid)
            canvas.fillRect(x: px - 0.5, y: area.maxY, width: 1, height: 5, .axis)
            canvas.text(tick.label, x: px, y: area.maxY + 8, font: fonts.regular, size: Self.tickSize, .text, align: .middle, vertical: .top)
        }
        for tick in yTicks {
            guard let py = plot.pointY(tick.value), py >= area.y - 0.5, py <= area.maxY + 0.5 else { continue }
            canvas.fillRect(x: area.x, y: py - 0.5, width: area.width, height: 1, .grid)
            canvas.fillRect(x: area.x - 5, y: py - 0.5, width: 5, height: 1, .axis)
            canvas.text(tick.label, x: area.x - 8, y: py, font: fonts.regular, size: Self.tickSize, .text, align: .end, vertical: .middle)
        }
        canvas.strokeRect(x: area.x - 1, y: area.y - 1, width: area.width + 2, height: area.height + 2, .axis)
        canvas.text(xLabel, x: area.x + area.width / 2, y: Double(canvas.height) - 12, font: fonts.regular, size: Self.labelSize, .text, align: .middle)
        canvas.verticalText(yLabel, x: 14, y: area.y + area.height / 2, font: fonts.regular, size: Self.labelSize, .text)
        return plot
    }
}

/// The plot area and its scales: maps values to points in display units.
struct PlotArea {
    var rect: Rect
    var x: AxisScale
    var y: AxisScale

    func pointX(_ v: Double) -> Double? { x.position(v).map { rect.x + $0 * rect.width } }
    func pointY(_ v: Double) -> Double? { y.position(v).map { rect.maxY - $0 * rect.height } }
    func point(_ vx: Double, _ vy: Double) -> (Double, Double)? {
        guard let px = pointX(vx), let py = pointY(vy) else { return nil }
        return (px, py)
    }
}

/// A legend: a box of coloured swatches and names in a corner of the plot area. Shows at most
/// `limit` entries and says how many more there are.
struct Legend {
    enum Corner { case upperRight, lowerRight, lowerLeft, upperLeft }
    enum Swatch { case line, box }
    var entries: [(name: String, color: Color)]
    var corner: Corner
    var swatch: Swatch = .line
    var limit = 12

    func draw(on canvas: inout Canvas, in area: Rect, fonts: PlotFonts) {
        guard !entries.isEmpty else { return }
        var shown = entries.prefix(entries.count > limit ? limit - 1 : limit).map { ($0.name, Optional($0.color)) }
        if entries.count > limit { shown.append(("… \(entries.count - limit + 1) more", nil)) }
        let size = PlotFrame.legendSize, row = size + 6
        let textWidth = shown.map { canvas.textWidth($0.0, font: fonts.regular, size: size) }.max() ?? 0
        let boxWidth = min(area.width - 16, 34 + textWidth + 10), boxHeight = Double(shown.count) * row + 10
        let bx = (corner == .upperRight || corner == .lowerRight) ? area.maxX - boxWidth - 8 : area.x + 8
        let by = (corner == .upperRight || corner == .upperLeft) ? area.y + 8 : area.maxY - boxHeight - 8
        canvas.fillRect(x: bx, y: by, width: boxWidth, height: boxHeight, .white, opacity: 0.9)
        canvas.strokeRect(x: bx, y: by, width: boxWidth, height: boxHeight, Color(200, 200, 200))
        for (i, entry) in shown.enumerated() {
            let cy = by + 5 + row * (Double(i) + 0.5)
            if let color = entry.1 {
                switch swatch {
                case .line: canvas.line((bx + 8, cy), (bx + 28, cy), color, lineWidth: 2.5)
                case .box: canvas.fillRect(x: bx + 11, y: cy - 5, width: 14, height: 10, color)
                }
            }
            canvas.text(entry.0, x: bx + 34, y: cy, font: fonts.regular, size: size, .text, vertical: .middle)
        }
    }
}
