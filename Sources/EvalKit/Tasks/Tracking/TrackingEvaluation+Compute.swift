import EvalKitData
import Foundation

/// Metrics and tables of a tracking state: classes combined over their sequences as TrackEval's
/// `combine_sequences`, then over classes (detection-averaged overall, class-averaged `_cls_av`).
extension TrackingEvaluation {
    func compute(_ state: TrackingState) -> ComputedMetrics {
        var computed = metrics(state, tables: true)
        computed.count = state.sequenceNames.count
        return computed
    }

    func replicateMetrics(_ state: TrackingState) -> MetricValues { metrics(state, tables: false).metrics }

    /// Class names in report order: the evaluation's, then any other the state holds.
    func classOrder(_ state: TrackingState) -> [String] {
        var names = plan.options.classNames
        for s in state.sequences where !names.contains(s.className) { names.append(s.className) }
        return names
    }

    func metrics(_ unordered: TrackingState, tables: Bool) -> ComputedMetrics {
        // Sums run in the canonical record order, whatever order cells and shards were merged in.
        var state = unordered
        if tables { state.canonicalize() } else { state.sequences.sort { ($0.sequence, $0.className) < ($1.sequence, $1.className) } }
        var computed = ComputedMetrics()
        let motp = plan.options.parameters.motp
        if state.sequences.isEmpty {
            recallSide(state, into: &computed)
            if tables { addTrackTables(state, into: &computed) }
            return computed
        }
        let classes = classOrder(state).filter { name in state.sequences.contains { $0.className == name } }
        let perClass = classes.map { name in TrackingTotals.sequences(state.sequences.filter { $0.className == name }) }
        let overall = perClass.count == 1 ? perClass[0] : TrackingTotals.classes(perClass)
        let values = TrackingMetrics.values(overall, motp: motp, alphas: plan.alphaKeys)
        set(values, TrackingMetrics.keys, into: &computed.metrics)
        if plan.alphaKeys { setAlphaKeys(values, into: &computed.metrics) }
        if plan.options.isMultiClass {
            let averaged = TrackingMetrics.classAveraged(perClass, motp: motp)
            for key in TrackingMetrics.classAveragedKeys { computed.metrics.set(key + "_cls_av", averaged[key]!) }
            if tables {
                computed.perClass = zip(classes, perClass).map { name, totals in
                    var m = MetricValues()
                    set(TrackingMetrics.values(totals, motp: motp, alphas: plan.alphaKeys), TrackingMetrics.keys, into: &m)
                    return (name, m)
                }
            }
        }
        if overall.gtDets == 0 || overall.trackerDets == 0 {
            computed.notes.append(overall.gtDets == 0
                ? "no ground-truth boxes: recall-side ratios are 0 by TrackEval's convention (denominators floored at 1), not measured"
                : "no tracker boxes: every ground-truth box is missed; precision-side ratios are 0 by TrackEval's convention (denominators floored at 1)")
        }
        if tables {
            addSequenceTable(state, into: &computed)
            addAlphaTable(overall, into: &computed)
            addTrackTables(state, into: &computed)
        }
        return computed
    }

    func set(_ values: [String: Double], _ keys: [String], into metrics: inout MetricValues) {
        for key in keys {
            let v = values[key]!
            metrics.set(key, v, undefinedReason: v.isNaN ? "the sequences have no frames" : nil)
        }
    }

    func setAlphaKeys(_ values: [String: Double], into metrics: inout MetricValues) {
        for key in TrackingMetrics.alphaKeys {
            for k in TrackingParameters.alphas.indices {
                let name = "\(key)@alpha=\(TrackingMetrics.alphaLabel(k))"
                metrics.set(name, values[name]!)
            }
        }
    }

    /// A slice by a box attribute: ground-truth boxes and their outcomes only.
    func recallSide(_ state: TrackingState, into computed: inout ComputedMetrics) {
        var boxes = 0.0, matched = 0.0, idtp = 0.0, switches = 0.0, fragments = 0.0
        var mostly = 0.0, partly = 0.0, lost = 0.0
        var tracks = Set<String>()
        for t in state.tracks {
            let w = Double(t.weight)
            boxes += Double(t.boxes) * w
            matched += Double(t.matched) * w
            idtp += Double(t.idtp) * w
            switches += Double(t.idSwitches) * w
            fragments += Double(t.fragmentations) * w
            let ratio = t.coverage
            if ratio > 0.8 { mostly += w } else if ratio >= 0.2 { partly += w } else { lost += w }
            tracks.insert("\(t.sequence)\u{0}\(t.className)\u{0}\(t.gtId)")
        }
        let parts = max(1, mostly + partly + lost)
        let defined: [String: Double] = [
            "recall": matched / max(1, boxes), "idr": idtp / max(1, boxes), "tp": matched, "fn": boxes - matched,
            "idtp": idtp, "idfn": boxes - idtp, "id_switches": switches, "fragmentations": fragments,
            "mostly_tracked": mostly, "partially_tracked": partly, "mostly_lost": lost,
            "mtr": mostly / parts, "ptr": partly / parts, "mlr": lost / parts,
            "gt_dets": boxes, "gt_tracks": Double(tracks.count), "sequences": Double(state.sequenceNames.count),
        ]
        let reason = "a slice by a box attribute holds ground-truth boxes only (tracker boxes carry no ground-truth attribute): "
            + "only its recall side is defined"
        for key in TrackingMetrics.keys {
            if let v = defined[key] { computed.metrics.set(key, v) } else { computed.metrics.set(key, .nan, undefinedReason: reason) }
        }
        if plan.options.isMultiClass {
            for key in TrackingMetrics.classAveragedKeys { computed.metrics.set(key + "_cls_av", .nan, undefinedReason: reason) }
        }
        if plan.alphaKeys {
            for key in TrackingMetrics.alphaKeys {
                for k in TrackingParameters.alphas.indices {
                    computed.metrics.set("\(key)@alpha=\(TrackingMetrics.alphaLabel(k))", .nan, undefinedReason: reason)
                }
            }
        }
    }

