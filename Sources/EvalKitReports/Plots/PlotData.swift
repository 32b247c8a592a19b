import EvalKit
import EvalKitData
import Foundation

/// Turns an evaluation's results into charts for one plot request: which curves, tables, slices
/// or matrix each plot kind reads, and what it says when they are absent.
enum PlotData {
    static let maxDefaultGroupings = 8
    static let maxBars = 40
    static let maxMatrixLabels = 40
    static let maxGroups = 60
    /// Curves on one plot: tab10's ten colours, and a legend that fits.
    static let maxCurves = 10

    /// At most `maxCurves` of `series`: above that, the ones of largest `weights` (ties: the
    /// earlier), kept in their order, and a note naming what was kept (`kept`: "largest slices").
    static func limited(_ series: [CurveChart.Series], weights: [Double], kept: String) -> ([CurveChart.Series], note: String?) {
        guard series.count > maxCurves else { return (series, nil) }
        let keep = series.indices.sorted { weights[$0] > weights[$1] || (weights[$0] == weights[$1] && $0 < $1) }.prefix(maxCurves).sorted()
        return (keep.map { series[$0] }, "\(maxCurves) of \(series.count) curves (the \(kept)); every curve in results.json")
    }

    static func charts(for spec: PlotSpec, evaluation e: EvaluationResult, schemePath: String) throws -> [PlotChart] {
        let charts: [PlotChart]
        var missing = ""
        switch spec.kind {
        case .precisionRecall, .roc:
            charts = curveCharts(spec, e)
            missing = spec.kind == .roc ? "no ROC curve (classification needs scores)" : "no precision-recall curve (classification needs scores)"
        case .det:
            charts = detCharts(spec, e)
            missing = "no DET data (verification scores, or ActEV's system scores)"
        case .confusionMatrix:
            charts = confusionChart(spec, e).map { [$0] } ?? []
            missing = "no confusion matrix (single-target classification has one)"
        case .sliceBars:
            charts = sliceBarCharts(spec, e)
            missing = "no slices to draw (add \"slices\")"
        case .crossGroupFMR:
            charts = crossGroupCharts(e)
            missing = "no cross-group false match rates (verification computes them with \"slices\" on subject attributes)"
        case .timeline:
            charts = try timelineChart(spec, e, schemePath: schemePath).map { [$0] } ?? []
            missing = "no event alignment table"
        case .trackingErrors:
            charts = trackingChart(e).map { [$0] } ?? []
            missing = "no per-sequence table"
        case .robustness:
            charts = robustnessCharts(e)
            missing = "no robustness view"
        }
        if charts.isEmpty && e.privacy == .aggregateOnly && [.timeline, .trackingErrors].contains(spec.kind) {
            missing += " (its item-level tables are withheld: \"privacy\": \"aggregate_only\")"
        }
        if charts.isEmpty && spec.explicit {
            throw InputError(file: schemePath, line: spec.line, path: spec.path,
                             message: "plot \(quoted(spec.kind.rawValue)) cannot be drawn: the results of evaluation \(quoted(e.name)) hold \(missing)")
        }
        return charts
    }

    /// `12,345 items · dataset name`.
    static func subtitle(_ e: EvaluationResult) -> String {
        "\(e.name) · \(e.datasetName) · \(NumberFormatting.count(e.computed.count)) items"
    }

    // MARK: Curves

    /// Curves of `kind`: bare `roc` or `roc@qualifier`.
    static func curves(_ all: [MetricCurve], kind: String) -> [MetricCurve] {
        all.filter { $0.name == kind || $0.name.hasPrefix(kind + "@") }
    }

