/// Duration-based counts (docs/events/intervals.md, "Duration-based precision and recall"): per
/// class, the seconds in which the system's events of the class overlap the reference's
/// (`overlap`), the seconds the system's events cover (`system`) and the seconds the reference's
/// cover (`reference`). Sums over videos.
///
/// Overlapping or touching events of one class on one side are united first, so no second is
/// counted twice: `system` is the length of the union of the system's intervals, `overlap` the
/// length of the intersection of the two unions. Exact interval arithmetic in seconds, no grid:
/// a union's length is the sum of its pieces' `offset − onset` in double precision. Then
/// precision = Σ overlap / Σ system and recall = Σ overlap / Σ reference, per class or over all
/// classes (a ratio whose denominator is 0 is undefined). Zero-length events cover no time.
/// - Complexity: O(n log n) for a video's n events.
public struct DurationOverlap: Sendable, Equatable {
    public var overlap: [Double]
    public var system: [Double]
    public var reference: [Double]

    public init(classes: Int) {
        overlap = Array(repeating: 0, count: classes)
        system = overlap
        reference = overlap
    }

    public var classes: Int { overlap.count }

    /// Adds `other`, counted `weight` times.
    public mutating func add(_ other: DurationOverlap, weight: Int64 = 1) {
        let w = Double(weight)
        for k in 0..<classes {
            overlap[k] += w * other.overlap[k]
            system[k] += w * other.system[k]
            reference[k] += w * other.reference[k]
        }
    }

    /// One video's counts; labels must be in `0 ..< classes` and every onset ≤ its offset.
    public static func measure(reference: [TimedEvent], system: [TimedEvent], classes: Int) -> DurationOverlap {
        var result = DurationOverlap(classes: classes)
        let ref = unions(reference, classes: classes), sys = unions(system, classes: classes)
        for k in 0..<classes {
            result.reference[k] = length(ref[k])
            result.system[k] = length(sys[k])
            result.overlap[k] = intersectionLength(ref[k], sys[k])
        }
        return result
    }

    /// Per class, the union of the events' intervals as disjoint pieces in ascending order
    /// (pieces that touch are joined; zero-length intervals are dropped).
    static func unions(_ events: [TimedEvent], classes: Int) -> [[(onset: Double, offset: Double)]] {
        var byClass = [[(onset: Double, offset: Double)]](repeating: [], count: classes)
        for e in events where e.offset > e.onset {
            byClass[Int(e.label)].append((e.onset, e.offset))
        }
        return byClass.map { intervals in
            let sorted = intervals.sorted { $0.onset < $1.onset }
            var pieces: [(onset: Double, offset: Double)] = []
            for i in sorted {
                if let last = pieces.last, i.onset <= last.offset {
                    pieces[pieces.count - 1].offset = max(last.offset, i.offset)
                } else {
                    pieces.append(i)
                }
            }
            return pieces
        }
    }

    static func length(_ pieces: [(onset: Double, offset: Double)]) -> Double {
        var sum = 0.0
        for p in pieces { sum += p.offset - p.onset }
        return sum
    }

    /// The length of the intersection of two sets of disjoint ascending pieces (one merge pass).
    static func intersectionLength(_ a: [(onset: Double, offset: Double)], _ b: [(onset: Double, offset: Double)]) -> Double {
        var sum = 0.0
        var i = 0, j = 0
        while i < a.count && j < b.count {
            let start = max(a[i].onset, b[j].onset), end = min(a[i].offset, b[j].offset)
            if end > start { sum += end - start }
            if a[i].offset < b[j].offset { i += 1 } else { j += 1 }
        }
        return sum
    }
}
