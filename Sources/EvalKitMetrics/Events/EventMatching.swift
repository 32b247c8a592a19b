/// Event-based counting of one video as sed_eval's `EventBasedMetrics.evaluate` does it
/// (docs/metrics.md, "Events: event metrics").
///
/// A system event *fits* a reference event when its onset is within `t_collar` of the reference
/// onset (if onsets are evaluated) and its offset within max(`t_collar`, `percentage_of_length` ×
/// reference length) of the reference offset (if offsets are evaluated). A fit with the same
/// label is a *hit*. True positives are a one-to-one matching of hits: a maximum one (sed_eval's
/// default, `optimal`: Hopcroft–Karp as sed_eval's `util.bipartite_match`, ported step for step
/// so that the same pairs are chosen) or the first free hit of each reference in file order
/// (`greedy`). Substitutions: each unmatched reference, in file order, takes the first unmatched
/// system event (in file order) that fits it and is not taken yet. Then
/// fp = system − tp − substitutions and fn = reference − tp − substitutions.
public struct EventCriteria: Sendable, Equatable, Hashable {
    public enum Matching: String, Sendable, CaseIterable { case optimal, greedy }

    public var collar: Double
    public var percentageOfLength: Double
    public var evaluateOnset: Bool
    public var evaluateOffset: Bool
    public var matching: Matching

    public init(collar: Double = 0.2, percentageOfLength: Double = 0.5, evaluateOnset: Bool = true,
                evaluateOffset: Bool = true, matching: Matching = .optimal) {
        self.collar = collar
        self.percentageOfLength = percentageOfLength
        self.evaluateOnset = evaluateOnset
        self.evaluateOffset = evaluateOffset
        self.matching = matching
    }

    /// sed_eval's `validate_onset` and `validate_offset`, with the same floating-point operations.
    @inlinable public func fits(reference r: TimedEvent, estimated e: TimedEvent) -> Bool {
        if evaluateOnset && !(abs(r.onset - e.onset) <= collar) { return false }
        if evaluateOffset {
            let length = r.offset - r.onset
            if !(abs(r.offset - e.offset) <= max(collar, percentageOfLength * length)) { return false }
        }
        return true
    }
}

/// Event-based counts: per class reference events, system events and true positives; overall the
/// same plus substitutions. Sums over videos.
public struct EventCounts: Sendable, Equatable {
    public var reference: [Int64]
    public var system: [Int64]
    public var tp: [Int64]
    /// Overall substitutions (a reference and a system event that fit but whose labels differ).
    public var substitutions: Int64 = 0

    public init(classes: Int) {
        reference = Array(repeating: 0, count: classes)
        system = reference
        tp = reference
    }

    public var classes: Int { tp.count }

    public mutating func add(_ other: EventCounts, weight: Int64 = 1) {
        for k in 0..<classes {
            reference[k] += weight * other.reference[k]
            system[k] += weight * other.system[k]
            tp[k] += weight * other.tp[k]
        }
        substitutions += weight * other.substitutions
    }

    public func remapped(_ map: [Int], classes: Int) -> EventCounts {
        var result = EventCounts(classes: classes)
        for (k, target) in map.enumerated() {
            result.reference[target] = reference[k]
            result.system[target] = system[k]
            result.tp[target] = tp[k]
        }
        result.substitutions = substitutions
        return result
    }
}

/// Counts one video's events under `criteria`. Events that name a target object (`object` ≥ 0)
/// are hits, and substitutions, only of events of the same object.
public enum EventMatcher {
    public static func count(_ video: VideoEvents, classes: Int, criteria: EventCriteria) -> EventCounts {
        match(video, classes: classes, criteria: criteria).counts
    }

