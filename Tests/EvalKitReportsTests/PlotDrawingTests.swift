import EvalKit
import Foundation
import Testing
@testable import EvalKitReports

/// The plot drawing: FreeType text, antialiased shapes, axes, and each chart read back from its
/// PNG bytes through libpng (dimensions, a non-blank plot area, known pixels of known plots).
@Suite struct PlotDrawingTests {
    static func fonts() throws -> PlotFonts { try PlotFonts.load() }

    static func decoded(_ canvas: Canvas) throws -> PNGImage { try PNGImage.decode(canvas.image.encoded()) }

    static func isColor(_ p: (r: UInt8, g: UInt8, b: UInt8), _ c: Color) -> Bool { p.r == c.r && p.g == c.g && p.b == c.b }

    @Test func pngRoundTripsThroughLibpng() throws {
        var image = PNGImage(width: 7, height: 3)
        image.set(x: 4, y: 1, r: 10, g: 200, b: 30)
        let back = try PNGImage.decode(image.encoded())
        #expect(back.width == 7 && back.height == 3)
        #expect(back.pixels == image.pixels)
        #expect(throws: PNGWriteError.self) { try PNGImage.decode(Data("not a png".utf8)) }
    }

    @Test func textIsRenderedAntialiasedWithTheFont() throws {
        let fonts = try Self.fonts()
        var canvas = Canvas(width: 200, height: 40, scale: 2)
        canvas.text("Precision 0.81", x: 10, y: 20, font: fonts.regular, size: 14, .black, vertical: .middle)
        let image = try Self.decoded(canvas)
        var ink = 0, partial = 0
        for y in 0..<image.height {
            for x in 0..<image.width {
                let r = image.pixel(x: x, y: y).r
                if r < 60 { ink += 1 } else if r < 230 { partial += 1 }
            }
        }
        #expect(ink > 300, "solid glyph pixels")
        #expect(partial > 100, "antialiased edges")
        // The text is as wide as FreeType's advances say (about 100 units at 14 units for this string).
        let width = canvas.textWidth("Precision 0.81", font: fonts.regular, size: 14)
        #expect(width > 70 && width < 130)
        var rightmost = 0
        for y in 0..<image.height { for x in 0..<image.width where image.pixel(x: x, y: y).r < 128 { rightmost = max(rightmost, x) } }
        #expect(abs(Double(rightmost) / 2 - (10 + width)) < 3)
    }

    @Test func linesAreAntialiased() throws {
        var canvas = Canvas(width: 50, height: 50, scale: 1)
        canvas.line((5, 5), (45, 30), .black, lineWidth: 1.5)
        let image = try Self.decoded(canvas)
        let values = Set((0..<50).flatMap { y in (0..<50).map { x in image.pixel(x: x, y: y).r } })
        #expect(values.contains(255) && values.contains { $0 > 20 && $0 < 235 })
    }

    @Test func probitAxisPlacesProbabilitiesByTheirNormalDeviate() {
        let axis = AxisScale.probit(0.001, 0.5)
        #expect(abs(axis.position(0.001)! - 0) < 1e-12)
        #expect(abs(axis.position(0.5)! - 1) < 1e-12)
        // Φ⁻¹(0.01) = -2.3263, Φ⁻¹(0.001) = -3.0902: 0.01 sits at 0.7637/3.0902 of the axis.
        #expect(abs(axis.position(0.01)! - (3.090232306167813 - 2.326347874040841) / 3.090232306167813) < 1e-9)
        #expect(axis.position(0) == nil && axis.position(1) == nil)
        let ticks = axis.ticks()
        #expect(ticks.contains { $0.value == 0.01 && $0.label == "1%" })
        #expect(ticks.contains { $0.value == 0.001 && $0.label == "0.1%" })
    }

    @Test func linearTicksAreRoundNumbers() {
        #expect(AxisScale.linearTicks(0, 1).map(\.label) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        #expect(AxisScale.linearTicks(0, 85).map(\.label) == ["0", "20", "40", "60", "80"])
    }