    static func curveCharts(_ spec: PlotSpec, _ e: EvaluationResult) -> [PlotChart] {
        let kind = spec.kind.rawValue
        // Classification's legend gives each curve's area as computed (ROC AUC, average precision).
        let areaMetric = e.task != "classification" ? "" : spec.kind == .roc ? "roc_auc" : "average_precision"
        func withArea(_ name: String, _ area: Double?) -> String {
            guard let area, area.isFinite else { return name }
            return "\(name) (\(spec.kind == .roc ? "AUC" : "AP") \(NumberFormatting.fixed4(area)))"
        }
        var series: [CurveChart.Series] = []
        var weights: [Double] = []
        if let by = spec.by {
            for slice in e.slices where slice.attributes == by && !slice.suppressed {
                let found = curves(slice.curves, kind: kind)
                guard let curve = found.first(where: { $0.name == kind }) ?? found.first else { continue }
                let area = slice.metrics[areaMetric] ?? slice.allMetrics[areaMetric]
                series.append(.init(name: withArea(slice.values.joined(separator: ", "), area), x: curve.x, y: curve.y))
                weights.append(Double(slice.count))
            }
        } else {
            for curve in curves(e.computed.curves, kind: kind) {
                let qualifier = curve.name.split(separator: "@", maxSplits: 1).dropFirst().first.map(String.init)
                var area = qualifier == nil ? e.computed.metrics[areaMetric] : nil
                var support = 0.0
                if let qualifier, qualifier.hasPrefix("class=") {
                    let label = String(qualifier.dropFirst("class=".count))
                    let metrics = e.computed.perClass.first { $0.label == label }?.metrics
                    area = metrics?[areaMetric]
                    support = metrics?["support"] ?? 0
                }
                series.append(.init(name: withArea(qualifier ?? (e.task == "detection" ? "iou=0.50:0.95" : "all"), area), x: curve.x, y: curve.y))
                weights.append(support)
            }
        }
        let (shown, note) = limited(series, weights: weights, kept: spec.by == nil ? "most frequent classes" : "largest slices")
        series = shown
        guard let first = curves(e.computed.curves, kind: kind).first ?? e.slices.lazy.flatMap({ curves($0.curves, kind: kind) }).first,
              !series.isEmpty else { return [] }
        let roc = spec.kind == .roc
        let byText = spec.by.map { " by " + $0.joined(separator: " × ") } ?? ""
        let title = (roc ? "ROC curve" : "Precision-recall curve") + (series.count > 1 ? "s" : "") + byText
        let chart = CurveChart(title: title, subtitle: note ?? subtitle(e), xLabel: axisName(first.xLabel), yLabel: axisName(first.yLabel),
                               style: roc ? .roc : .precisionRecall, series: series)
        return [PlotChart(file: kind + (spec.by.map { "-by-" + $0.joined(separator: "-") } ?? ""), title: title, draw: chart.draw)]
    }

    static func axisName(_ label: String) -> String {
        switch label {
        case "fpr": "false positive rate"
        case "tpr": "true positive rate (recall)"
        case "fmr": "false match rate (FMR)"
        case "fnmr": "false non-match rate (FNMR)"
        default: label
        }
    }

