import Foundation

/// One metric per slice as horizontal bars, with the interval as a whisker, the overall value as
/// a dashed line, and suppressed slices listed by name and count with no value (their metrics
/// are withheld everywhere).
struct SliceBarsChart {
    struct Row {
        var label: String
        var count: Int
        var value: Double?
        var interval: (Double, Double)?
        var suppressed: Bool
    }

    var title: String
    var subtitle: String?
    var metric: String
    var rows: [Row]
    var overall: Double?
    /// Whether the metric is a rate in [0, 1] (the axis then spans 0 to 1).
    var unitRange: Bool

    static let rowHeight = 22.0

    func draw(fonts: PlotFonts, scale: Int) -> Canvas {
        let tick = PlotFrame.tickSize
        let measure = Canvas(width: 1, height: 1, scale: scale)
        let labels = rows.map { HeatmapChart.clipped($0.label, 40) + "  (n=\(NumberFormatting.count($0.count)))" }
        let labelWidth = min(300, labels.map { measure.textWidth($0, font: fonts.regular, size: tick) }.max() ?? 0)
        let top = subtitle == nil ? 46.0 : 62.0
        let width = 720, height = Int(top + Self.rowHeight * Double(max(rows.count, 1)) + 56)
        var canvas = Canvas(width: width, height: height, scale: scale)
        let area = Rect(x: 16 + labelWidth + 10, y: top, width: Double(width) - (16 + labelWidth + 10) - 24,
                        height: Self.rowHeight * Double(max(rows.count, 1)))
        let shown = rows.compactMap(\.value) + rows.compactMap(\.interval).flatMap { [$0.0, $0.1] } + (overall.map { [$0] } ?? [])
        let finite = shown.filter(\.isFinite)
        // Bars start at 0; negative values (changes) extend left. A rate spans 0 to 1 unless every
        // value is small (error rates), then up to the largest.
        let smallest = min(0, finite.min() ?? 0), largest = max(0, finite.max() ?? 0)
        let low = smallest * 1.05
        let high = unitRange && largest > 0.5 ? 1 : (largest > 0 ? largest * 1.05 : (smallest < 0 ? 0 : 1))
        let x = AxisScale.linear(low, high)
        func px(_ v: Double) -> Double { area.x + (x.position(v) ?? 0) * area.width }

        PlotFrame.heading(title, subtitle, on: &canvas, fonts: fonts)
        for t in x.ticks() {
            canvas.fillRect(x: px(t.value) - 0.5, y: area.y, width: 1, height: area.height, .grid)
            canvas.fillRect(x: px(t.value) - 0.5, y: area.maxY, width: 1, height: 5, .axis)
            canvas.text(t.label, x: px(t.value), y: area.maxY + 8, font: fonts.regular, size: tick, .text, align: .middle, vertical: .top)
        }
        for (i, row) in rows.enumerated() {
            let cy = area.y + Self.rowHeight * (Double(i) + 0.5)
            canvas.text(labels[i], x: area.x - 8, y: cy, font: fonts.regular, size: tick, row.suppressed ? .muted : .text,
                        align: .end, vertical: .middle)
            if row.suppressed {
                canvas.text("suppressed (min_slice_size)", x: area.x + 6, y: cy, font: fonts.regular, size: tick, .muted, vertical: .middle)
                continue
            }
            guard let value = row.value, value.isFinite else {
                canvas.text("undefined", x: area.x + 6, y: cy, font: fonts.regular, size: tick, .muted, vertical: .middle)
                continue
            }
            let from = px(max(low, min(0, value))), to = px(max(0, value))
            canvas.fillRect(x: from, y: cy - 7, width: max(0.5, to - from), height: 14, Color.series(0))
            if to - from < 2 {
                // A bar too short to see (a value at or near 0): its value in words, so it does not
                // read as missing.
                canvas.text(NumberFormatting.fixed4(value), x: to + 6, y: cy, font: fonts.regular, size: tick - 1, .text, vertical: .middle)
            }
            if let (lower, upper) = row.interval, lower.isFinite, upper.isFinite {
                canvas.line((px(lower), cy), (px(upper), cy), .black, lineWidth: 1.2)
                canvas.line((px(lower), cy - 4), (px(lower), cy + 4), .black, lineWidth: 1.2)
                canvas.line((px(upper), cy - 4), (px(upper), cy + 4), .black, lineWidth: 1.2)
            }
        }
        canvas.fillRect(x: area.x - 0.5, y: area.y, width: 1, height: area.height, .axis)
        canvas.fillRect(x: area.x, y: area.maxY - 0.5, width: area.width, height: 1, .axis)
        if let overall, overall.isFinite {
            canvas.line((px(overall), area.y), (px(overall), area.maxY), Color.series(3), lineWidth: 1.5, dash: (6, 4))
        }
        // Key: bar, overall line, whisker.
        var key: [(String, Color, KeySwatch)] = [(metric, Color.series(0), .box)]
        if let overall, overall.isFinite { key.append(("overall " + String(format: "%.4f", overall), Color.series(3), .dashed)) }
        if rows.contains(where: { $0.interval != nil }) { key.append(("interval", .black, .whisker)) }
        let widths = key.map { 26 + canvas.textWidth($0.0, font: fonts.regular, size: tick) }
        var kx = area.x + (area.width - widths.reduce(0, +) - 24 * Double(key.count - 1)) / 2
        let ky = Double(height) - 14
        for (i, (name, color, swatch)) in key.enumerated() {
            switch swatch {
            case .box: canvas.fillRect(x: kx, y: ky - 5, width: 18, height: 10, color)
            case .dashed: canvas.line((kx, ky), (kx + 18, ky), color, lineWidth: 1.5, dash: (5, 3))
            case .whisker:
                canvas.line((kx, ky), (kx + 18, ky), color, lineWidth: 1.2)
                canvas.line((kx, ky - 4), (kx, ky + 4), color, lineWidth: 1.2)
                canvas.line((kx + 18, ky - 4), (kx + 18, ky + 4), color, lineWidth: 1.2)
            }
            canvas.text(name, x: kx + 24, y: ky, font: fonts.regular, size: tick, .text, vertical: .middle)
            kx += widths[i] + 24
        }
        return canvas
    }
}

private enum KeySwatch { case box, dashed, whisker }
