import Foundation

/// Reference against system events along time for one video or file: per event label a lane of
/// reference events (matched or missed) above a lane of system events (matched or false alarm).
struct TimelineChart {
    struct Event {
        var label: String
        var isReference: Bool
        var onset: Double
        var offset: Double
        /// `matched`, `substituted` (matched in time, another label), `missed` or `false_alarm`.
        var outcome: String
    }

    var title: String
    var subtitle: String?
    var events: [Event]

    static let lane = 16.0

    static let matchedReference = Color(44, 160, 44), missed = Color(214, 39, 40)
    static let matchedSystem = Color(31, 119, 180), falseAlarm = Color(255, 127, 14), substituted = Color(148, 103, 189)

    func draw(fonts: PlotFonts, scale: Int) -> Canvas {
        let tick = PlotFrame.tickSize
        let labels = events.reduce(into: [String]()) { if !$0.contains($1.label) { $0.append($1.label) } }.sorted()
        let measure = Canvas(width: 1, height: 1, scale: scale)
        let labelWidth = min(220, labels.map { measure.textWidth($0, font: fonts.regular, size: tick) }.max() ?? 0)
        let top = subtitle == nil ? 46.0 : 62.0
        let band = Self.lane * 2 + 10
        let width = 880, height = Int(top + band * Double(max(labels.count, 1)) + 70)
        var canvas = Canvas(width: width, height: height, scale: scale)
        let area = Rect(x: 16 + labelWidth + 34, y: top, width: Double(width) - (16 + labelWidth + 34) - 24, height: band * Double(max(labels.count, 1)))
        // From the video's start (time 0) unless an event lies before it, to the last event's end.
        let start = min(0, events.map(\.onset).min() ?? 0), end = max(start + 1e-9, events.map(\.offset).max() ?? 1)
        let x = AxisScale.linear(start, end)
        func px(_ t: Double) -> Double { area.x + (x.position(t) ?? 0) * area.width }
        PlotFrame.heading(title, subtitle, on: &canvas, fonts: fonts)
        for t in x.ticks() {
            canvas.fillRect(x: px(t.value) - 0.5, y: area.y, width: 1, height: area.height, .grid)
            canvas.text(t.label, x: px(t.value), y: area.maxY + 8, font: fonts.regular, size: tick, .text, align: .middle, vertical: .top)
        }
        for (i, label) in labels.enumerated() {
            let y = area.y + band * Double(i) + 5
            canvas.text(HeatmapChart.clipped(label, 30), x: area.x - 34, y: y + Self.lane, font: fonts.regular, size: tick, .text,
                        align: .end, vertical: .middle)
            canvas.text("ref", x: area.x - 6, y: y + Self.lane / 2, font: fonts.regular, size: tick - 2, .muted, align: .end, vertical: .middle)
            canvas.text("sys", x: area.x - 6, y: y + Self.lane * 1.5, font: fonts.regular, size: tick - 2, .muted, align: .end, vertical: .middle)
            if i > 0 { canvas.fillRect(x: area.x, y: y - 5.5, width: area.width, height: 1, Color(200, 200, 200)) }
            for event in events where event.label == label {
                let lane = event.isReference ? y : y + Self.lane
                let color = switch event.outcome {
                case "matched": event.isReference ? Self.matchedReference : Self.matchedSystem
                case "substituted": Self.substituted
                default: event.isReference ? Self.missed : Self.falseAlarm
                }
                let from = px(event.onset), to = px(event.offset)
                canvas.fillRect(x: from, y: lane + 2, width: max(1.5, to - from), height: Self.lane - 4, color, opacity: 0.85)
            }
        }
        canvas.strokeRect(x: area.x - 1, y: area.y - 1, width: area.width + 2, height: area.height + 2, .axis)
        canvas.text("time (s)", x: area.x + area.width / 2, y: area.maxY + 36, font: fonts.regular, size: PlotFrame.labelSize, .text, align: .middle)
        let key: [(String, Color)] = [("reference matched", Self.matchedReference), ("missed", Self.missed),
                                      ("system matched", Self.matchedSystem), ("false alarm", Self.falseAlarm),
                                      ("substituted (other label)", Self.substituted)]
        var kx = area.x
        for (name, color) in key {
            canvas.fillRect(x: kx, y: Double(height) - 18, width: 14, height: 10, color)
            canvas.text(name, x: kx + 19, y: Double(height) - 13, font: fonts.regular, size: tick, .text, vertical: .middle)
            kx += 19 + canvas.textWidth(name, font: fonts.regular, size: tick) + 22
        }
        return canvas
    }
}