    static func detCharts(_ spec: PlotSpec, _ e: EvaluationResult) -> [PlotChart] {
        var series: [CurveChart.Series] = []
        var note: String? = nil
        if let by = spec.by {
            let slices = e.slices.filter { $0.attributes == by && !$0.suppressed && $0.curves.contains { $0.name == "det" } }
            (series, note) = limited(slices.map { slice in
                let curve = slice.curves.first { $0.name == "det" }!
                return .init(name: slice.values.joined(separator: ", "), x: curve.x, y: curve.y)
            }, weights: slices.map { Double($0.count) }, kept: "largest slices")
        } else if let curve = e.computed.curves.first(where: { $0.name == "det" }) {
            series.append(.init(name: "", x: curve.x, y: curve.y))
        }
        if !series.isEmpty {
            let x = CurveChart.detRange(series.flatMap(\.x), floor: 1e-6, ceiling: 0.99)
            let y = CurveChart.detRange(series.flatMap(\.y), floor: 1e-4, ceiling: 0.99)
            let title = "DET curve" + (spec.by.map { "s by " + $0.joined(separator: " × ") } ?? "")
            let chart = CurveChart(title: title, subtitle: note ?? subtitle(e), xLabel: axisName("fmr") + ", normal deviate scale",
                                   yLabel: axisName("fnmr"), style: .det(x: .probit(x.0, x.1), y: .probit(y.0, y.1)), series: series)
            return [PlotChart(file: "det" + (spec.by.map { "-by-" + $0.joined(separator: "-") } ?? ""), title: title, draw: chart.draw)]
        }
        // ActEV: probability of missed detection against the rate of false alarms, per activity.
        guard let table = e.computed.itemTables.first(where: { $0.name == "actev_det" }),
              let activity = table.columns.firstIndex(of: "activity"), let rfa = table.columns.firstIndex(of: "rfa"),
              let pMiss = table.columns.firstIndex(of: "p_miss") else { return [] }
        var order: [String] = [], points: [String: (x: [Double], y: [Double])] = [:]
        for row in table.rows {
            guard let x = Double(row[rfa]), let y = Double(row[pMiss]) else { continue }
            if points[row[activity]] == nil { order.append(row[activity]) }
            points[row[activity], default: ([], [])].x.append(x)
            points[row[activity], default: ([], [])].y.append(y)
        }
        // Above ten activities, the ten with the most DET points (the most scored system events).
        (series, note) = limited(order.map { .init(name: $0, x: points[$0]!.x, y: points[$0]!.y) },
                                 weights: order.map { Double(points[$0]!.x.count) }, kept: "activities with the most points")
        guard !series.isEmpty else { return [] }
        let x = CurveChart.detRange(series.flatMap(\.x), floor: 1e-3, ceiling: 1e3)
        let y = CurveChart.detRange(series.flatMap(\.y), floor: 1e-3, ceiling: 0.99)
        let chart = CurveChart(title: "DET curves per activity (ActEV)", subtitle: note ?? subtitle(e), xLabel: "rate of false alarms (per minute), log scale",
                               yLabel: "probability of missed detection", style: .det(x: .log10(x.0, max(x.1, x.0 * 10)), y: .probit(y.0, y.1)),
                               series: series)
        return [PlotChart(file: "det", title: "DET curves per activity (ActEV)", draw: chart.draw)]
    }

    // MARK: Matrices

    static func confusionChart(_ spec: PlotSpec, _ e: EvaluationResult) -> PlotChart? {
        guard let table = e.computed.confusion, !table.labels.isEmpty else { return nil }
        var support = [Double](repeating: 0, count: table.labels.count)
        for entry in table.entries { support[entry.truth] += entry.count }
        var keep = Array(table.labels.indices)
        var note: String? = nil
        if keep.count > maxMatrixLabels {
            guard spec.explicit else { return nil }
            keep = keep.sorted { support[$0] > support[$1] || (support[$0] == support[$1] && $0 < $1) }.prefix(maxMatrixLabels).sorted()
            note = "the \(maxMatrixLabels) most frequent of \(table.labels.count) labels; every count in results.json"
        }
        let position = Dictionary(uniqueKeysWithValues: keep.enumerated().map { ($1, $0) })
        var values = [[Double]](repeating: [Double](repeating: 0, count: keep.count), count: keep.count)
        for entry in table.entries {
            if let r = position[entry.truth], let c = position[entry.predicted] { values[r][c] += entry.count }
        }
        let top = max(1, values.flatMap { $0 }.max() ?? 1)
        let labels = keep.map { table.labels[$0] }
        let chart = HeatmapChart(title: "Confusion matrix", subtitle: note ?? subtitle(e), rowLabel: "true label", columnLabel: "predicted label",
                                 rows: labels, columns: labels, values: values, text: { NumberFormatting.count(Int($0.rounded())) },
                                 intensity: { $0 / top })
        return PlotChart(file: "confusion_matrix", title: "Confusion matrix", draw: chart.draw)
    }

