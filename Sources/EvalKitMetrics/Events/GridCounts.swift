/// Frame- or segment-based counts of one video or of many (summed): per class, the units where
/// the class is active in the reference and in the system output, and overall the units' errors
/// split into substitutions, deletions and insertions as sed_eval's `SegmentBasedMetrics` counts
/// them (docs/metrics.md, "Events: frame and segment metrics").
///
/// In a unit with R active reference classes, E active system classes and T classes active in
/// both: S = min(R, E) − T, D = max(0, R − E), I = max(0, E − R). Per class: tp, fp, fn, tn over
/// the video's units. Every field is a sum, so counts of videos merge by addition.
public struct GridCounts: Sendable, Equatable {
    /// Per class (state label order).
    public var tp: [Int64]
    public var fp: [Int64]
    public var fn: [Int64]
    public var tn: [Int64]
    /// Overall substitutions, deletions and insertions.
    public var substitutions: Int64 = 0
    public var deletions: Int64 = 0
    public var insertions: Int64 = 0
    /// Units evaluated (summed over videos).
    public var units: Int64 = 0

    public init(classes: Int) {
        tp = Array(repeating: 0, count: classes)
        fp = tp
        fn = tp
        tn = tp
    }

    public var classes: Int { tp.count }

    public mutating func add(_ other: GridCounts, weight: Int64 = 1) {
        for k in 0..<classes {
            tp[k] += weight * other.tp[k]
            fp[k] += weight * other.fp[k]
            fn[k] += weight * other.fn[k]
            tn[k] += weight * other.tn[k]
        }
        substitutions += weight * other.substitutions
        deletions += weight * other.deletions
        insertions += weight * other.insertions
        units += weight * other.units
    }

    /// These counts with classes renumbered: class k becomes `map[k]` of `classes` classes.
    public func remapped(_ map: [Int], classes: Int) -> GridCounts {
        var result = GridCounts(classes: classes)
        for (k, target) in map.enumerated() {
            result.tp[target] = tp[k]
            result.fp[target] = fp[k]
            result.fn[target] = fn[k]
            result.tn[target] = tn[k]
        }
        for target in Set(0..<classes).subtracting(map) { result.tn[target] = units }
        result.substitutions = substitutions
        result.deletions = deletions
        result.insertions = insertions
        result.units = units
        return result
    }
}

/// Counts a video on a time grid with bitsets: one bit per unit, one bitset per class for the
/// reference and one for the system output. Per-class counts are AND/OR and popcounts of 64-unit
/// words; S visits only the units where one class is missed and another is extra (D and I follow
/// from the per-class counts). Keeps its buffers
/// between videos (one counter per thread).
public struct GridCounter: Sendable {
    public let classes: Int
    var reference: [UInt64] = []
    var estimated: [UInt64] = []
    var words = 0

    public init(classes: Int) { self.classes = classes }

    /// The counts of `video` on `grid` (its ⌈duration / r⌉ units).
    public mutating func count(_ video: VideoEvents, grid: TimeGrid) -> GridCounts {
        let units = grid.unitCount(duration: video.duration)
        prepare(units: units)
        for event in video.reference {
            Self.set(&reference, row: Int(event.label) * words, grid.covered(onset: event.onset, offset: event.offset, units: units))
        }
        for event in video.estimated {
            Self.set(&estimated, row: Int(event.label) * words, grid.covered(onset: event.onset, offset: event.offset, units: units))
        }
        return counts(units: units)
    }

    /// The counts of frame labels: `reference` and `estimated` list (class, frame) pairs of a
    /// video with `units` frames (frames outside 0 ..< units are left out by the reader).
    public mutating func count(referenceFrames: [(label: Int32, frame: Int)], estimatedFrames: [(label: Int32, frame: Int)],
                               units: Int) -> GridCounts {
        prepare(units: units)
        for (label, frame) in referenceFrames { Self.set(&reference, row: Int(label) * words, frame..<(frame + 1)) }
        for (label, frame) in estimatedFrames { Self.set(&estimated, row: Int(label) * words, frame..<(frame + 1)) }
        return counts(units: units)
    }

    mutating func prepare(units: Int) {
        words = (units + 63) / 64
        let size = words * classes
        if reference.count < size {
            reference = Array(repeating: 0, count: size)
            estimated = reference
        } else {
            for i in 0..<size {
                reference[i] = 0
                estimated[i] = 0
            }
        }
    }

    /// Sets bits `range` of the bitset starting at word `row`.
    static func set(_ bits: inout [UInt64], row: Int, _ range: Range<Int>) {
        guard !range.isEmpty else { return }
        let firstWord = range.lowerBound >> 6, lastWord = (range.upperBound - 1) >> 6
        let low = ~UInt64(0) << UInt64(range.lowerBound & 63)
        let high = ~UInt64(0) >> UInt64(63 - ((range.upperBound - 1) & 63))
        if firstWord == lastWord {
            bits[row + firstWord] |= low & high
            return
        }
        bits[row + firstWord] |= low
        var w = firstWord + 1
        while w < lastWord {
            bits[row + w] = ~0
            w += 1
        }
        bits[row + lastWord] |= high
    }

    func counts(units: Int) -> GridCounts {
        var result = GridCounts(classes: classes)
        result.units = Int64(units)
        reference.withUnsafeBufferPointer { r in
            estimated.withUnsafeBufferPointer { e in
                for k in 0..<classes {
                    var tp = 0, fp = 0, fn = 0
                    let row = k * words
                    for w in row..<(row + words) {
                        let a = r[w], b = e[w]
                        tp &+= (a & b).nonzeroBitCount
                        fp &+= (b & ~a).nonzeroBitCount
                        fn &+= (a & ~b).nonzeroBitCount
                    }
                    let either = tp + fp + fn
                    result.tp[k] = Int64(tp)
                    result.fp[k] = Int64(fp)
                    result.fn[k] = Int64(fn)
                    result.tn[k] = Int64(units - either)
                }
                // S = Σ min(missed, extra) over the units, nonzero only where some class is missed and
                // some other is extra; then D = Σ missed − S = fn − S and I = fp − S.
                var substitutions: Int64 = 0
                for w in 0..<words {
                    var missedAny: UInt64 = 0, extraAny: UInt64 = 0
                    for k in 0..<classes {
                        let a = r[k * words + w], b = e[k * words + w]
                        missedAny |= a & ~b
                        extraAny |= b & ~a
                    }
                    var both = missedAny & extraAny
                    while both != 0 {
                        let bit = UInt64(1) << UInt64(both.trailingZeroBitCount)
                        both &= both - 1
                        var missed: Int64 = 0, extra: Int64 = 0
                        for k in 0..<classes {
                            let a = r[k * words + w] & bit, b = e[k * words + w] & bit
                            if a != 0 && b == 0 { missed += 1 }
                            if b != 0 && a == 0 { extra += 1 }
                        }
                        substitutions += min(missed, extra)
                    }
                }
                result.substitutions = substitutions
                result.deletions = result.fn.reduce(0, +) - substitutions
                result.insertions = result.fp.reduce(0, +) - substitutions
            }
        }
        return result
    }
}
