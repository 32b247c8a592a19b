/// Sufficient statistics of event detection: per video, its frame- or segment-based counts and its
/// event-based counts, with the video's name, length and bootstrap weight; the class labels its
/// counts are indexed by. Self-contained: states read elsewhere merge by label and video name.
///
/// Videos are kept sorted by name, so a merge of shards lists them exactly as one reading does,
/// and the sums (and the bootstrap's draws over videos) do not depend on the order of merging.
/// Memory: O(videos × classes), plus 29 bytes per event for the alignment (`EventAlignment`).
public struct EventsState: MergeableState {
    /// One target object's event counts in a video (inputs with an `object` column).
    public struct ObjectTally: Sendable, Equatable {
        public var name: String
        public var reference: Int64
        public var system: Int64
        /// Reference events of the object matched by a system event (true positives).
        public var matched: Int64

        public init(name: String, reference: Int64 = 0, system: Int64 = 0, matched: Int64 = 0) {
            self.name = name
            self.reference = reference
            self.system = system
            self.matched = matched
        }
    }

    /// One video's counts.
    public struct Video: Sendable, Equatable {
        public var name: String
        public var seconds: Double
        /// Segment-based counts (the scheme's `time_resolution`).
        public var segments: GridCounts
        /// Frame-based counts, when the evaluation has a frame rate.
        public var frames: GridCounts?
        public var events: EventCounts
        /// Duration overlaps and temporal-IoU outcomes of the scored system events
        /// (`IntervalMetrics`), when the evaluation computes them.
        public var intervals: IntervalVideoStatistics?
        /// Per target object, sorted by name (empty without an `object` column).
        public var objects: [ObjectTally] = []
        /// NIST ActEV alignment outcomes (`ActEV`), when the evaluation names a protocol.
        public var actev: ActEVVideoStatistics?
        /// PSDS outcomes at every score threshold (`PSDS`), when the evaluation asks for PSDS.
        public var psds: PSDSVideoStatistics?
        /// Every event's outcome under the event-based criterion (`event_alignment-<n>.csv`); the
        /// video's record only (its parts have none).
        public var alignment: EventAlignment?
        /// A part of a video: the outcomes of its reference events with one value of the event
        /// attributes (a slice by an event attribute), recall side only. The video's own record
        /// holds everything else; the parts and the record add up to the whole video.
        public var isPart = false
        /// How many times the video counts (1; a bootstrap replicate's draw).
        public var weight: Int64 = 1

        public init(name: String, seconds: Double, segments: GridCounts, frames: GridCounts?, events: EventCounts,
                    intervals: IntervalVideoStatistics? = nil) {
            self.name = name
            self.seconds = seconds
            self.segments = segments
            self.frames = frames
            self.events = events
            self.intervals = intervals
        }

        func remapped(_ map: [Int], classes: Int) -> Video {
            var copy = self
            copy.segments = segments.remapped(map, classes: classes)
            copy.frames = frames?.remapped(map, classes: classes)
            copy.events = events.remapped(map, classes: classes)
            copy.intervals = intervals?.remapped(map, classes: classes)
            copy.psds = psds?.remapped(map, classes: classes)
            copy.alignment = alignment?.remapped(map)
            return copy
        }
    }

    /// Class labels, in report order (declared, or sorted).
    public internal(set) var labels: [String]
    /// Videos, sorted by name.
    public internal(set) var videos: [Video] = []
    /// Whether frame-based counts are kept.
    public internal(set) var hasFrames: Bool

    public init(labels: [String], hasFrames: Bool) {
        self.labels = labels
        self.hasFrames = hasFrames
    }

    /// Adds a video or a part (in any order).
    public mutating func add(_ video: Video) {
        if let last = videos.last, last.name >= video.name {
            let at = videos.partitionPoint { $0.name >= video.name }
            videos.insert(video, at: at)
        } else {
            videos.append(video)
        }
    }

    /// Merges by name: labels are united (sorted) when the states' labels differ, and videos
    /// interleave by name.
    public mutating func merge(_ other: EventsState) {
        hasFrames = hasFrames || other.hasFrames
        var incoming = other.videos
        if other.labels != labels {
            let unified = Array(Set(labels).union(other.labels)).sorted()
            let mine = labels.map { unified.firstIndex(of: $0)! }
            let theirs = other.labels.map { unified.firstIndex(of: $0)! }
            videos = videos.map { $0.remapped(mine, classes: unified.count) }
            incoming = incoming.map { $0.remapped(theirs, classes: unified.count) }
            labels = unified
        }
        guard !incoming.isEmpty else { return }
        guard !videos.isEmpty else { videos = incoming; return }
        var merged: [Video] = []
        merged.reserveCapacity(videos.count + incoming.count)
        var a = 0, b = 0
        while a < videos.count || b < incoming.count {
            if b == incoming.count || (a < videos.count && videos[a].name <= incoming[b].name) {
                merged.append(videos[a]); a += 1
            } else {
                merged.append(incoming[b]); b += 1
            }
        }
        videos = merged
    }

    /// The summed counts of every video (each counted `weight` times).
    public func totals() -> (segments: GridCounts, frames: GridCounts?, events: EventCounts, seconds: Double, videos: Int64) {
        var segments = GridCounts(classes: labels.count)
        var frames: GridCounts? = hasFrames ? GridCounts(classes: labels.count) : nil
        var events = EventCounts(classes: labels.count)
        var seconds = 0.0
        var count: Int64 = 0
        var parts: Int64 = 0
        for video in videos where video.weight > 0 {
            segments.add(video.segments, weight: video.weight)
            if let f = video.frames { frames?.add(f, weight: video.weight) }
            events.add(video.events, weight: video.weight)
            if video.isPart {
                parts += video.weight
            } else {
                seconds += Double(video.weight) * video.seconds
                count += video.weight
            }
        }
        // A slice of event attributes alone holds parts: its count is the videos they come from.
        return (segments, frames, events, seconds, count > 0 ? count : parts)
    }
}

extension EventsState {
    /// A bootstrap replicate of several disjoint states (the slice cells) drawn jointly: the
    /// videos of all cells are resampled with replacement (each video is one unit, its events and
    /// frames together), and each cell keeps its videos with their draw counts as weights.
    public static func resampledVideos<G: RandomNumberGenerator>(_ states: [EventsState], using generator: inout G) -> [EventsState] {
        // One draw per video, by name: a video's record and its parts (slices by event attributes)
        // are drawn together.
        var names = Set<String>()
        for state in states { for video in state.videos { names.insert(video.name) } }
        let total = Int64(names.count)
        var sequence = SequentialMultinomial(n: total, total: total)
        var weights: [String: Int64] = [:]
        for name in names.sorted() { weights[name] = sequence.draw(count: 1, using: &generator) }
        return states.map { state in
            var copy = state
            for v in copy.videos.indices { copy.videos[v].weight = weights[copy.videos[v].name]! }
            return copy
        }
    }
}
