/// The scores of a binary task's positives and negatives as sorted runs of
/// (distinct score, positive count, negative count): the sufficient statistics of every
/// threshold-sweep metric (ROC AUC, average precision, operating points).
///
/// New scores go to unsorted pending buffers (one for positives, one for negatives). When they
/// hold `max(pendingLimit, runCount)` scores they are radix sorted (`RadixSort`, through
/// `OrderedKey`) and merged into the runs by one linear three-way merge that collapses equal
/// scores (`RunMerge`). Letting the bound follow the run count keeps each merge no more
/// expensive than the sort before it; the sort's scratch buffer is kept between compactions.
/// Memory is O(distinct scores + pendingLimit): 24 bytes per distinct score and per pending
/// score in the runs (their arrays keep room for the last merge's upper bound), plus 8 bytes
/// per pending score and 8 of scratch: not O(rows). The compacted runs are canonical (ascending distinct
/// keys, summed counts), so any order of `add` and `merge` gives the same runs and therefore
/// bit-identical metrics.
///
/// `-0.0` and `+0.0` are one score. Scores must not be NaN (the engine rejects NaN scores).
/// - Complexity: `add` amortised O(1); `compact` O(p + r) for p pending scores and r runs;
///   `merge` O(r₁ + r₂ + p₂).
public struct ScoreRuns: MergeableState {
    /// Default minimum bound of the pending buffers (in scores): 16 MiB of keys. On 10M scores
    /// with ~1M distinct values, 2M measured faster than 1M (half the merges) and than 4M
    /// (the sort leaves the cache).
    public static let defaultPendingLimit = 1 << 21

    /// Distinct score keys (`OrderedKey`), strictly ascending.
    @usableFromInline internal var runKeys: [UInt64] = []
    /// Positive count of each run.
    @usableFromInline internal var runPositives: [Int64] = []
    /// Negative count of each run.
    @usableFromInline internal var runNegatives: [Int64] = []
    /// Second buffer of the radix sort, kept to avoid reallocating it.
    @usableFromInline internal var scratch: [UInt64] = []
    @usableFromInline internal var pendingPositive: [UInt64] = []
    @usableFromInline internal var pendingNegative: [UInt64] = []
    /// Pending scores that trigger a compaction (at least; the bound grows with the runs).
    public let pendingLimit: Int

    /// An empty set of runs; `pendingLimit` (at least 1) bounds the unsorted buffers.
    public init(pendingLimit: Int = ScoreRuns.defaultPendingLimit) {
        precondition(pendingLimit >= 1, "ScoreRuns: pendingLimit must be at least 1")
        self.pendingLimit = pendingLimit
    }

    /// The pending count that triggers a compaction now.
    @inlinable
    internal var compactionBound: Int { Swift.max(pendingLimit, runKeys.count) }

    /// Records one score of a positive (`positive == true`) or negative sample.
    @inlinable
    public mutating func add(_ score: Double, positive: Bool) {
        if positive {
            pendingPositive.append(OrderedKey.encode(score))
        } else {
            pendingNegative.append(OrderedKey.encode(score))
        }
        if pendingPositive.count &+ pendingNegative.count >= compactionBound { compact() }
    }

    /// Records `scores[i]` as a positive when `positives[i]` is true.
    public mutating func add(scores: UnsafeBufferPointer<Double>, positives: UnsafeBufferPointer<Bool>) {
        precondition(scores.count == positives.count, "ScoreRuns: scores and labels differ in count")
        addStaged(count: scores.count) { i in (scores[i], positives[i]) }
    }

    /// Records `scores[i]` as a positive when `truth[i] == positiveClass`.
    public mutating func add(
        scores: UnsafeBufferPointer<Double>, truth: UnsafeBufferPointer<Int32>, positiveClass: Int32
    ) {
        precondition(scores.count == truth.count, "ScoreRuns: scores and labels differ in count")
        addStaged(count: scores.count) { i in (scores[i], truth[i] == positiveClass) }
    }