    /// Every key but the totals over sequences (`frames` has its own column, `sequences` is 1).
    static let sequenceColumns = TrackingMetrics.keys.filter { $0 != "frames" && $0 != "sequences" }

    /// `sequences-<n>.csv`: every sequence's (and class's) values, as TrackEval reports each sequence.
    func addSequenceTable(_ state: TrackingState, into computed: inout ComputedMetrics) {
        var table = ItemTable(name: "sequences", columns: ["sequence", "class", "frames"] + Self.sequenceColumns, itemLevel: true)
        for s in state.sequences {
            let values = TrackingMetrics.values(TrackingTotals.sequence(s), motp: plan.options.parameters.motp, clearEmpty: s.clearEmpty)
            table.rows.append([s.sequence, s.className, String(s.frames)] + Self.sequenceColumns.map { JSONOutput.format(values[$0]!) })
        }
        computed.itemTables.append(table)
    }

    /// `hota_alphas-<n>.csv`: HOTA's fields at each alpha.
    func addAlphaTable(_ totals: TrackingTotals, into computed: inout ComputedMetrics) {
        let arrays = TrackingMetrics.HOTAArrays(totals)
        var table = ItemTable(name: "hota_alphas", columns: ["alpha"] + TrackingMetrics.alphaKeys, itemLevel: false)
        for k in TrackingParameters.alphas.indices {
            table.rows.append([TrackingMetrics.alphaLabel(k)] + TrackingMetrics.alphaKeys.map { JSONOutput.format(arrays[$0][k]) })
        }
        computed.itemTables.append(table)
    }

    /// `tracks-<n>.csv` (every ground-truth track: coverage, status, switches, fragmentations) and
    /// `track_events-<n>.csv` (every identity switch and fragmentation, where it happened).
    func addTrackTables(_ state: TrackingState, into computed: inout ComputedMetrics) {
        var merged: [(key: String, track: TrackStatistics)] = []
        var at: [String: Int] = [:]
        for t in state.tracks {
            let key = "\(t.sequence)\u{0}\(t.className)\u{0}\(t.gtId)"
            if let i = at[key] {
                merged[i].track.boxes += t.boxes
                merged[i].track.matched += t.matched
                merged[i].track.idtp += t.idtp
                merged[i].track.idSwitches += t.idSwitches
                merged[i].track.fragmentations += t.fragmentations
                merged[i].track.firstFrame = min(merged[i].track.firstFrame, t.firstFrame)
                merged[i].track.lastFrame = max(merged[i].track.lastFrame, t.lastFrame)
            } else {
                at[key] = merged.count
                merged.append((key, t))
            }
        }
        var tracks = ItemTable(name: "tracks", columns: ["sequence", "class", "gt_id", "first_frame", "last_frame", "boxes", "matched",
                                                         "coverage", "status", "id_switches", "fragmentations", "idtp", "idr"],
                               itemLevel: true)
        for (_, t) in merged {
            let ratio = t.coverage
            let status = ratio > 0.8 ? "mostly_tracked" : (ratio >= 0.2 ? "partially_tracked" : "mostly_lost")
            tracks.rows.append([t.sequence, t.className, String(t.gtId), String(t.firstFrame), String(t.lastFrame), String(t.boxes),
                                String(t.matched), JSONOutput.format(ratio), status, String(t.idSwitches), String(t.fragmentations),
                                String(t.idtp), JSONOutput.format(t.boxes > 0 ? Double(t.idtp) / Double(t.boxes) : 0)])
        }
        computed.itemTables.append(tracks)
        var events = ItemTable(name: "track_events", columns: ["sequence", "class", "frame", "event", "gt_id", "tracker_before", "tracker_after"],
                               itemLevel: true)
        for e in state.events {
            events.rows.append([e.sequence, e.className, String(e.frame), e.kind == .idSwitch ? "id_switch" : "fragmentation", String(e.gtId),
                                e.trackerBefore.map { String($0) } ?? "", String(e.trackerAfter)])
        }
        computed.itemTables.append(events)
    }
}
