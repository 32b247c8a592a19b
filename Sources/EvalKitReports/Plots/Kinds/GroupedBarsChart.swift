import Foundation

/// Counts per group as side-by-side vertical bars, one colour per series: tracking's ID switches
/// and fragmentations per sequence.
struct GroupedBarsChart {
    var title: String
    var subtitle: String?
    var groupLabel: String
    var valueLabel: String
    var groups: [String]
    /// Series name and one value per group.
    var series: [(name: String, values: [Double])]

    func draw(fonts: PlotFonts, scale: Int) -> Canvas {
        let tick = PlotFrame.tickSize
        let measure = Canvas(width: 1, height: 1, scale: scale)
        let groupWidth = Double(max(10, 8 * series.count + 8))
        let longest = groups.map { measure.textWidth(HeatmapChart.clipped($0, 24), font: fonts.regular, size: tick) }.max() ?? 0
        let rotate = longest > groupWidth - 2
        let maxValue = series.flatMap(\.values).filter(\.isFinite).max() ?? 0
        let y = AxisScale.linear(0, max(1, maxValue * 1.08))
        let yTicks = y.ticks()
        let tickWidth = yTicks.map { measure.textWidth($0.label, font: fonts.regular, size: tick) }.max() ?? 0
        let left = 28 + tickWidth + 10
        let width = Int(max(640, left + groupWidth * Double(groups.count) + 24))
        let top = (subtitle == nil ? 44.0 : 60.0) + 22
        let below = rotate ? min(longest, 150) + 14 : tick + 14
        let height = Int(top + 300 + below + 44)
        var canvas = Canvas(width: width, height: height, scale: scale)
        let area = Rect(x: left, y: top, width: Double(width) - left - 24, height: 300)
        PlotFrame.heading(title, subtitle, on: &canvas, fonts: fonts)
        func py(_ v: Double) -> Double { area.maxY - (y.position(v) ?? 0) * area.height }
        for t in yTicks {
            canvas.fillRect(x: area.x, y: py(t.value) - 0.5, width: area.width, height: 1, .grid)
            canvas.text(t.label, x: area.x - 8, y: py(t.value), font: fonts.regular, size: tick, .text, align: .end, vertical: .middle)
        }
        let step = area.width / Double(max(groups.count, 1))
        let bar = min(14, (step - 4) / Double(max(series.count, 1)))
        for (g, group) in groups.enumerated() {
            let center = area.x + step * (Double(g) + 0.5)
            for (s, item) in series.enumerated() {
                let value = item.values[g]
                guard value.isFinite, value > 0 else { continue }
                let x = center - bar * Double(series.count) / 2 + bar * Double(s)
                canvas.fillRect(x: x, y: py(value), width: bar - 1, height: area.maxY - py(value), Color.series(s))
            }
            let label = HeatmapChart.clipped(group, 24)
            if rotate {
                let w = measure.textWidth(label, font: fonts.regular, size: tick)
                canvas.verticalText(label, x: center, y: area.maxY + 8 + w / 2, font: fonts.regular, size: tick, .text)
            } else {
                canvas.text(label, x: center, y: area.maxY + 8, font: fonts.regular, size: tick, .text, align: .middle, vertical: .top)
            }
        }
        canvas.fillRect(x: area.x - 0.5, y: area.y, width: 1, height: area.height, .axis)
        canvas.fillRect(x: area.x, y: area.maxY - 0.5, width: area.width, height: 1, .axis)
        canvas.text(groupLabel, x: area.x + area.width / 2, y: Double(height) - 10, font: fonts.regular, size: PlotFrame.labelSize, .text, align: .middle)
        canvas.verticalText(valueLabel, x: 14, y: area.y + area.height / 2, font: fonts.regular, size: PlotFrame.labelSize, .text)
        // Key, in a row above the plot area.
        let widths = series.map { 20 + canvas.textWidth($0.name, font: fonts.regular, size: tick) }
        var kx = area.x + (area.width - widths.reduce(0, +) - 20 * Double(series.count - 1)) / 2
        for (s, item) in series.enumerated() {
            canvas.fillRect(x: kx, y: top - 20, width: 14, height: 10, Color.series(s))
            canvas.text(item.name, x: kx + 19, y: top - 15, font: fonts.regular, size: tick, .text, vertical: .middle)
            kx += widths[s] + 20
        }
        return canvas
    }
}
