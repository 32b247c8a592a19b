import Foundation

/// A matrix of cells coloured by value with the value written in each cell that is large
/// enough: the confusion matrix (counts, truth by row, prediction by column) and the cross-group
/// false match rates (probe group by row, reference group by column, colour on a log scale).
struct HeatmapChart {
    var title: String
    var subtitle: String?
    var rowLabel: String
    var columnLabel: String
    var rows: [String]
    var columns: [String]
    /// `values[row][column]`; NaN cells are drawn blank and marked "—".
    var values: [[Double]]
    /// How a cell reads and how strongly it is coloured (0 ... 1).
    var text: (Double) -> String
    var intensity: (Double) -> Double

    static let maxCell = 90.0, minCell = 14.0

    func draw(fonts: PlotFonts, scale: Int) -> Canvas {
        let tick = PlotFrame.tickSize
        let measure = Canvas(width: 1, height: 1, scale: scale)
        let rowText = rows.map { measure.textWidth($0, font: fonts.regular, size: tick) }.max() ?? 0
        let columnText = columns.map { measure.textWidth($0, font: fonts.regular, size: tick) }.max() ?? 0
        let cell = max(Self.minCell, min(Self.maxCell, 560 / Double(max(rows.count, columns.count, 1))))
        let rotate = columnText > cell - 4
        let gridWidth = cell * Double(columns.count)
        let width = Int(max(420, 40 + min(rowText, 220) + 8 + gridWidth + 24))
        // The grid is centred; the row names sit to its left.
        let left = max(40 + min(rowText, 220) + 8, (Double(width) - gridWidth) / 2)
        let top = subtitle == nil ? 44.0 : 60.0
        let below = rotate ? min(columnText, 160) + 10 : tick + 12
        let height = Int(top + cell * Double(rows.count) + below + 28)
        let gridBottom = top + cell * Double(rows.count)
        var canvas = Canvas(width: width, height: height, scale: scale)
        PlotFrame.heading(title, subtitle, on: &canvas, fonts: fonts)
        // Cell text as large as fits the widest label (none below 7 units).
        let labels = values.flatMap { $0 }.map { $0.isNaN ? "—" : text($0) }
        var cellText = min(13.5, cell / 3.2)
        let widest = labels.map { measure.textWidth($0, font: fonts.regular, size: cellText) }.max() ?? 0
        if widest > cell - 8 { cellText *= (cell - 8) / widest }
        if cellText < 7 { cellText = 0 }
        for (r, row) in values.enumerated() {
            for (c, value) in row.enumerated() {
                let x = left + Double(c) * cell, y = top + Double(r) * cell
                let fill = value.isNaN ? Color(245, 245, 245) : Color.sequential(intensity(value))
                canvas.fillRect(x: x, y: y, width: cell, height: cell, fill)
                canvas.strokeRect(x: x, y: y, width: cell, height: cell, .white, lineWidth: 0.5)
                if cellText > 0 {
                    let label = value.isNaN ? "—" : text(value)
                    let color: Color = fill.luminance < 0.55 ? .white : .text
                    canvas.text(label, x: x + cell / 2, y: y + cell / 2, font: fonts.regular, size: cellText, color, align: .middle, vertical: .middle)
                }
            }
        }
        for (r, name) in rows.enumerated() {
            canvas.text(Self.clipped(name, 30), x: left - 6, y: top + (Double(r) + 0.5) * cell, font: fonts.regular, size: min(tick, cell * 0.8), .text,
                        align: .end, vertical: .middle)
        }
        for (c, name) in columns.enumerated() {
            let x = left + (Double(c) + 0.5) * cell
            if rotate {
                let w = measure.textWidth(Self.clipped(name, 24), font: fonts.regular, size: min(tick, cell * 0.8))
                canvas.verticalText(Self.clipped(name, 24), x: x, y: gridBottom + 6 + w / 2, font: fonts.regular, size: min(tick, cell * 0.8), .text)
            } else {
                canvas.text(name, x: x, y: gridBottom + 6, font: fonts.regular, size: tick, .text, align: .middle, vertical: .top)
            }
        }
        canvas.text(columnLabel, x: left + cell * Double(columns.count) / 2, y: Double(height) - 8, font: fonts.regular,
                    size: PlotFrame.labelSize, .text, align: .middle)
        canvas.verticalText(rowLabel, x: left - min(rowText, 220) - 28, y: top + cell * Double(rows.count) / 2, font: fonts.regular, size: PlotFrame.labelSize, .text)
        return canvas
    }

    /// `text` cut to `limit` characters with an ellipsis.
    static func clipped(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}
