/// One video's sufficient statistics of the interval metrics (docs/events/intervals.md): its
/// name, its reference events per class, its duration sums (`DurationOverlap`), and its
/// predictions in rank order (score descending, then onset, then input order), each with its
/// class, score and the mask of the tIoU thresholds at which it is a true positive.
/// Made by `IntervalMetrics.statistics`; merged by `IntervalMetrics.compute`.
///
/// Why per-video statistics suffice. Fix a class c and a threshold t. ActivityNet visits the
/// predictions of c in one global order π: score descending, ties (evalkit's rule) by video name,
/// then by the video's own rank order. Claim: the outcome of a prediction p of video v depends
/// only on v's reference events of class c and v's predictions of c ranked before p in v.
/// Proof, by induction along π: when p is visited, its candidates are the reference events of c
/// in v (upstream groups the ground truth by video), and the only state read is whether each
/// candidate is already taken at t. A reference event of v is taken only while a prediction of
/// v is visited. So when p is visited, the taken set of v results from visiting, in π's order,
/// exactly the predictions of c in v that precede p in π; π restricted to v is v's rank order
/// (the video name is constant within v, so π's key reduces to score, then onset, then input
/// order). These are the same visits, with the same inputs, as `TemporalIoU.matches` on v alone,
/// which therefore gives the same outcomes. ∎
/// AP at (c, t) is a function of the outcomes in π's order and of G_c = Σ_v G_{c,v} alone. π is
/// the sort of all videos' ranked lists by a total key (score, video name, rank in the video), so
/// it is the same however the lists were gathered (any shard, any merge order), and G_c is a sum
/// of integers. A video of weight w counts as w copies whose predictions tie completely: each
/// prediction's copies are adjacent in π, so it counts w times at its place. Hence compute over
/// merged per-video statistics equals the computation over all the data at once
/// (`TemporalIoUMergeTests`). The duration sums add; `compute` adds them in name order, so the
/// floating-point result does not depend on the merge order either.
///
/// Memory: 20 bytes per prediction, 32 per class.
public struct IntervalVideoStatistics: Sendable, Equatable {
    public var name: String
    /// How many thresholds the masks in `hits` refer to.
    public var thresholdCount: Int
    /// Reference events per class.
    public var referenceEvents: [Int64]
    public var durations: DurationOverlap
    /// Predictions in the video's rank order: class, score, and true-positive mask (bit t for
    /// threshold t).
    public var labels: [Int32]
    public var scores: [Double]
    public var hits: [UInt64]

    public init(name: String, thresholdCount: Int, referenceEvents: [Int64], durations: DurationOverlap,
                labels: [Int32], scores: [Double], hits: [UInt64]) {
        self.name = name
        self.thresholdCount = thresholdCount
        self.referenceEvents = referenceEvents
        self.durations = durations
        self.labels = labels
        self.scores = scores
        self.hits = hits
    }

    public var classes: Int { referenceEvents.count }
    public var predictionCount: Int { labels.count }

    /// Whether the statistics were made for `classes` classes and as many thresholds as `parameters` has.
    public func isCompatible(classes: Int, parameters: TemporalIoUParameters) -> Bool {
        self.classes == classes && durations.classes == classes && thresholdCount == parameters.thresholds.count
    }

    /// The statistics with class k renamed `map[k]` among `classes` classes (for a merge of
    /// states whose labels differ). The rank order and the masks do not depend on class indices.
    public func remapped(_ map: [Int], classes: Int) -> IntervalVideoStatistics {
        var copy = self
        copy.referenceEvents = Array(repeating: 0, count: classes)
        copy.durations = DurationOverlap(classes: classes)
        for (k, target) in map.enumerated() {
            copy.referenceEvents[target] = referenceEvents[k]
            copy.durations.overlap[target] = durations.overlap[k]
            copy.durations.system[target] = durations.system[k]
            copy.durations.reference[target] = durations.reference[k]
        }
        copy.labels = labels.map { Int32(map[Int($0)]) }
        return copy
    }
}
