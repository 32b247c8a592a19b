import EvalKit
import Foundation

/// Curves on one x-y plot, one colour per series: precision-recall, ROC (with the chance
/// diagonal) and DET (normal-deviate axes). The drawn polyline is thinned to at most
/// `displayPoints` points per series; results.json keeps every point.
struct CurveChart {
    struct Series {
        var name: String
        var x: [Double]
        var y: [Double]
    }

    enum Style { case precisionRecall, roc, det(x: AxisScale, y: AxisScale) }

    var title: String
    var subtitle: String?
    var xLabel: String
    var yLabel: String
    var style: Style
    var series: [Series]

    static let size = (width: 640, height: 480)
    static let displayPoints = 2_000

    func draw(fonts: PlotFonts, scale: Int) -> Canvas {
        var canvas = Canvas(width: Self.size.width, height: Self.size.height, scale: scale)
        let unit = AxisScale.linear(0, 1)
        let (xScale, yScale): (AxisScale, AxisScale)
        let corner: Legend.Corner
        switch style {
        case .precisionRecall: (xScale, yScale, corner) = (unit, .linear(0, 1.02), .lowerLeft)
        case .roc: (xScale, yScale, corner) = (unit, .linear(0, 1.02), .lowerRight)
        case .det(let x, let y): (xScale, yScale, corner) = (x, y, .upperRight)
        }
        let frame = PlotFrame(title: title, subtitle: subtitle, xLabel: xLabel, yLabel: yLabel, x: xScale, y: yScale)
        let area = frame.draw(on: &canvas, fonts: fonts)
        if case .roc = style, let a = area.point(0, 0), let b = area.point(1, 1) {
            canvas.line(a, b, .muted, lineWidth: 1, dash: (5, 4))
        }
        for (i, s) in series.enumerated() {
            for run in Self.runs(s, area: area) { canvas.polyline(run, Color.series(i), lineWidth: 2, clip: area.rect) }
        }
        var legend = series.enumerated().map { (name: $0.element.name, color: Color.series($0.offset)) }
        if case .roc = style { legend.append((name: "chance", color: .muted)) }
        if series.count > 1 || !(series.first?.name.isEmpty ?? true) {
            Legend(entries: legend, corner: corner).draw(on: &canvas, in: area.rect, fonts: fonts)
        }
        return canvas
    }

    /// The drawable stretches of a series: points the scales can place, split where one cannot
    /// (an undefined value, zero on a log or probit axis), thinned evenly to `displayPoints`.
    static func runs(_ s: Series, area: PlotArea) -> [[(Double, Double)]] {
        let n = min(s.x.count, s.y.count)
        let step = max(1, n / displayPoints)
        var runs: [[(Double, Double)]] = [], current: [(Double, Double)] = []
        var i = 0
        while i < n {
            if let p = area.point(s.x[i], s.y[i]) {
                current.append(p)
            } else if !current.isEmpty {
                runs.append(current)
                current = []
            }
            i = (i + step < n || i == n - 1) ? i + step : n - 1
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }

    /// A probit (or log) axis spanning `values` between `floor` and `ceiling`: down to the decade
    /// below the smallest positive value, up to the next 1, 2 or 5 step above the largest.
    static func detRange(_ values: [Double], floor: Double, ceiling: Double) -> (Double, Double) {
        let positive = values.filter { $0.isFinite && $0 > 0 }
        guard let low = positive.min(), let high = positive.max() else { return (floor, ceiling) }
        let lower = max(floor, pow(10, (log10(low)).rounded(.down)))
        let decade = pow(10, log10(high).rounded(.down))
        let step = [1.0, 2, 5, 10].map { $0 * decade }.first { $0 >= high * (1 - 1e-12) } ?? 10 * decade
        return (lower, min(ceiling, max(lower * 10, step)))
    }
}
