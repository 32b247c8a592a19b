/// The arithmetic psds_eval does on event times, in its order, shared by the operating-point
/// counts and the scored statistics (docs/events/psds.md, "Intersections").
///
/// - An event takes part only when offset > onset (psds_eval drops zero-length and invalid
///   events, NaN included) and its label is a class (0 ..< classes).
/// - Events are ordered by onset, ties in input order (pandas' stable `sort_values(["filename",
///   "onset"])`); that order is the order of psds_eval's sums.
/// - A detection d and a ground-truth event g intersect when d.onset < g.offset and
///   g.onset < d.offset; the intersection is min(offsets) − max(onsets), its share of d is
///   intersection / (d.offset − d.onset), its share of g intersection / (g.offset − g.onset).
/// - Shares are summed with Kahan's compensated sum (pandas' `groupby(...).sum()`), in that order.
enum PSDSGeometry {
    /// Indices of the events that take part, ordered by onset (stable).
    static func ordered(onsets: [Double], offsets: [Double], labels: [Int32], classes: Int) -> [Int] {
        var kept: [Int] = []
        kept.reserveCapacity(onsets.count)
        for i in onsets.indices where offsets[i] > onsets[i] && labels[i] >= 0 && Int(labels[i]) < classes {
            kept.append(i)
        }
        // Stable: ties keep input order.
        kept.sort { onsets[$0] < onsets[$1] || (onsets[$0] == onsets[$1] && $0 < $1) }
        return kept
    }

    static func intersection(_ onA: Double, _ offA: Double, _ onB: Double, _ offB: Double) -> Double {
        min(offA, offB) - max(onA, onB)
    }

    /// Kahan's compensated sum, as pandas' grouped sum: y = v − c; t = s + y; c = (t − s) − y; s = t.
    struct KahanSum {
        var sum = 0.0
        var compensation = 0.0

        mutating func add(_ value: Double) {
            let y = value - compensation
            let t = sum + y
            compensation = (t - sum) - y
            sum = t
        }
    }

    /// The world event of a video: [0, duration), present when duration > 0 (psds_eval appends
    /// it per metadata row and drops it when zero-length).
    static func worldSeconds(_ duration: Double) -> Double { duration > 0 ? duration : 0 }

    /// Whether [onset, offset) intersects the world event of a video of `duration` seconds.
    static func hitsWorld(onset: Double, offset: Double, duration: Double) -> Bool {
        duration > 0 && onset < duration && 0 < offset
    }
}

/// Ground-truth events of one video in psds_eval's order, with a search for those a detection
/// intersects.
struct PSDSReferenceIndex {
    var onsets: [Double] = []
    var offsets: [Double] = []
    var labels: [Int32] = []
    /// The largest offset among events 0...i.
    var maxOffset: [Double] = []

    init(_ events: [TimedEvent], classes: Int) {
        let order = PSDSGeometry.ordered(onsets: events.map(\.onset), offsets: events.map(\.offset),
                                         labels: events.map(\.label), classes: classes)
        onsets.reserveCapacity(order.count)
        var running = -Double.infinity
        for i in order {
            let e = events[i]
            onsets.append(e.onset)
            offsets.append(e.offset)
            labels.append(e.label)
            running = max(running, e.offset)
            maxOffset.append(running)
        }
    }

    var count: Int { onsets.count }

    /// Per class: the number of events and the sum of their lengths (in order).
    func totals(classes: Int) -> (counts: [Int64], seconds: [Double]) {
        var counts = [Int64](repeating: 0, count: classes)
        var seconds = [Double](repeating: 0, count: classes)
        for g in 0..<count {
            counts[Int(labels[g])] += 1
            seconds[Int(labels[g])] += offsets[g] - onsets[g]
        }
        return (counts, seconds)
    }

    /// The events that [onset, offset) intersects, ascending. O(log n + events scanned): the scan
    /// stops where no earlier event reaches past `onset`.
    func intersecting(onset: Double, offset: Double, into result: inout [Int]) {
        result.removeAll(keepingCapacity: true)
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if onsets[mid] < offset { low = mid + 1 } else { high = mid }
        }
        var i = low - 1
        while i >= 0 && maxOffset[i] > onset {
            if offsets[i] > onset { result.append(i) }
            i -= 1
        }
        result.reverse()
    }
}
