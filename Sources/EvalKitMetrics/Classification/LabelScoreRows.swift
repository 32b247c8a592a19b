/// The rows behind a multilabel task's scores: each row's weight, its truth for every target and,
/// per target, the rows sorted by score. `MultilabelState` keeps it beside the per-target
/// `ScoreRuns` so that a bootstrap replicate can give a row one weight in every target
/// (`MultilabelState.poissonResampledScores`): the runs alone cannot, since they forget which
/// row a score came from.
/// - Complexity: `add` O(L); compaction O(n) per target (radix sort); memory 13 bytes per (row,
///   target) plus 8 per row.
public struct LabelScoreRows: Sendable {
    /// Number of targets L.
    public let targetCount: Int
    @usableFromInline internal var rowWeight: [Int64] = []
    /// `truth[j][r]`: row r's truth (0/1) for target j.
    @usableFromInline internal var truth: [[UInt8]]
    /// Sorted part, per target: ascending `OrderedKey`s and their rows.
    @usableFromInline internal var columnKeys: [[UInt64]]
    @usableFromInline internal var columnRows: [[Int32]]
    /// Keys of rows `sortedRows...`, unsorted, per target.
    @usableFromInline internal var pendingKeys: [[UInt64]]
    @usableFromInline internal var sortedRows = 0

    public init(targetCount: Int) {
        self.targetCount = targetCount
        truth = Array(repeating: [], count: targetCount)
        columnKeys = Array(repeating: [], count: targetCount)
        columnRows = Array(repeating: [], count: targetCount)
        pendingKeys = Array(repeating: [], count: targetCount)
    }

    /// Number of rows kept.
    public var rowCount: Int { rowWeight.count }

    /// Adds a row: `truthValues[j]` ∈ {0, 1} and `scores[j]` (not NaN) for every target j.
    public mutating func add(truth truthValues: UnsafeBufferPointer<Int32>, scores: UnsafeBufferPointer<Double>) {
        precondition(truthValues.count == targetCount && scores.count == targetCount, "LabelScoreRows: row size")
        for j in 0..<targetCount {
            truth[j].append(UInt8(truthValues[j]))
            pendingKeys[j].append(OrderedKey.encode(scores[j]))
        }
        rowWeight.append(1)
    }

    /// Sorts the pending rows into the targets' columns.
    public mutating func compact() {
        let n = rowWeight.count
        guard sortedRows < n else { return }
        let newRows = (sortedRows..<n).map { Int32($0) }
        for j in 0..<targetCount {
            var keys = pendingKeys[j]
            var rows = newRows
            RadixSort.sort(&keys, payload: &rows)
            (columnKeys[j], columnRows[j]) = ClassProbabilityState.mergeSorted((columnKeys[j], columnRows[j]), (keys, rows))
            pendingKeys[j] = []
        }
        sortedRows = n
    }

    /// Appends `other`'s rows and merges its sorted columns.
    public mutating func merge(_ other: LabelScoreRows) {
        precondition(other.targetCount == targetCount, "LabelScoreRows: target counts differ")
        var other = other
        other.compact()
        compact()
        let offset = Int32(rowWeight.count)
        rowWeight += other.rowWeight
        for j in 0..<targetCount {
            truth[j] += other.truth[j]
            (columnKeys[j], columnRows[j]) = ClassProbabilityState.mergeSorted(
                (columnKeys[j], columnRows[j]), (other.columnKeys[j], other.columnRows[j].map { $0 + offset }))
        }
        sortedRows = rowWeight.count
    }

    /// One Poisson(w) draw per row of weight w, in row order.
    public func poissonWeights<G: RandomNumberGenerator>(using generator: inout G) -> [Int64] {
        rowWeight.map { Sampling.poisson(count: $0, using: &generator) }
    }

    /// Each target's scores as runs under the row weights `weights` (equal scores summed,
    /// positives = rows whose truth is 1); runs without weight are dropped. With the rows' own
    /// weights these are the runs the state was built from.
    /// - Complexity: O(n · L).
    public func weightedRuns(_ weights: [Int64]) -> [ScoreRuns] {
        precondition(weights.count == rowWeight.count, "LabelScoreRows: one weight per row")
        var copy = self
        copy.compact()
        return (0..<targetCount).map { j in
            let keys = copy.columnKeys[j]
            let rows = copy.columnRows[j]
            let truth = copy.truth[j]
            var runKeys: [UInt64] = []
            var positives: [Int64] = []
            var negatives: [Int64] = []
            var i = 0
            while i < keys.count {
                let key = keys[i]
                var p: Int64 = 0
                var q: Int64 = 0
                while i < keys.count && keys[i] == key {
                    let r = Int(rows[i])
                    if truth[r] == 1 { p &+= weights[r] } else { q &+= weights[r] }
                    i += 1
                }
                if p | q != 0 {
                    runKeys.append(key)
                    positives.append(p)
                    negatives.append(q)
                }
            }
            var runs = ScoreRuns()
            runs.runKeys = runKeys
            runs.runPositives = positives
            runs.runNegatives = negatives
            return runs
        }
    }
}