    /// Batch insertion without a branch per row: each key is written to both staging blocks and
    /// only the matching cursor advances; full blocks are appended to the pending buffers.
    @inline(__always)
    private mutating func addStaged(count: Int, _ row: (Int) -> (Double, Bool)) {
        let block = 2048
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 2 * block) { stage in
            let positive = stage.baseAddress!
            let negative = positive + block
            var start = 0
            while start < count {
                let room = Swift.max(1, compactionBound - pendingPositive.count - pendingNegative.count)
                let end = Swift.min(count, start + Swift.min(block, room))
                var p = 0
                var n = 0
                for i in start..<end {
                    let (score, isPositive) = row(i)
                    let key = OrderedKey.encode(score)
                    positive[p] = key
                    negative[n] = key
                    let step = isPositive ? 1 : 0
                    p &+= step
                    n &+= 1 &- step
                }
                pendingPositive.append(contentsOf: UnsafeBufferPointer(start: positive, count: p))
                pendingNegative.append(contentsOf: UnsafeBufferPointer(start: negative, count: n))
                if pendingPositive.count + pendingNegative.count >= compactionBound { compact() }
                start = end
            }
        }
    }

    /// Sorts the pending scores and merges them into the runs.
    public mutating func compact() {
        if pendingPositive.isEmpty && pendingNegative.isEmpty { return }
        let largest = Swift.max(pendingPositive.count, pendingNegative.count)
        if scratch.count < largest { scratch = [UInt64](repeating: 0, count: largest) }
        scratch.withUnsafeMutableBufferPointer { scratch in
            Self.sort(&pendingPositive, scratch: scratch)
            Self.sort(&pendingNegative, scratch: scratch)
        }
        (runKeys, runPositives, runNegatives) = RunMerge.merge(
            (runKeys, runPositives, runNegatives),
            sortedPositives: pendingPositive, sortedNegatives: pendingNegative)
        pendingPositive.removeAll(keepingCapacity: true)
        pendingNegative.removeAll(keepingCapacity: true)
    }

    /// Radix sorts `keys` with `scratch` (at least as long) as the second buffer.
    private static func sort(_ keys: inout [UInt64], scratch: UnsafeMutableBufferPointer<UInt64>) {
        keys.withUnsafeMutableBufferPointer { keys in
            let other = UnsafeMutableBufferPointer(rebasing: scratch[..<keys.count])
            if RadixSort.sort(keys, scratch: other) {
                _ = keys.update(fromContentsOf: other)
            }
        }
    }

    /// A copy with no pending scores.
    public func compacted() -> ScoreRuns {
        var copy = self
        copy.compact()
        return copy
    }

    /// Adds everything `other` has seen (runs merged linearly, pending scores sorted first).
    public mutating func merge(_ other: ScoreRuns) {
        pendingPositive.append(contentsOf: other.pendingPositive)
        pendingNegative.append(contentsOf: other.pendingNegative)
        compact()
        if other.runKeys.isEmpty { return }
        (runKeys, runPositives, runNegatives) = RunMerge.merge(
            (runKeys, runPositives, runNegatives), (other.runKeys, other.runPositives, other.runNegatives))
    }

    /// Calls `body` with the compacted runs (compacting a copy when scores are pending).
    func withCompactedRuns<R>(_ body: (_ keys: [UInt64], _ positives: [Int64], _ negatives: [Int64]) -> R) -> R {
        if pendingPositive.isEmpty && pendingNegative.isEmpty { return body(runKeys, runPositives, runNegatives) }
        let c = compacted()
        return body(c.runKeys, c.runPositives, c.runNegatives)
    }

    /// Number of positive scores seen.
    public var positiveCount: Int64 {
        runPositives.reduce(0, &+) &+ Int64(pendingPositive.count)
    }

    /// Number of negative scores seen.
    public var negativeCount: Int64 {
        runNegatives.reduce(0, &+) &+ Int64(pendingNegative.count)
    }

    /// Number of scores seen.
    public var count: Int64 { positiveCount &+ negativeCount }

    /// Number of scores waiting in the unsorted buffers.
    public var pendingCount: Int { pendingPositive.count + pendingNegative.count }

    /// Number of runs (distinct scores) in the compacted part.
    public var runCount: Int { runKeys.count }

    /// One run: a distinct score and how many positives and negatives have it.
    public struct Run: Sendable, Equatable {
        public var score: Double
        public var positives: Int64
        public var negatives: Int64
        public init(score: Double, positives: Int64, negatives: Int64) {
            self.score = score
            self.positives = positives
            self.negatives = negatives
        }
    }

    /// All runs, scores ascending (pending scores included).
    public var runs: [Run] {
        withCompactedRuns { keys, positives, negatives in
            keys.indices.map {
                Run(score: OrderedKey.decode(keys[$0]), positives: positives[$0], negatives: negatives[$0])
            }
        }
    }
}
