import Foundation

/// Sufficient statistics of the multiclass probability metrics (one score column per class):
/// one-vs-rest and one-vs-one ROC AUC, log loss and top-k accuracy (`ClassProbabilityMetrics`,
/// docs/metrics.md, "Multiclass probability metrics").
///
/// Classes are the score columns `0..<K` in scikit-learn's column order (the labels sorted), so
/// a column's index is also its place in scikit-learn's tie-breaking. The state keeps its rows,
/// because a bootstrap replicate must weight a row the same in every column (its K scores are
/// not independent):
/// - per row r: its true class, its weight (1 when read; a bootstrap replicate redraws it), the
///   rank of its true class (0 = highest score; ties ranked as scikit-learn's
///   `top_k_accuracy_score` ranks them: among equal scores the later column first; K = no
///   prediction) and its log-loss term −ln(clip(s_true, ε, 1 − ε)), ε = 2⁻⁵²;
/// - per column c: the rows in ascending order of their score in c (`OrderedKey`s and row
///   indices), and the rows in ascending order of their log-loss term.
///
/// Every metric is computed from the sorted columns, grouping equal keys and summing their
/// weights (integers) before any floating-point arithmetic, so the metrics do not depend on the
/// order in which rows were added or states merged: slices and shards merge to bit-identical
/// values.
/// - Complexity: `add` O(K) amortised plus an O(n log n) sort per column when compacting;
///   `merge` O(n·K) (a linear merge of sorted columns); memory 12 bytes per (row, column) plus
///   about 28 bytes per row.
public struct ClassProbabilityState: MergeableState {
    /// Number of classes (score columns) K.
    public let classCount: Int
    /// `rowTruth[r]`: the true class of row r.
    @usableFromInline internal var rowTruth: [Int32] = []
    /// `rowWeight[r]`: how many times row r counts (1 when read).
    @usableFromInline internal var rowWeight: [Int64] = []
    /// `rowRank[r]`: the rank of row r's true class (K = no prediction).
    @usableFromInline internal var rowRank: [Int32] = []
    /// `rowLoss[r]`: row r's log-loss term.
    @usableFromInline internal var rowLoss: [Double] = []
    /// Sorted part: `columnKeys[c][i]` ascending, `columnRows[c][i]` the row with that key.
    @usableFromInline internal var columnKeys: [[UInt64]]
    @usableFromInline internal var columnRows: [[Int32]]
    /// Rows in ascending order of their log-loss term.
    @usableFromInline internal var lossOrder: [Int32] = []
    /// Rows `sortedRows...` have their keys in `pendingKeys[c]` (unsorted, in row order).
    @usableFromInline internal var sortedRows = 0
    @usableFromInline internal var pendingKeys: [[UInt64]]
    /// Rows with a score above 1 (not probabilities: scikit-learn's `log_loss` refuses them).
    public internal(set) var rowsAboveOne: Int64 = 0
    /// Rows whose scores do not sum to 1 (numpy `allclose(1, sum)`: |1 − sum| > 1e-8 + 1e-5·|sum|).
    public internal(set) var unnormalisedRows: Int64 = 0
    /// The largest |1 − sum| of a row (merged by max, so exact).
    public internal(set) var largestSumDeviation: Double = 0

    /// Smallest probability kept by the clipping of log loss: numpy's float64 `finfo.eps`.
    public static let epsilon = Double.ulpOfOne

    /// An empty state for `classCount` score columns (at least 2). `pendingLimit` is accepted for
    /// symmetry with `ScoreRuns` and ignored: pending rows are sorted when the state is read.
    public init(classCount: Int, pendingLimit: Int = 0) {
        precondition(classCount >= 2, "ClassProbabilityState: at least two classes are needed")
        self.classCount = classCount
        columnKeys = Array(repeating: [], count: classCount)
        columnRows = Array(repeating: [], count: classCount)
        pendingKeys = Array(repeating: [], count: classCount)
    }

    /// The log-loss term of a row whose true class has probability `p`.
    @inlinable
    public static func lossTerm(_ p: Double) -> Double {
        -log(Swift.min(Swift.max(p, epsilon), 1 - epsilon))
    }

