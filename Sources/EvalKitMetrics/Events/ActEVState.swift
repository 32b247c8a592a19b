/// The ActEV statistics of a set of videos: each video's `ActEVVideoStatistics` with its weight
/// (1; a bootstrap draw), sorted by file name, so a merge of shards lists them exactly as one
/// reading does. `ActEV.compute(state.videos, …)` scores it.
///
/// Videos of one run share one `ActEVAlignmentContext`; `merging` refuses states aligned in
/// different contexts (their alignments would not be the scorer's), and a file seen twice.
public struct ActEVState: MergeableState, Equatable {
    public private(set) var videos: [(statistics: ActEVVideoStatistics, weight: Int64)] = []

    public init() {}

    public static func == (a: ActEVState, b: ActEVState) -> Bool {
        a.videos.count == b.videos.count && zip(a.videos, b.videos).allSatisfy { $0.statistics == $1.statistics && $0.weight == $1.weight }
    }

    /// Adds a video (any order; its file must be new).
    public mutating func add(_ video: ActEVVideoStatistics, weight: Int64 = 1) {
        var low = 0, high = videos.count
        while low < high {
            let mid = (low + high) / 2
            if videos[mid].statistics.file >= video.file { high = mid } else { low = mid + 1 }
        }
        videos.insert((video, weight), at: low)
    }

    public mutating func merge(_ other: ActEVState) {
        for (video, weight) in other.videos { add(video, weight: weight) }
    }

    /// Why two states cannot be merged, or nil.
    public func incompatibility(with other: ActEVState) -> String? {
        if let mine = videos.first?.statistics.context, let theirs = other.videos.first?.statistics.context, mine != theirs {
            return "the states were aligned with different presenceConf ranges or frame rates (\(mine) vs \(theirs))"
        }
        let files = Set(videos.map(\.statistics.file))
        if let repeated = other.videos.first(where: { files.contains($0.statistics.file) }) {
            return "file \(repeated.statistics.file) is in both states"
        }
        return nil
    }

    /// The merge, after checking that the states fit together.
    public func merging(_ other: ActEVState) throws -> ActEVState {
        if let reason = incompatibility(with: other) { throw StateDecodingError(reason) }
        var copy = self
        copy.merge(other)
        return copy
    }
}

extension ActEVState: PortableValue {
    public func write(to writer: inout StateWriter) {
        writer.write(Int64(videos.count))
        for (video, weight) in videos {
            writer.write(video)
            writer.write(weight)
        }
    }

    public init(from reader: inout StateReader) throws {
        self.init()
        let count = try reader.readCount()
        for _ in 0..<count {
            let video: ActEVVideoStatistics = try reader.read()
            let weight: Int64 = try reader.read()
            try reader.require(videos.last.map { $0.statistics.file < video.file } ?? true, "videos not in order of their files")
            videos.append((video, weight))
        }
    }
}
