import Foundation

/// Sufficient statistics of the multiclass probability metrics (one score column per class):
/// one-vs-rest and one-vs-one ROC AUC, log loss and top-k accuracy (`ClassProbabilityMetrics`,
/// docs/metrics.md, "Multiclass probability metrics").
///
/// Classes are the score columns `0..<K` in scikit-learn's column order (the labels sorted), so
/// a column's index is also its place in scikit-learn's tie-breaking. Per row with true class t
/// and scores s₀…s_{K−1}:
/// - `columnRuns[c·K + t]` receives s_c: the scores of column c split by the row's true class,
///   as sorted runs (`ScoreRuns`, all counted as "positives"). One-vs-rest AUC of class c reads
///   column c's runs of truth c against the others; one-vs-one reads the (c, a) and (c, b) runs.
/// - `rankCounts[t·(K+1) + r]` counts the row under the rank r of its true class (0 = highest
///   score; ties ranked as scikit-learn's `top_k_accuracy_score` ranks them: among equal scores
///   the later column first); r = K is a row without a prediction.
/// - `lossRuns` receives −ln(clip(s_t, ε, 1 − ε)) with ε = 2⁻⁵² (scikit-learn 1.9.1 `log_loss`).
///
/// Everything is integer counts and canonical sorted runs, so `merge` is exact and
/// order-independent: any split into cells merges to bit-identical metrics.
/// - Complexity: `add` O(K) amortised; memory O(distinct (column, truth, score) triples).
public struct ClassProbabilityState: MergeableState {
    /// Number of classes (score columns) K.
    public let classCount: Int
    /// `columnRuns[c * K + t]`: scores of column c among rows of true class t.
    @usableFromInline internal var columnRuns: [ScoreRuns]
    /// Per-row log-loss terms.
    @usableFromInline internal var lossRuns: ScoreRuns
    /// `rankCounts[t * (K + 1) + r]`: rows of true class t whose true class ranks r (r = K: no prediction).
    @usableFromInline internal var rankCounts: [Int64]
    /// Rows with a score above 1 (not probabilities: scikit-learn's `log_loss` refuses them).
    public internal(set) var rowsAboveOne: Int64 = 0
    /// Rows whose scores do not sum to 1 (numpy `allclose(1, sum)`: |1 − sum| > 1e-8 + 1e-5·|sum|).
    public internal(set) var unnormalisedRows: Int64 = 0
    /// The largest |1 − sum| of a row (merged by max, so exact).
    public internal(set) var largestSumDeviation: Double = 0

    /// Smallest probability kept by the clipping of log loss: numpy's float64 `finfo.eps`.
    public static let epsilon = Double.ulpOfOne

    /// An empty state for `classCount` score columns (at least 2).
    public init(classCount: Int, pendingLimit: Int = 1 << 16) {
        precondition(classCount >= 2, "ClassProbabilityState: at least two classes are needed")
        self.classCount = classCount
        columnRuns = Array(repeating: ScoreRuns(pendingLimit: pendingLimit), count: classCount * classCount)
        lossRuns = ScoreRuns(pendingLimit: pendingLimit)
        rankCounts = Array(repeating: 0, count: classCount * (classCount + 1))
    }

    /// The log-loss term of a row whose true class has probability `p`.
    @inlinable
    public static func lossTerm(_ p: Double) -> Double {
        -log(Swift.min(Swift.max(p, epsilon), 1 - epsilon))
    }

    /// Counts one row of true class `truth` with one score per column. Scores must be finite and
    /// at least 0 (the reader rejects others).
    public mutating func add(truth: Int, scores: UnsafeBufferPointer<Double>) {
        let k = classCount
        precondition(scores.count == k && truth >= 0 && truth < k, "ClassProbabilityState: row out of range")
        let own = scores[truth]
        var rank = 0
        var sum = 0.0
        var aboveOne = false
        for c in 0..<k {
            let s = scores[c]
            columnRuns[c * k + truth].add(s, positive: true)
            if s > own || (s == own && c > truth) { rank += 1 }
            sum += s
            if s > 1 { aboveOne = true }
        }
        rankCounts[truth * (k + 1) + rank] &+= 1
        lossRuns.add(Self.lossTerm(own), positive: true)
        if aboveOne { rowsAboveOne &+= 1 }
        let deviation = abs(1 - sum)
        if !(deviation <= 1e-8 + 1e-5 * abs(sum)) {
            unnormalisedRows &+= 1
            largestSumDeviation = Swift.max(largestSumDeviation, deviation)
        }
    }

    /// Array form of `add(truth:scores:)`.
    public mutating func add(truth: Int, scores: [Double]) {
        scores.withUnsafeBufferPointer { add(truth: truth, scores: $0) }
    }

    /// Counts a row of true class `truth` without a prediction, as wrong everywhere: ranked below
    /// every row in its own column and above every row in the others, its true class ranked last
    /// (never in a top k), and its log-loss term that of probability 0 (−ln ε).
    public mutating func addMissing(truth: Int) {
        let k = classCount
        precondition(truth >= 0 && truth < k, "ClassProbabilityState: class out of range")
        for c in 0..<k {
            columnRuns[c * k + truth].add(c == truth ? -.infinity : .infinity, positive: true)
        }
        rankCounts[truth * (k + 1) + k] &+= 1
        lossRuns.add(Self.lossTerm(0), positive: true)
    }

    /// Adds everything `other` has seen. Both must have the same classes.
    public mutating func merge(_ other: ClassProbabilityState) {
        precondition(other.classCount == classCount, "ClassProbabilityState: class counts differ")
        for i in columnRuns.indices { columnRuns[i].merge(other.columnRuns[i]) }
        lossRuns.merge(other.lossRuns)
        for i in rankCounts.indices { rankCounts[i] &+= other.rankCounts[i] }
        rowsAboveOne &+= other.rowsAboveOne
        unnormalisedRows &+= other.unnormalisedRows
        largestSumDeviation = Swift.max(largestSumDeviation, other.largestSumDeviation)
    }

    /// Rows of true class `truth` (with or without a prediction).
    public func count(truth: Int) -> Int64 {
        let k = classCount
        var total: Int64 = 0
        for r in 0...k { total &+= rankCounts[truth * (k + 1) + r] }
        return total
    }

    /// Rows counted.
    public var count: Int64 { rankCounts.reduce(0, &+) }

    /// Rows of true class `truth` whose true class ranks `rank` (0 = top; `classCount` = no prediction).
    public func rowCount(truth: Int, rank: Int) -> Int64 { rankCounts[truth * (classCount + 1) + rank] }

    /// Rows without a prediction.
    public var missingCount: Int64 {
        (0..<classCount).reduce(0) { $0 &+ rankCounts[$1 * (classCount + 1) + classCount] }
    }
}
