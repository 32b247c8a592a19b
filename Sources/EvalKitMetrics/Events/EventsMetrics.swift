/// The metrics of task kind `events` from an `EventsState` (docs/metrics.md, "Events"), as
/// sed_eval 0.2.1 defines them, checked against it by `Tests/EvalKitMetricsTests/EventsFixtureTests.swift`.
///
/// Three families share one set of formulas: `segment_` (units of `time_resolution`), `frame_`
/// (frames at the video's frame rate) and `event_` (events matched under the collars). For each:
/// precision = tp / system, recall = tp / reference, F1 = 2PR / (P + R); error rate =
/// (S + D + I) / reference; overall ("micro") over every class and unit, and `_macro` the mean of
/// the class-wise values that are defined (numpy's `nanmean`, as sed_eval's class-wise average).
/// The grid families add sensitivity, specificity, balanced accuracy and accuracy.
///
/// Zero division is never a silent number: a value whose denominator is 0 is undefined (NaN with
/// its reason) and left out of the macro means. sed_eval does the same for precision and recall,
/// but divides the rates by (0 + ε) and reports 0 or ~4.5e15 × count for a class absent from the
/// reference (documented). With denominators ≥ 1 the rates are computed as sed_eval computes them,
/// x / (n + ε) with ε = 2⁻⁵², so they agree to the last bit.
public enum EventsMetrics {
    static let epsilon = 0x1p-52

    /// The options that change the values' meaning.
    public struct Settings: Sendable, Equatable {
        /// sed_eval's `empty_system_output_handling='zero_score'`: precision 0 (not undefined)
        /// when there is no system output.
        public var zeroScoreWithoutOutput: Bool
        public init(zeroScoreWithoutOutput: Bool = false) { self.zeroScoreWithoutOutput = zeroScoreWithoutOutput }
    }

    /// Every key of a family's overall values, in report order.
    public static func familyKeys(_ family: String, grid: Bool) -> [String] {
        var keys = ["f1", "precision", "recall", "error_rate", "substitution_rate", "deletion_rate", "insertion_rate"]
        if grid { keys += ["accuracy", "balanced_accuracy", "sensitivity", "specificity"] }
        keys += ["f1_macro", "precision_macro", "recall_macro", "error_rate_macro", "deletion_rate_macro", "insertion_rate_macro"]
        if grid { keys += ["accuracy_macro", "balanced_accuracy_macro", "sensitivity_macro", "specificity_macro"] }
        keys += grid ? ["tp", "fp", "fn", "tn", "substitutions", "deletions", "insertions"] : ["tp", "fp", "fn", "substitutions"]
        return keys.map { family + "_" + $0 }
    }

    /// Every overall key, in report order.
    public static func metricNames(frames: Bool, tiouThresholds: [Double] = []) -> [String] {
        familyKeys("event", grid: false) + familyKeys("segment", grid: true) + (frames ? familyKeys("frame", grid: true) : [])
            + ["false_alarms_per_hour", "reference_events", "system_events", "videos", "hours"]
            + (tiouThresholds.isEmpty ? [] : ["duration_precision", "duration_recall", "tiou_map"]
                + tiouThresholds.map { "tiou_map@" + thresholdKey($0) })
    }

