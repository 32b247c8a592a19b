/// Sufficient statistics of multi-object tracking: per sequence and class, TrackEval's counts
/// (`SequenceStatistics`); per ground-truth track (or its part with one box-attribute value) its
/// outcome; and every identity switch and fragmentation. Records carry their sequence and class
/// names, so states read by other processes merge by concatenation; `canonicalize` sorts them,
/// so a merge of shards lists them exactly as one reading does. Memory: O(sequences × classes
/// + tracks + events).
///
/// A slice by a box attribute holds track parts only (no sequence records): its recall side.
public struct TrackingState: MergeableState, Sendable, Equatable {
    public var sequences: [SequenceStatistics] = []
    public var tracks: [TrackStatistics] = []
    public var events: [TrackEvent] = []

    public init() {}

    public mutating func merge(_ other: TrackingState) {
        sequences += other.sequences
        tracks += other.tracks
        events += other.events
    }

    /// Sorts the records into the order of one reading: by sequence, class, then track and part,
    /// or frame.
    public mutating func canonicalize() {
        sequences.sort { ($0.sequence, $0.className) < ($1.sequence, $1.className) }
        tracks.sort { ($0.sequence, $0.className, $0.gtId, $0.part) < ($1.sequence, $1.className, $1.gtId, $1.part) }
        events.sort {
            ($0.sequence, $0.className, $0.frame, $0.gtId, $0.kind.rawValue) < ($1.sequence, $1.className, $1.frame, $1.gtId, $1.kind.rawValue)
        }
    }

    /// The distinct sequences the state holds, sorted.
    public var sequenceNames: [String] {
        var names = Set<String>()
        for s in sequences { names.insert(s.sequence) }
        for t in tracks { names.insert(t.sequence) }
        return names.sorted()
    }

    /// A bootstrap replicate: every record counts `draws[its sequence]` times; records of
    /// undrawn sequences go.
    public func reweighted(_ draws: [String: Int64]) -> TrackingState {
        var copy = TrackingState()
        for var s in sequences {
            let w = (draws[s.sequence] ?? 0) * s.weight
            guard w > 0 else { continue }
            s.weight = w
            copy.sequences.append(s)
        }
        for var t in tracks {
            let w = (draws[t.sequence] ?? 0) * t.weight
            guard w > 0 else { continue }
            t.weight = w
            copy.tracks.append(t)
        }
        return copy
    }
}
