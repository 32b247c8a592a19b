import EvalKit
import EvalKitData
import Foundation

/// Draws the plots of a run from its results (never a second computation): the scheme's `plots`
/// of each evaluation, or, without them, every plot of the task kind (`SchemeSurface.plots`) whose
/// data the results hold. A plot the scheme names but the results cannot draw is an error; a
/// default one is left out.
public enum PlotRenderer {
    /// Pixels per display unit: plots are drawn at twice their display size.
    public static let scale = 2

    /// Every plot of `result`. Throws `InputError` (at the plot's JSON path) for a named plot
    /// without data, and when named plots cannot be drawn for want of a font; without named plots
    /// a missing font leaves the plots out and says so in `warnings`. Charts are drawn one after
    /// another (the fonts' glyph caches are not shared between threads), then their PNGs are
    /// encoded on `threads` (libpng and zlib: most of the time plots take).
    public static func render(_ result: RunResult, warnings: inout [String], threads: Threads = .available) throws -> [RenderedPlot] {
        let requests = result.evaluations.enumerated().flatMap { index, evaluation in
            requestedPlots(evaluation, gates: result.gates.filter { $0.evaluation == evaluation.name }).map { (index, evaluation, $0) }
        }
        guard !requests.isEmpty else { return [] }
        let fonts: PlotFonts
        do {
            fonts = try PlotFonts.load()
        } catch let error as FontError {
            if let named = requests.first(where: { $0.2.explicit }) {
                throw InputError(file: result.schemePath, line: named.2.line, path: named.2.path, message: "cannot draw plot \(quoted(named.2.kind.rawValue)): \(error.message)")
            }
            warnings.append("plots not drawn: \(error.message)")
            return []
        }
        var plots: [RenderedPlot] = []
        // Drawn images wait for encoding in batches of one per thread, so memory holds a few
        // raw images at a time, not every plot's.
        var drawn: [(plot: RenderedPlot, image: PNGImage)] = []
        func encodeDrawn() throws {
            let batch = drawn
            let pngs = try threads.map(batch.count) { try batch[$0].image.encoded() }
            for (item, png) in zip(batch, pngs) {
                var plot = item.plot
                plot.png = png
                plots.append(plot)
            }
            drawn.removeAll()
        }
        var files: Set<String> = []
        for (index, evaluation, spec) in requests {
            let charts = try PlotData.charts(for: spec, evaluation: evaluation, schemePath: result.schemePath)
            for chart in charts {
                let canvas = chart.draw(fonts, scale)
                let stem = fileName(chart.file)
                var file = "\(stem)-\(index + 1).png"
                var k = 2
                while files.contains(file) {
                    file = "\(stem)-\(k)-\(index + 1).png"
                    k += 1
                }
                files.insert(file)
                drawn.append((RenderedPlot(evaluation: index, file: file, title: chart.title, width: canvas.width,
                                           height: canvas.height, scale: scale, png: Data()), canvas.image))
                if drawn.count >= threads.count { try encodeDrawn() }
            }
        }
        try encodeDrawn()
        return plots
    }

    /// A file name stem of letters, digits, `-`, `_` and `.` only (attribute values come from data).
    static func fileName(_ stem: String) -> String {
        var out = ""
        for scalar in stem.replacingOccurrences(of: " × ", with: "-").unicodeScalars {
            let safe = (scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "-_.".unicodeScalars.contains(scalar)))
            if safe { out.unicodeScalars.append(scalar) } else if !out.hasSuffix("_") { out += "_" }
        }
        return out.isEmpty ? "plot" : out
    }

    /// The scheme's plots, or the kind's defaults: one `slice_bars` per grouping, of the metric
    /// of the first gate on that grouping's slices (then of any slice gate; without one, the
    /// evaluation's first non-count metric, `PlotData.sliceBarCharts`).
    static func requestedPlots(_ evaluation: EvaluationResult, gates: [GateResult] = []) -> [PlotSpec] {
        if let plots = evaluation.plots { return plots }
        var kinds = TaskRegistry.kind(named: evaluation.task)?.surface.plots ?? [.sliceBars]
        if evaluation.robustness != nil { kinds.insert(.robustness, at: 0) }
        return kinds.flatMap { kind -> [PlotSpec] in
            guard kind == .sliceBars else { return [PlotSpec(kind: kind, explicit: false, path: "")] }
            var groupings: [[String]] = []
            for slice in evaluation.slices where !groupings.contains(slice.attributes) { groupings.append(slice.attributes) }
            let sliceGates = gates.filter { !$0.groupings.isEmpty && evaluation.computed.metrics[$0.metric] != nil }
            return groupings.prefix(PlotData.maxDefaultGroupings).map { grouping in
                let metric = sliceGates.first { $0.groupings.contains(grouping) }?.metric ?? sliceGates.first?.metric
                return PlotSpec(kind: .sliceBars, metric: metric, by: grouping, explicit: false, path: "")
            }
        }
    }
}

/// A chart ready to draw, with its file stem and title.
struct PlotChart {
    var file: String
    var title: String
    var draw: (PlotFonts, Int) -> Canvas
}