    public static func compute(_ state: EventsState, settings: Settings = Settings(), perClass: Bool = true) -> ComputedMetrics {
        let totals = state.totals()
        var computed = ComputedMetrics()
        var metrics = MetricValues()
        let classes = state.labels.count
        let hours = totals.seconds / 3600
        var classRows = (0..<classes).map { _ in MetricValues() }

        // Event-based.
        let ev = totals.events
        let eventTable = (0..<classes).map { k in
            Counts(tp: ev.tp[k], reference: ev.reference[k], system: ev.system[k], substitutions: 0,
                   deletions: ev.reference[k] - ev.tp[k], insertions: ev.system[k] - ev.tp[k])
        }
        let eventTP = ev.tp.reduce(0, +), eventRef = ev.reference.reduce(0, +), eventSys = ev.system.reduce(0, +)
        let eventOverall = Counts(tp: eventTP, reference: eventRef, system: eventSys, substitutions: ev.substitutions,
                                  deletions: eventRef - eventTP - ev.substitutions, insertions: eventSys - eventTP - ev.substitutions)
        family("event", overall: eventOverall, classes: eventTable, grid: nil, settings: settings, into: &metrics, rows: &classRows)
        metrics.set("event_tp", Double(eventTP))
        metrics.set("event_fp", Double(eventOverall.insertions))
        metrics.set("event_fn", Double(eventOverall.deletions))
        metrics.set("event_substitutions", Double(ev.substitutions))

        for (name, counts) in [("segment", Optional(totals.segments)), ("frame", totals.frames)] {
            guard let g = counts else { continue }
            let table = (0..<classes).map { k in
                Counts(tp: g.tp[k], reference: g.tp[k] + g.fn[k], system: g.tp[k] + g.fp[k], substitutions: 0,
                       deletions: g.fn[k], insertions: g.fp[k], tn: g.tn[k], fn: g.fn[k], fp: g.fp[k])
            }
            let tp = g.tp.reduce(0, +), fp = g.fp.reduce(0, +), fn = g.fn.reduce(0, +), tn = g.tn.reduce(0, +)
            let overall = Counts(tp: tp, reference: tp + fn, system: tp + fp, substitutions: g.substitutions,
                                 deletions: g.deletions, insertions: g.insertions, tn: tn, fn: fn, fp: fp)
            family(name, overall: overall, classes: table, grid: g, settings: settings, into: &metrics, rows: &classRows)
            metrics.set(name + "_tp", Double(tp))
            metrics.set(name + "_fp", Double(fp))
            metrics.set(name + "_fn", Double(fn))
            metrics.set(name + "_tn", Double(tn))
            metrics.set(name + "_substitutions", Double(g.substitutions))
            metrics.set(name + "_deletions", Double(g.deletions))
            metrics.set(name + "_insertions", Double(g.insertions))
        }

        // False alarms per hour: event-based false positives (system events neither matched nor substituted).
        if hours > 0 {
            metrics.set("false_alarms_per_hour", Double(eventOverall.insertions) / hours)
        } else {
            metrics.set("false_alarms_per_hour", .nan, undefinedReason: "no video time evaluated")
        }
        metrics.set("reference_events", Double(eventRef))
        metrics.set("system_events", Double(eventSys))
        metrics.set("videos", Double(totals.videos))
        metrics.set("hours", hours)
        computed.metrics = metrics
        computed.count = Int(totals.videos)

        if perClass {
            for k in 0..<classes {
                var row = classRows[k]
                let falseAlarms = ev.system[k] - ev.tp[k]
                if hours > 0 {
                    row.set("false_alarms_per_hour", Double(falseAlarms) / hours)
                } else {
                    row.set("false_alarms_per_hour", .nan, undefinedReason: "no video time evaluated")
                }
                row.set("reference_events", Double(ev.reference[k]))
                row.set("system_events", Double(ev.system[k]))
                computed.perClass.append((label: state.labels[k], metrics: row))
            }
            if state.videos.contains(where: { !$0.objects.isEmpty }) { computed.itemTables.append(objectTable(state)) }
            computed.notes.append(
                "event-based: \(eventRef) reference and \(eventSys) system events; \(eventTP) matched, "
                    + "\(ev.substitutions) substitutions, \(eventOverall.deletions) deletions, \(eventOverall.insertions) insertions")
        }
        return computed
    }

    /// Misses and false alarms per target object (`per_object.csv`): reference events, system
    /// events, matched, missed (reference − matched) and false alarms (system − matched), summed
    /// over the videos (each counted its weight), sorted by object.
    static func objectTable(_ state: EventsState) -> ItemTable {
        var totals: [String: EventsState.ObjectTally] = [:]
        for video in state.videos where video.weight > 0 {
            for o in video.objects {
                var t = totals[o.name] ?? EventsState.ObjectTally(name: o.name)
                t.reference += video.weight * o.reference
                t.system += video.weight * o.system
                t.matched += video.weight * o.matched
                totals[o.name] = t
            }
        }
        let rows = totals.keys.sorted().map { name -> [String] in
            let t = totals[name]!
            return [name, String(t.reference), String(t.system), String(t.matched), String(t.reference - t.matched), String(t.system - t.matched)]
        }
        return ItemTable(name: "per_object", columns: ["object", "reference_events", "system_events", "matched", "missed", "false_alarms"],
                         rows: rows, itemLevel: true)
    }

    /// A family's counts of one class or of all: tp, reference and system totals, and the errors.
    struct Counts {
        var tp: Int64
        var reference: Int64
        var system: Int64
        var substitutions: Int64
        var deletions: Int64
        var insertions: Int64
        var tn: Int64 = 0
        /// Grid families: units missed and units falsely active (per class they equal the
        /// deletions and insertions; overall D and I count per unit, these per class and unit).
        var fn: Int64 = 0
        var fp: Int64 = 0
    }

