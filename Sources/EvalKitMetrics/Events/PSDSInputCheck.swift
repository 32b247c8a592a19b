/// An event table psds_eval refuses (`_validate_input_table_with_events`): an onset after its
/// offset, or two events of one class that intersect (onset₁ < offset₂ and onset₂ < offset₁)
/// without being identical. The counts and statistics accept such tables and apply the same sums;
/// a task decides whether to refuse them, warn, or merge events first.
public enum PSDSInputProblem: Sendable, Equatable, CustomStringConvertible {
    case onsetAfterOffset(index: Int)
    /// Two intersecting events of one class (indices into the table, first < second).
    case sameClassOverlap(first: Int, second: Int)

    public var description: String {
        switch self {
        case .onsetAfterOffset(let i): "event \(i) has its onset after its offset"
        case .sameClassOverlap(let a, let b): "events \(a) and \(b) of one class intersect (psds_eval refuses overlapping events of a class)"
        }
    }
}

extension PSDS {
    /// A problem psds_eval would raise for one video's events (an inverted event first, else the
    /// overlapping pair found first by class and onset), or nil. Events with a NaN time are left
    /// out (psds_eval drops them). For scored
    /// detections pass their `event`s: every threshold's table is a subset, so it is valid for
    /// every threshold exactly when the whole table is.
    /// - Complexity: O(n log n).
    public static func firstProblem(in events: [TimedEvent]) -> PSDSInputProblem? {
        if let i = events.firstIndex(where: { $0.onset > $0.offset }) { return .onsetAfterOffset(index: i) }
        // Per class, sorted by (onset, offset): after identical copies are merged, an event meets
        // an earlier one exactly when it meets the earlier one reaching furthest.
        let order = events.indices.filter { !events[$0].onset.isNaN && !events[$0].offset.isNaN }.sorted {
            let a = events[$0], b = events[$1]
            return (a.label, a.onset, a.offset, $0) < (b.label, b.onset, b.offset, $1)
        }
        var first: (Int, Int)?
        var reach: Int?  // the earlier event of the class with the largest offset
        for (p, i) in order.enumerated() {
            let e = events[i]
            if p > 0 && events[order[p - 1]].label != e.label { reach = nil }
            if let r = reach {
                let m = events[r]
                let identical = m.onset == e.onset && m.offset == e.offset
                if !identical && m.onset < e.offset && e.onset < m.offset {
                    let pair = (min(r, i), max(r, i))
                    if first == nil || pair < first! { first = pair }
                }
                if e.offset > m.offset { reach = i }
            } else {
                reach = i
            }
        }
        return first.map { .sameClassOverlap(first: $0.0, second: $0.1) }
    }
}