    @Test func rocChartDrawsTheCurveWhereTheAxesSay() throws {
        let fonts = try Self.fonts()
        let chart = CurveChart(title: "ROC", subtitle: nil, xLabel: "fpr", yLabel: "tpr", style: .roc,
                               series: [.init(name: "all", x: [0, 0, 1], y: [0, 1, 1])])
        let image = try Self.decoded(chart.draw(fonts: fonts, scale: 2))
        #expect(image.width == CurveChart.size.width * 2 && image.height == CurveChart.size.height * 2)
        // The same frame on a scratch canvas gives the plot area the chart used.
        var scratch = Canvas(width: CurveChart.size.width, height: CurveChart.size.height, scale: 2)
        let area = PlotFrame(title: "ROC", xLabel: "fpr", yLabel: "tpr", x: .linear(0, 1), y: .linear(0, 1.02)).draw(on: &scratch, fonts: fonts)
        // A point on the top edge (tpr 1 at fpr 0.5) is the series colour; the diagonal's
        // midpoint is the chance line's grey, far from the curve.
        let top = area.point(0.5, 1)!
        #expect(Self.isColor(image.pixel(x: Int(top.0 * 2), y: Int((top.1 * 2).rounded())), Color.series(0)))
        let middle = area.point(0.35, 0.35)!
        let p = image.pixel(x: Int(middle.0 * 2), y: Int(middle.1 * 2))
        #expect(p.r == p.g && p.g == p.b && p.r < 230, "chance line is grey, found \(p)")
    }

    @Test func sliceBarsShowValuesAndWithholdSuppressedSlices() throws {
        let fonts = try Self.fonts()
        let chart = SliceBarsChart(title: "recall by group", subtitle: nil, metric: "recall",
                                   rows: [.init(label: "a", count: 120, value: 1.0, interval: (0.9, 1.0), suppressed: false),
                                          .init(label: "b", count: 4, value: nil, interval: nil, suppressed: true),
                                          .init(label: "c", count: 80, value: 0.25, interval: nil, suppressed: false)],
                                   overall: 0.7, unitRange: true)
        let canvas = chart.draw(fonts: fonts, scale: 2)
        let image = try Self.decoded(canvas)
        #expect(image.width == 1440)
        func barPixels(row: Int) -> Int {
            let y = Int((46 + SliceBarsChart.rowHeight * (Double(row) + 0.5)) * 2) + 6  // below the whisker
            return (0..<image.width).filter { Self.isColor(image.pixel(x: $0, y: y), Color.series(0)) }.count
        }
        let full = barPixels(row: 0), suppressed = barPixels(row: 1), quarter = barPixels(row: 2)
        #expect(full > 800)
        #expect(suppressed == 0)
        #expect(abs(Double(quarter) / Double(full) - 0.25) < 0.02, "bar lengths are proportional: \(quarter) / \(full)")
    }

    @Test func heatmapColoursCellsByValueAndFitsTheirText() throws {
        let fonts = try Self.fonts()
        let chart = HeatmapChart(title: "Confusion matrix", subtitle: nil, rowLabel: "true", columnLabel: "predicted",
                                 rows: ["0", "1"], columns: ["0", "1"], values: [[10, 0], [5, 10]],
                                 text: { String(Int($0)) }, intensity: { $0 / 10 })
        let image = try Self.decoded(chart.draw(fonts: fonts, scale: 2))
        // Count the darkest and the palest cell colours: two cells of each full value, one of zero.
        var darkest = 0, palest = 0
        for y in 0..<image.height {
            for x in 0..<image.width {
                let p = image.pixel(x: x, y: y)
                if Self.isColor(p, Color.sequential(1)) { darkest += 1 }
                if Self.isColor(p, Color.sequential(0)) { palest += 1 }
            }
        }
        let cell = HeatmapChart.maxCell * 2
        #expect(Double(darkest) > 2 * cell * cell * 0.8 && Double(darkest) < 2 * cell * cell)
        #expect(Double(palest) > cell * cell * 0.8 && Double(palest) < cell * cell)
    }

    /// Above ten curves a plot keeps the ten of largest weight (slice size, class support), in
    /// their order, and says so; ten or fewer are all kept.
    @Test func curvesAboveTenKeepTheLargest() {
        let series = (0..<12).map { CurveChart.Series(name: "s\($0)", x: [0, 1], y: [0, 1]) }
        let weights: [Double] = [5, 1, 9, 9, 2, 7, 8, 3, 6, 4, 10, 1]
        let (kept, note) = PlotData.limited(series, weights: weights, kept: "largest slices")
        #expect(kept.map(\.name) == ["s0", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10"])
        #expect(note == "10 of 12 curves (the largest slices); every curve in results.json")
        let (all, none) = PlotData.limited(Array(series.prefix(10)), weights: Array(weights.prefix(10)), kept: "largest slices")
        #expect(all.count == 10 && none == nil)
    }

    @Test func fileNamesAreSafe() {
        #expect(PlotRenderer.fileName("cross_group_fmr-gender × region") == "cross_group_fmr-gender-region")
        #expect(PlotRenderer.fileName("slice_bars-f1-by-a/b c") == "slice_bars-f1-by-a_b_c")
        #expect(PlotRenderer.fileName("é") == "_")
    }
}