    /// Number of rows kept (with any weight).
    public var rowCountKept: Int { rowTruth.count }

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
            pendingKeys[c].append(OrderedKey.encode(s))
            if s > own || (s == own && c > truth) { rank += 1 }
            sum += s
            if s > 1 { aboveOne = true }
        }
        appendRow(truth: truth, rank: rank, loss: Self.lossTerm(own))
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
            pendingKeys[c].append(OrderedKey.encode(c == truth ? -.infinity : .infinity))
        }
        appendRow(truth: truth, rank: k, loss: Self.lossTerm(0))
    }

    private mutating func appendRow(truth: Int, rank: Int, loss: Double) {
        rowTruth.append(Int32(truth))
        rowWeight.append(1)
        rowRank.append(Int32(rank))
        rowLoss.append(loss)
    }

    /// Sorts the pending rows into the columns and the loss order.
    public mutating func compact() {
        let n = rowTruth.count
        guard sortedRows < n else { return }
        let first = sortedRows
        let newRows = (first..<n).map { Int32($0) }
        for c in 0..<classCount {
            var keys = pendingKeys[c]
            var rows = newRows
            RadixSort.sort(&keys, payload: &rows)
            (columnKeys[c], columnRows[c]) = Self.mergeSorted((columnKeys[c], columnRows[c]), (keys, rows))
            pendingKeys[c] = []
        }
        // Log-loss terms are >= 0, so their `OrderedKey`s sort them.
        var lossKeys = rowLoss[first...].map(OrderedKey.encode)
        var lossRows = newRows
        RadixSort.sort(&lossKeys, payload: &lossRows)
        let losses = rowLoss
        lossOrder = Self.mergeRows(lossOrder, lossRows) { losses[Int($0)] < losses[Int($1)] }
        sortedRows = n
    }

    /// A copy with no pending rows.
    public func compacted() -> ClassProbabilityState {
        var copy = self
        copy.compact()
        return copy
    }

    /// Adds everything `other` has seen (its rows appended, its sorted columns merged in).
    public mutating func merge(_ other: ClassProbabilityState) {
        precondition(other.classCount == classCount, "ClassProbabilityState: class counts differ")
        let other = other.compacted()
        rowsAboveOne &+= other.rowsAboveOne
        unnormalisedRows &+= other.unnormalisedRows
        largestSumDeviation = Swift.max(largestSumDeviation, other.largestSumDeviation)
        if other.rowTruth.isEmpty { return }
        compact()
        if rowTruth.isEmpty {
            // Shares other's arrays (copy on write): merging cells into an empty state is O(K).
            rowTruth = other.rowTruth
            rowWeight = other.rowWeight
            rowRank = other.rowRank
            rowLoss = other.rowLoss
            columnKeys = other.columnKeys
            columnRows = other.columnRows
            lossOrder = other.lossOrder
            sortedRows = other.sortedRows
            return
        }
        let offset = Int32(rowTruth.count)
        rowTruth += other.rowTruth
        rowWeight += other.rowWeight
        rowRank += other.rowRank
        rowLoss += other.rowLoss
        for c in 0..<classCount {
            (columnKeys[c], columnRows[c]) = Self.mergeSorted(
                (columnKeys[c], columnRows[c]), (other.columnKeys[c], other.columnRows[c].map { $0 + offset }))
        }
        let losses = rowLoss
        lossOrder = Self.mergeRows(lossOrder, other.lossOrder.map { $0 + offset }) { losses[Int($0)] < losses[Int($1)] }
        sortedRows = rowTruth.count
    }

    /// Linear merge of two key-sorted (keys, rows) sequences; on equal keys `a` first.
    static func mergeSorted(_ a: ([UInt64], [Int32]), _ b: ([UInt64], [Int32])) -> ([UInt64], [Int32]) {
        if a.0.isEmpty { return b }
        if b.0.isEmpty { return a }
        var keys: [UInt64] = []
        var rows: [Int32] = []
        keys.reserveCapacity(a.0.count + b.0.count)
        rows.reserveCapacity(a.0.count + b.0.count)
        var i = 0
        var j = 0
        while i < a.0.count && j < b.0.count {
            if b.0[j] < a.0[i] {
                keys.append(b.0[j]); rows.append(b.1[j]); j += 1
            } else {
                keys.append(a.0[i]); rows.append(a.1[i]); i += 1
            }
        }
        keys.append(contentsOf: a.0[i...]); rows.append(contentsOf: a.1[i...])
        keys.append(contentsOf: b.0[j...]); rows.append(contentsOf: b.1[j...])
        return (keys, rows)
    }

    /// Linear merge of two row lists sorted by `less`; on ties `a` first.
    static func mergeRows(_ a: [Int32], _ b: [Int32], _ less: (Int32, Int32) -> Bool) -> [Int32] {
        if a.isEmpty { return b }
        if b.isEmpty { return a }
        var out: [Int32] = []
        out.reserveCapacity(a.count + b.count)
        var i = 0
        var j = 0
        while i < a.count && j < b.count {
            if less(b[j], a[i]) { out.append(b[j]); j += 1 } else { out.append(a[i]); i += 1 }
        }
        out.append(contentsOf: a[i...])
        out.append(contentsOf: b[j...])
        return out
    }

    /// Weighted rows of true class `truth` (with or without a prediction).
    public func count(truth: Int) -> Int64 {
        var total: Int64 = 0
        for r in rowTruth.indices where Int(rowTruth[r]) == truth { total &+= rowWeight[r] }
        return total
    }

    /// Weighted rows per true class.
    public var countsByTruth: [Int64] {
        var counts = [Int64](repeating: 0, count: classCount)
        for r in rowTruth.indices { counts[Int(rowTruth[r])] &+= rowWeight[r] }
        return counts
    }

    /// Weighted rows counted.
    public var count: Int64 { rowWeight.reduce(0, &+) }

    /// Weighted rows of true class `truth` whose true class ranks `rank` (0 = top; `classCount` = no prediction).
    public func rowCount(truth: Int, rank: Int) -> Int64 {
        var total: Int64 = 0
        for r in rowTruth.indices where Int(rowTruth[r]) == truth && Int(rowRank[r]) == rank { total &+= rowWeight[r] }
        return total
    }

    /// Weighted rows without a prediction.
    public var missingCount: Int64 {
        var total: Int64 = 0
        for r in rowRank.indices where Int(rowRank[r]) == classCount { total &+= rowWeight[r] }
        return total
    }
}