    /// Sets a family's overall, macro and class-wise values.
    static func family(_ name: String, overall: Counts, classes: [Counts], grid: GridCounts?, settings: Settings,
                       into metrics: inout MetricValues, rows: inout [MetricValues]) {
        let unit = grid == nil ? "events" : (name == "frame" ? "frames" : "segments")
        let overallValues = values(overall, isGrid: grid != nil, substitutions: true, settings: settings, unit: unit)
        for (key, value, reason) in overallValues { metrics.set(name + "_" + key, value, undefinedReason: reason) }
        let perClass = classes.map { values($0, isGrid: grid != nil, substitutions: false, settings: settings, unit: unit) }
        for (k, classValues) in perClass.enumerated() {
            for (key, value, reason) in classValues { rows[k].set(name + "_" + key, value, undefinedReason: reason) }
            rows[k].set(name + "_tp", Double(classes[k].tp))
            rows[k].set(name + "_fp", Double(classes[k].insertions))
            rows[k].set(name + "_fn", Double(classes[k].deletions))
            if grid != nil { rows[k].set(name + "_tn", Double(classes[k].tn)) }
        }
        var macroKeys = ["f1", "precision", "recall", "error_rate", "deletion_rate", "insertion_rate"]
        if grid != nil { macroKeys += ["accuracy", "balanced_accuracy", "sensitivity", "specificity"] }
        for key in macroKeys {
            let column = perClass.map { row in row.first { $0.0 == key }!.1 }
            let defined = column.filter { !$0.isNaN }
            if defined.isEmpty {
                metrics.set(name + "_" + key + "_macro", .nan,
                            undefinedReason: classes.isEmpty ? "no classes" : "undefined for every class")
            } else {
                metrics.set(name + "_" + key + "_macro", pairwiseMean(column.map { $0.isNaN ? 0 : $0 }, count: defined.count))
            }
        }
    }

    /// numpy's nanmean: the pairwise sum (NaNs as 0) over the number of defined values.
    static func pairwiseMean(_ values: [Double], count: Int) -> Double {
        values.withUnsafeBufferPointer { pairwiseSum($0) } / Double(count)
    }

    /// (key, value, undefined reason) of one class's or the overall counts.
    static func values(_ c: Counts, isGrid: Bool, substitutions: Bool, settings: Settings, unit: String)
        -> [(String, Double, String?)] {
        var out: [(String, Double, String?)] = []
        let noSystem = "0/0: no system \(unit)"
        let noReference = "no reference \(unit): the rates divide by 0 (sed_eval divides by ε instead)"
        var precision = Double.nan
        var precisionReason: String? = noSystem
        if c.system > 0 {
            precision = Double(c.tp) / Double(c.system)
            precisionReason = nil
        } else if settings.zeroScoreWithoutOutput {
            precision = 0
            precisionReason = nil
        }
        let recall = c.reference > 0 ? Double(c.tp) / Double(c.reference) : .nan
        var f1 = Double.nan
        var f1Reason: String?
        if precision == 0 && recall == 0 {
            f1 = 0
        } else if precision.isNaN || recall.isNaN {
            f1Reason = precision.isNaN ? noSystem : "0/0: no reference \(unit)"
        } else {
            f1 = 2.0 * precision * recall / (1.0 * precision + recall)
        }
        out.append(("f1", f1, f1Reason))
        out.append(("precision", precision, precisionReason))
        out.append(("recall", recall, recall.isNaN ? "0/0: no reference \(unit)" : nil))
        func rate(_ x: Int64, _ n: Int64) -> Double { n > 0 ? Double(x) / (Double(n) + epsilon) : .nan }
        let sRate = rate(c.substitutions, c.reference), dRate = rate(c.deletions, c.reference), iRate = rate(c.insertions, c.reference)
        let errorRate = substitutions ? sRate + dRate + iRate : 0.0 + dRate + iRate
        let rateReason = c.reference > 0 ? nil : noReference
        out.append(("error_rate", errorRate, rateReason))
        if substitutions { out.append(("substitution_rate", sRate, rateReason)) }
        out.append(("deletion_rate", dRate, rateReason))
        out.append(("insertion_rate", iRate, rateReason))
        if isGrid {
            let fn = c.fn, fp = c.fp
            let sensitivity = rate(c.tp, c.tp + fn)
            let specificity = rate(c.tn, c.tn + fp)
            let balanced = sensitivity.isNaN || specificity.isNaN ? Double.nan : (1 - 0.5) * sensitivity + 0.5 * specificity
            let all = c.tp + c.tn + fn + fp
            let accuracy = all > 0 ? Double(c.tp + c.tn) / (Double(all) + epsilon) : .nan
            out.append(("accuracy", accuracy, accuracy.isNaN ? "no \(unit)" : nil))
            out.append(("balanced_accuracy", balanced,
                        balanced.isNaN ? "sensitivity or specificity undefined (no positive or no negative \(unit))" : nil))
            out.append(("sensitivity", sensitivity, sensitivity.isNaN ? "0/0: no reference \(unit)" : nil))
            out.append(("specificity", specificity, specificity.isNaN ? "0/0: no negative \(unit)" : nil))
        }
        return out
    }
}
