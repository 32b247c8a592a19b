/// Sufficient statistics of multilabel classification (several binary targets per row,
/// scikit-learn's multilabel-indicator case): one binary `ClassificationState` per target plus,
/// for the `samples` averages and subset accuracy, how many rows have each profile
/// (|T ∩ P|, |T|, |P|) of true labels T and predicted labels P.
///
/// A predicted value of `-1` for a target means "no prediction" and counts as the wrong
/// decision for that target (true 1 → predicted 0, true 0 → predicted 1), in the per-target
/// states (see `ClassificationState`) and in the row profiles alike.
/// - Complexity: `addRow` O(L) for L targets; memory O(L) plus one counter per distinct profile
///   (at most (L+1)³, in practice a few dozen) plus the score runs.
public struct MultilabelState: MergeableState {
    /// Number of targets L.
    public let targetCount: Int
    /// Per-target binary states (class 1 is positive).
    public internal(set) var targets: [ClassificationState]
    /// Rows per profile, keyed by `profileKey(intersection, truth, predicted)`.
    @usableFromInline internal var profiles: [UInt64: Int64] = [:]
    /// Rows seen.
    public internal(set) var rowCount: Int64 = 0
    /// Rows per outcome pattern (every target's truth and prediction at once), for the joint
    /// bootstrap of rows (`MultilabelState+Resampling`); nil above `OutcomePattern.maxTargets` targets.
    @usableFromInline internal var patterns: [OutcomePattern: Int64]?
    /// The rows behind the scores (when kept), for bootstrap replicates that weight a row the
    /// same in every target (`MultilabelState+Resampling`).
    @usableFromInline internal var scoreRows: LabelScoreRows?

    /// An empty state for `targetCount` targets; `keepsScores` keeps each target's scores.
    public init(targetCount: Int, keepsScores: Bool = false) {
        precondition(targetCount >= 1, "MultilabelState: at least one target is needed")
        self.targetCount = targetCount
        targets = Array(repeating: ClassificationState(classCount: 2, keepsScores: keepsScores), count: targetCount)
        patterns = targetCount <= OutcomePattern.maxTargets ? [:] : nil
        scoreRows = keepsScores ? LabelScoreRows(targetCount: targetCount) : nil
    }

    @usableFromInline static func profileKey(_ both: Int, _ truth: Int, _ predicted: Int) -> UInt64 {
        UInt64(both) | UInt64(truth) << 21 | UInt64(predicted) << 42
    }

    static func profile(_ key: UInt64) -> (both: Int, truth: Int, predicted: Int) {
        let mask: UInt64 = (1 << 21) - 1
        return (Int(key & mask), Int((key >> 21) & mask), Int(key >> 42))
    }

    /// Counts one row: `truth[j]` ∈ {0, 1}, `predicted[j]` ∈ {0, 1, -1 (none)} and, when the
    /// state keeps scores, `scores[j]` (the score of target j being 1).
    public mutating func addRow(
        truth: UnsafeBufferPointer<Int32>, predicted: UnsafeBufferPointer<Int32>,
        scores: UnsafeBufferPointer<Double>? = nil
    ) {
        precondition(
            truth.count == targetCount && predicted.count == targetCount,
            "MultilabelState: expected \(targetCount) targets per row")
        var both = 0
        var trueCount = 0
        var predictedCount = 0
        var pattern = OutcomePattern()
        let keepsPatterns = patterns != nil
        for j in 0..<targetCount {
            let t = truth[j]
            let p = predicted[j]
            precondition((t == 0 || t == 1) && p >= -1 && p <= 1, "MultilabelState: value out of range")
            targets[j].add(truth: t, predicted: p)
            let decided = p < 0 ? 1 - t : p
            trueCount &+= Int(t)
            predictedCount &+= Int(decided)
            both &+= Int(t & decided)
            if keepsPatterns { pattern.set(j, truth: t, predicted: p) }
        }
        if keepsPatterns { patterns![pattern, default: 0] &+= 1 }
        if let scores {
            precondition(scores.count == targetCount, "MultilabelState: expected \(targetCount) scores per row")
            for j in 0..<targetCount { targets[j].addScore(scores[j], positive: truth[j] == 1) }
            scoreRows?.add(truth: truth, scores: scores)
        }
        profiles[Self.profileKey(both, trueCount, predictedCount), default: 0] &+= 1
        rowCount &+= 1
    }

    /// Array form of `addRow`.
    public mutating func addRow(truth: [Int32], predicted: [Int32], scores: [Double]? = nil) {
        truth.withUnsafeBufferPointer { t in
            predicted.withUnsafeBufferPointer { p in
                if let scores {
                    scores.withUnsafeBufferPointer { addRow(truth: t, predicted: p, scores: $0) }
                } else {
                    addRow(truth: t, predicted: p)
                }
            }
        }
    }

    /// Adds `other`'s counts, profiles and scores. Both must have the same targets.
    public mutating func merge(_ other: MultilabelState) {
        precondition(other.targetCount == targetCount, "MultilabelState: target counts differ")
        for j in 0..<targetCount { targets[j].merge(other.targets[j]) }
        for (key, count) in other.profiles { profiles[key, default: 0] &+= count }
        rowCount &+= other.rowCount
        if let theirs = other.scoreRows {
            if scoreRows == nil { scoreRows = theirs } else { scoreRows!.merge(theirs) }
        }
        if let theirs = other.patterns, patterns != nil {
            for (key, count) in theirs { patterns![key, default: 0] &+= count }
        } else {
            patterns = nil
        }
    }

    /// Rows per profile (|T ∩ P|, |T|, |P|), sorted by key so sums are order independent.
    var sortedProfiles: [(both: Double, truth: Double, predicted: Double, rows: Double)] {
        profiles.keys.sorted().map { key in
            let p = Self.profile(key)
            return (Double(p.both), Double(p.truth), Double(p.predicted), Double(profiles[key]!))
        }
    }
}
