/// One sequence's boxes of one class, frame by frame, as TrackEval's per-sequence `data` holds
/// them: frame `t` (0-based; MOTChallenge frame `t + 1`) has the ground-truth rows
/// `gtStart[t]..<gtStart[t + 1]` and the tracker rows `trackerStart[t]..<trackerStart[t + 1]`,
/// each in file order. Ids are relabelled `0..<gtIdCount` (`0..<trackerIdCount`) in ascending order
/// of the original ids, as TrackEval relabels them.
public struct SequenceBoxes: Sendable {
    /// The sequence's length in frames (TrackEval's `num_timesteps`).
    public var frames: Int
    public var gtStart: [Int32]
    public var gtId: [Int32]
    /// `x, y, w, h` of each ground-truth row.
    public var gtBox: [Double]
    public var trackerStart: [Int32]
    public var trackerId: [Int32]
    public var trackerBox: [Double]
    /// Original id of each relabelled id.
    public var gtOriginalId: [Int64]
    public var trackerOriginalId: [Int64]
    /// Per ground-truth row, the index of its value of the box attributes (a slice cell), or nil
    /// when the evaluation has no box attributes.
    public var gtPart: [Int32]?

    public init(frames: Int, gtStart: [Int32], gtId: [Int32], gtBox: [Double], trackerStart: [Int32], trackerId: [Int32],
                trackerBox: [Double], gtOriginalId: [Int64], trackerOriginalId: [Int64], gtPart: [Int32]? = nil) {
        self.frames = frames
        self.gtStart = gtStart
        self.gtId = gtId
        self.gtBox = gtBox
        self.trackerStart = trackerStart
        self.trackerId = trackerId
        self.trackerBox = trackerBox
        self.gtOriginalId = gtOriginalId
        self.trackerOriginalId = trackerOriginalId
        self.gtPart = gtPart
    }

    public var gtDets: Int { gtId.count }
    public var trackerDets: Int { trackerId.count }
    public var gtIdCount: Int { gtOriginalId.count }
    public var trackerIdCount: Int { trackerOriginalId.count }

    @inline(__always) func gtRange(_ t: Int) -> Range<Int> { Int(gtStart[t])..<Int(gtStart[t + 1]) }
    @inline(__always) func trackerRange(_ t: Int) -> Range<Int> { Int(trackerStart[t])..<Int(trackerStart[t + 1]) }

    /// Each id's rank among the distinct ids (ascending), and the distinct ids: by a direct table
    /// when the ids are small non-negative numbers (MOTChallenge's), else by sorting.
    public static func rankIds(_ ids: [Int64]) -> (rank: [Int32], distinct: [Int64]) {
        guard let low = ids.min(), let high = ids.max() else { return ([], []) }
        if low >= 0 && high < Int64(max(4 * ids.count, 1 << 16)) {
            var slot = [Int32](repeating: -1, count: Int(high) + 1)
            for id in ids { slot[Int(id)] = 0 }
            var distinct: [Int64] = []
            for (id, used) in slot.enumerated() where used == 0 {
                slot[id] = Int32(distinct.count)
                distinct.append(Int64(id))
            }
            return (ids.map { slot[Int($0)] }, distinct)
        }
        var distinct = ids.sorted()
        var unique = 0
        for id in distinct where unique == 0 || distinct[unique - 1] != id {
            distinct[unique] = id
            unique += 1
        }
        distinct.removeLast(distinct.count - unique)
        let rank = ids.map { id -> Int32 in
            var lowIndex = 0, highIndex = distinct.count
            while lowIndex < highIndex {
                let mid = (lowIndex + highIndex) / 2
                if distinct[mid] < id { lowIndex = mid + 1 } else { highIndex = mid }
            }
            return Int32(lowIndex)
        }
        return (rank, distinct)
    }

    /// Builds the frame layout from rows in file order: `frame` 0-based, ids original.
    public static func build(frames: Int, gtFrame: [Int32], gtOriginal: [Int64], gtBox: [Double], gtPart: [Int32]?,
                             trackerFrame: [Int32], trackerOriginal: [Int64], trackerBox: [Double]) -> SequenceBoxes {
        func layout(_ frame: [Int32], _ original: [Int64], _ box: [Double], _ part: [Int32]?)
            -> (start: [Int32], id: [Int32], box: [Double], ids: [Int64], part: [Int32]?) {
            let (rank, ids) = rankIds(original)
            var start = [Int32](repeating: 0, count: frames + 1)
            for f in frame { start[Int(f) + 1] += 1 }
            for t in 0..<frames { start[t + 1] += start[t] }
            var next = Array(start.dropLast())
            var outId = [Int32](repeating: 0, count: frame.count)
            var outBox = [Double](repeating: 0, count: frame.count * 4)
            var outPart = part.map { _ in [Int32](repeating: 0, count: frame.count) }
            for row in 0..<frame.count {
                let at = Int(next[Int(frame[row])])
                next[Int(frame[row])] += 1
                outId[at] = rank[row]
                for k in 0..<4 { outBox[at * 4 + k] = box[row * 4 + k] }
                if let part { outPart![at] = part[row] }
            }
            return (start, outId, outBox, ids, outPart)
        }
        let g = layout(gtFrame, gtOriginal, gtBox, gtPart)
        let d = layout(trackerFrame, trackerOriginal, trackerBox, nil)
        return SequenceBoxes(frames: frames, gtStart: g.start, gtId: g.id, gtBox: g.box, trackerStart: d.start, trackerId: d.id,
                             trackerBox: d.box, gtOriginalId: g.ids, trackerOriginalId: d.ids, gtPart: g.part)
    }
}