    static func crossGroupCharts(_ e: EvaluationResult) -> [PlotChart] {
        guard let table = e.computed.itemTables.first(where: { $0.name == "cross_group_fmr" }),
              let attribute = table.columns.firstIndex(of: "attribute"), let probe = table.columns.firstIndex(of: "probe_group"),
              let reference = table.columns.firstIndex(of: "reference_group"), let fmr = table.columns.firstIndex(of: "fmr") else { return [] }
        var attributes: [String] = []
        for row in table.rows where !attributes.contains(row[attribute]) { attributes.append(row[attribute]) }
        return attributes.map { name in
            let rows = table.rows.filter { $0[attribute] == name }
            var groups: [String] = []
            for row in rows {
                for g in [row[probe], row[reference]] where !groups.contains(g) { groups.append(g) }
            }
            let index = Dictionary(uniqueKeysWithValues: groups.enumerated().map { ($1, $0) })
            var values = [[Double]](repeating: [Double](repeating: .nan, count: groups.count), count: groups.count)
            for row in rows { values[index[row[probe]]!][index[row[reference]]!] = Double(row[fmr]) ?? .nan }
            let positive = values.flatMap { $0 }.filter { $0 > 0 && $0.isFinite }
            let low = log10(positive.min() ?? 1e-6), high = log10(positive.max() ?? 1)
            let title = "Cross-group false match rate by \(name)"
            let hidden = e.slices.filter { $0.suppressed && $0.attributes.joined(separator: " × ") == name }.count
            let withheld = hidden == 0 ? "" : " · \(hidden) suppressed group\(hidden == 1 ? "" : "s") not shown"
            let chart = HeatmapChart(title: title, subtitle: subtitle(e) + " · colour on a log scale" + withheld, rowLabel: "probe group", columnLabel: "reference group",
                                     rows: groups, columns: groups, values: values,
                                     text: { $0 == 0 ? "0" : String(format: "%.1e", $0) },
                                     intensity: { $0 <= 0 ? 0 : high > low ? 0.15 + 0.85 * (log10($0) - low) / (high - low) : 0.6 })
            return PlotChart(file: "cross_group_fmr-\(name)", title: title, draw: chart.draw)
        }
    }

    // MARK: Slices

    static func sliceBarCharts(_ spec: PlotSpec, _ e: EvaluationResult) -> [PlotChart] {
        guard let metric = spec.metric ?? e.computed.metrics.keys.first(where: { !e.catalog.isCount($0) }) ?? e.computed.metrics.keys.first
        else { return [] }
        var groupings: [[String]] = []
        for slice in e.slices where !groupings.contains(slice.attributes) { groupings.append(slice.attributes) }
        if let by = spec.by { groupings = groupings.filter { $0 == by } }
        let direction = e.catalog.direction(metric) ?? .higherIsBetter
        return groupings.map { grouping in
            let slices = e.slices.filter { $0.attributes == grouping }
            var rows = slices.map { slice -> SliceBarsChart.Row in
                let value = slice.suppressed ? nil : (slice.metrics[metric] ?? slice.allMetrics[metric])
                let interval = slice.suppressed ? nil : slice.intervals[metric].map { ($0.lower, $0.upper) }
                return .init(label: slice.values.joined(separator: ", "), count: slice.count, value: value, interval: interval, suppressed: slice.suppressed)
            }
            var note = subtitle(e)
            if rows.count > maxBars {
                let defined = rows.filter { $0.value.map { !$0.isNaN } ?? false }
                let sorted = defined.sorted { a, b in
                    direction == .higherIsBetter ? a.value! < b.value! : a.value! > b.value!
                }
                note = "the \(maxBars) worst of \(rows.count) slices (\(rows.filter(\.suppressed).count) suppressed); every slice in results.json"
                rows = Array(sorted.prefix(maxBars))
            }
            let values = rows.compactMap(\.value).filter(\.isFinite)
            let unit = !e.catalog.isCount(metric) && values.allSatisfy { $0 >= 0 && $0 <= 1 }
            let title = "\(metric) by \(grouping.joined(separator: " × "))"
            let chart = SliceBarsChart(title: title, subtitle: note, metric: metric, rows: rows, overall: e.computed.metrics[metric],
                                       unitRange: unit)
            return PlotChart(file: "slice_bars-\(metric)-by-\(grouping.joined(separator: "-"))", title: title, draw: chart.draw)
        }
    }

    // MARK: Robustness

    /// Per metric of the robustness view (up to `maxDefaultGroupings`): each condition's relative
    /// change against clean, with its interval; suppressed conditions marked.
    static func robustnessCharts(_ e: EvaluationResult) -> [PlotChart] {
        guard let view = e.robustness, !view.cleanSuppressed else { return [] }
        return view.metrics.prefix(maxDefaultGroupings).map { metric in
            let rows = view.conditions.map { condition -> SliceBarsChart.Row in
                let change = condition.change(metric)
                return .init(label: condition.value, count: condition.count, value: change.map(\.relativeChange),
                             interval: change?.relativeChangeInterval.map { ($0.lower, $0.upper) }, suppressed: condition.suppressed)
            }
            let title = "Relative change in \(metric) against \(view.attribute) = \(view.clean)"
            let chart = SliceBarsChart(title: title, subtitle: subtitle(e) + " · clean: \(NumberFormatting.count(view.cleanCount)) items",
                                       metric: "relative change", rows: rows, overall: nil, unitRange: false)
            return PlotChart(file: "robustness-\(metric)", title: title, draw: chart.draw)
        }
    }