    /// The counts, and every event's outcome with its partner (which pairs are true positives and
    /// which substitutions).
    public static func match(_ video: VideoEvents, classes: Int, criteria: EventCriteria)
        -> (counts: EventCounts, alignment: EventAlignment) {
        let ref = video.reference, est = video.estimated
        var counts = EventCounts(classes: classes)
        for e in ref { counts.reference[Int(e.label)] += 1 }
        for e in est { counts.system[Int(e.label)] += 1 }
        var matchOfReference = [Int](repeating: -1, count: ref.count)
        var substituteOfReference = [Int](repeating: -1, count: ref.count)
        func aligned() -> EventAlignment {
            EventAlignment(reference: ref, system: est, matchOfReference: matchOfReference, substituteOfReference: substituteOfReference)
        }
        guard !ref.isEmpty && !est.isEmpty else { return (counts, aligned()) }
        var fits = fittingPairs(ref, est, criteria)
        if ref.contains(where: { $0.object >= 0 }) || est.contains(where: { $0.object >= 0 }) {
            for j in 0..<ref.count { fits[j].removeAll { est[$0].object != ref[j].object } }
        }
        var refMatched = [Bool](repeating: false, count: ref.count)
        var estMatched = [Bool](repeating: false, count: est.count)
        switch criteria.matching {
        case .optimal:
            // sed_eval's graph: system event → its hits' references, keyed in the order of
            // numpy.where over the (reference × system) hit matrix.
            var graphOrder: [Int] = []
            var adjacency = [[Int]](repeating: [], count: est.count)
            for j in 0..<ref.count {
                for i in fits[j] where ref[j].label == est[i].label {
                    if adjacency[i].isEmpty { graphOrder.append(i) }
                    adjacency[i].append(j)
                }
            }
            var matcher = SedEvalBipartiteMatch(left: est.count, right: ref.count, order: graphOrder, adjacency: adjacency)
            let matchOfRight = matcher.run()
            for (j, i) in matchOfRight.enumerated() where i >= 0 {
                refMatched[j] = true
                estMatched[i] = true
                matchOfReference[j] = i
                counts.tp[Int(ref[j].label)] += 1
            }
        case .greedy:
            for j in 0..<ref.count {
                for i in fits[j] where !estMatched[i] && ref[j].label == est[i].label {
                    refMatched[j] = true
                    estMatched[i] = true
                    matchOfReference[j] = i
                    counts.tp[Int(ref[j].label)] += 1
                    break
                }
            }
        }
        var counted = estMatched
        for j in 0..<ref.count where !refMatched[j] {
            for i in fits[j] where !counted[i] {
                counted[i] = true
                substituteOfReference[j] = i
                counts.substitutions += 1
                break
            }
        }
        return (counts, aligned())
    }

    /// For each reference event, the system events that fit it (any label), ascending. Only
    /// system events whose onset (or offset) lies near the reference's are examined.
    static func fittingPairs(_ ref: [TimedEvent], _ est: [TimedEvent], _ criteria: EventCriteria) -> [[Int]] {
        let byOnset = criteria.evaluateOnset
        let keys = est.map { byOnset ? $0.onset : $0.offset }
        let order = est.indices.sorted { keys[$0] < keys[$1] || (keys[$0] == keys[$1] && $0 < $1) }
        let sortedKeys = order.map { keys[$0] }
        var result = [[Int]](repeating: [], count: ref.count)
        for (j, r) in ref.enumerated() {
            let center = byOnset ? r.onset : r.offset
            let reach = byOnset ? criteria.collar : max(criteria.collar, criteria.percentageOfLength * (r.offset - r.onset))
            let margin = (abs(center) + reach) * 1e-12 + 1e-12
            var low = 0, high = sortedKeys.count
            let start = center - reach - margin
            while low < high {
                let mid = (low + high) / 2
                if sortedKeys[mid] < start { low = mid + 1 } else { high = mid }
            }
            let end = center + reach + margin
            var hits: [Int] = []
            var p = low
            while p < sortedKeys.count && sortedKeys[p] <= end {
                let i = order[p]
                if criteria.fits(reference: r, estimated: est[i]) { hits.append(i) }
                p += 1
            }
            hits.sort()
            result[j] = hits
        }
        return result
    }
}
