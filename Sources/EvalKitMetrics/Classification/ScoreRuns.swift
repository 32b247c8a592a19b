/// The scores of a binary task's positives and negatives as sorted runs of
/// (distinct score, positive count, negative count): the sufficient statistics of every
/// threshold-sweep metric (ROC AUC, average precision, operating points).
///
/// New scores go to an unsorted pending buffer (one for positives, one for negatives). When the
/// buffers hold `pendingLimit` scores they are radix sorted (`RadixSort`, through
/// `OrderedKey`), collapsed to runs and merged into the runs by a linear merge. Memory is then
/// bounded by the number of distinct scores plus `pendingLimit`, not by the number of rows.
/// The compacted runs are canonical (ascending distinct keys, summed counts), so any order of
/// `add` and `merge` gives the same runs and therefore bit-identical metrics.
///
/// `-0.0` and `+0.0` are one score. Scores must not be NaN (the engine rejects NaN scores).
/// - Complexity: `add` amortised O(1); `compact` O(p + r) for p pending scores and r runs;
///   `merge` O(r₁ + r₂ + p₂).
public struct ScoreRuns: MergeableState {
    /// Default bound of the pending buffers (in scores): 8 MiB of keys, sorted in the L3 cache.
    public static let defaultPendingLimit = 1 << 20

    /// Distinct score keys (`OrderedKey`), strictly ascending.
    @usableFromInline internal var runKeys: [UInt64] = []
    /// Positive count of each run.
    @usableFromInline internal var runPositives: [Int64] = []
    /// Negative count of each run.
    @usableFromInline internal var runNegatives: [Int64] = []
    @usableFromInline internal var pendingPositive: [UInt64] = []
    @usableFromInline internal var pendingNegative: [UInt64] = []
    /// Pending scores that trigger a compaction.
    public let pendingLimit: Int

    /// An empty set of runs; `pendingLimit` (at least 1) bounds the unsorted buffer.
    public init(pendingLimit: Int = ScoreRuns.defaultPendingLimit) {
        precondition(pendingLimit >= 1, "ScoreRuns: pendingLimit must be at least 1")
        self.pendingLimit = pendingLimit
    }

    /// Records one score of a positive (`positive == true`) or negative sample.
    @inlinable
    public mutating func add(_ score: Double, positive: Bool) {
        if positive {
            pendingPositive.append(OrderedKey.encode(score))
        } else {
            pendingNegative.append(OrderedKey.encode(score))
        }
        if pendingPositive.count &+ pendingNegative.count >= pendingLimit { compact() }
    }

    /// Records `scores[i]` as a positive when `positives[i]` is true.
    public mutating func add(scores: UnsafeBufferPointer<Double>, positives: UnsafeBufferPointer<Bool>) {
        precondition(scores.count == positives.count, "ScoreRuns: scores and labels differ in count")
        var start = 0
        while start < scores.count {
            let room = max(1, pendingLimit - pendingPositive.count - pendingNegative.count)
            let end = min(scores.count, start + room)
            for i in start..<end {
                let key = OrderedKey.encode(scores[i])
                if positives[i] { pendingPositive.append(key) } else { pendingNegative.append(key) }
            }
            if pendingPositive.count + pendingNegative.count >= pendingLimit { compact() }
            start = end
        }
    }

    /// Records `scores[i]` as a positive when `truth[i] == positiveClass`.
    public mutating func add(
        scores: UnsafeBufferPointer<Double>, truth: UnsafeBufferPointer<Int32>, positiveClass: Int32
    ) {
        precondition(scores.count == truth.count, "ScoreRuns: scores and labels differ in count")
        var start = 0
        while start < scores.count {
            let room = max(1, pendingLimit - pendingPositive.count - pendingNegative.count)
            let end = min(scores.count, start + room)
            for i in start..<end {
                let key = OrderedKey.encode(scores[i])
                if truth[i] == positiveClass {
                    pendingPositive.append(key)
                } else {
                    pendingNegative.append(key)
                }
            }
            if pendingPositive.count + pendingNegative.count >= pendingLimit { compact() }
            start = end
        }
    }

    /// Sorts the pending scores and merges them into the runs.
    public mutating func compact() {
        if pendingPositive.isEmpty && pendingNegative.isEmpty { return }
        RadixSort.sort(&pendingPositive)
        RadixSort.sort(&pendingNegative)
        let fresh = RunMerge.runs(sortedPositives: pendingPositive, sortedNegatives: pendingNegative)
        pendingPositive.removeAll(keepingCapacity: pendingPositive.capacity <= pendingLimit)
        pendingNegative.removeAll(keepingCapacity: pendingNegative.capacity <= pendingLimit)
        if runKeys.isEmpty {
            (runKeys, runPositives, runNegatives) = fresh
        } else {
            (runKeys, runPositives, runNegatives) = RunMerge.merge(
                (runKeys, runPositives, runNegatives), fresh)
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
        if runKeys.isEmpty {
            (runKeys, runPositives, runNegatives) = (other.runKeys, other.runPositives, other.runNegatives)
        } else {
            (runKeys, runPositives, runNegatives) = RunMerge.merge(
                (runKeys, runPositives, runNegatives),
                (other.runKeys, other.runPositives, other.runNegatives))
        }
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
        let c = compacted()
        return c.runKeys.indices.map {
            Run(score: OrderedKey.decode(c.runKeys[$0]), positives: c.runPositives[$0],
                negatives: c.runNegatives[$0])
        }
    }
}