    // MARK: Events and tracking

    static func timelineChart(_ spec: PlotSpec, _ e: EvaluationResult, schemePath: String) throws -> PlotChart? {
        guard let table = e.computed.itemTables.first(where: { $0.name == "event_alignment" }) else { return nil }
        func column(_ names: [String]) -> Int? { names.lazy.compactMap { table.columns.firstIndex(of: $0) }.first }
        guard let item = column(["file", "video", "item", "id"]), let label = column(["label", "event_label", "class"]),
              let source = column(["source"]), let onset = column(["onset"]), let offset = column(["offset"]),
              let outcome = column(["outcome", "match"]) else { return nil }
        var counts: [String: Int] = [:], order: [String] = []
        for row in table.rows where row[source] == "reference" {
            if counts[row[item]] == nil { order.append(row[item]) }
            counts[row[item], default: 0] += 1
        }
        for row in table.rows where counts[row[item]] == nil {
            counts[row[item]] = 0
            order.append(row[item])
        }
        let chosen: String
        if let wanted = spec.item {
            guard counts[wanted] != nil else {
                throw InputError(file: schemePath, line: spec.line, path: spec.path + ".video",
                                 message: "plot \"timeline\": no video or file \(quoted(wanted)) in the results of evaluation \(quoted(e.name))",
                                 hint: didYouMean(wanted, order))
            }
            chosen = wanted
        } else {
            guard let busiest = order.max(by: { counts[$0]! < counts[$1]! || (counts[$0]! == counts[$1]! && $0 > $1) }) else { return nil }
            chosen = busiest
        }
        let events = table.rows.filter { $0[item] == chosen }.compactMap { row -> TimelineChart.Event? in
            guard let start = Double(row[onset]), let end = Double(row[offset]) else { return nil }
            return .init(label: row[label], isReference: row[source] == "reference", onset: start, offset: end, outcome: row[outcome])
        }
        guard !events.isEmpty else { return nil }
        let title = "Events in \(chosen): reference against system"
        let chart = TimelineChart(title: title, subtitle: subtitle(e), events: events)
        return PlotChart(file: "timeline", title: title, draw: chart.draw)
    }

    static func trackingChart(_ e: EvaluationResult) -> PlotChart? {
        guard let table = e.computed.itemTables.first(where: { $0.name == "sequences" }),
              let sequence = table.columns.firstIndex(of: "sequence"), let switches = table.columns.firstIndex(of: "id_switches"),
              let fragmentations = table.columns.firstIndex(of: "fragmentations") else { return nil }
        var order: [String] = [], totals: [String: (Double, Double)] = [:]
        for row in table.rows {
            if totals[row[sequence]] == nil { order.append(row[sequence]) }
            totals[row[sequence], default: (0, 0)].0 += Double(row[switches]) ?? 0
            totals[row[sequence], default: (0, 0)].1 += Double(row[fragmentations]) ?? 0
        }
        guard !order.isEmpty else { return nil }
        var note = subtitle(e)
        if order.count > maxGroups {
            note = "the \(maxGroups) sequences with the most errors of \(order.count); every sequence in sequences-<n>.csv"
            let worst = Set(order.sorted { totals[$0]!.0 + totals[$0]!.1 > totals[$1]!.0 + totals[$1]!.1 }.prefix(maxGroups))
            order = order.filter(worst.contains)
        }
        let title = "ID switches and fragmentations per sequence"
        let chart = GroupedBarsChart(title: title, subtitle: note, groupLabel: "sequence", valueLabel: "count", groups: order,
                                     series: [("ID switches", order.map { totals[$0]!.0 }), ("fragmentations", order.map { totals[$0]!.1 })])
        return PlotChart(file: "tracking_errors", title: title, draw: chart.draw)
    }
}
