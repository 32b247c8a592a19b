/// One column as binary score runs: the class against all others (one-vs-rest).
extension ClassProbabilityState {
    /// Per distinct score of `column`, ascending (`ScoreRuns`' layout), the weighted rows of class
    /// `column` (positives) and of the other classes (negatives) that have it: the runs of
    /// scikit-learn's `confusion_matrix_at_thresholds(y_true == column, scores[:, column])`. Scores
    /// held only by rows of weight 0 (a bootstrap replicate's) are no run. The state must be
    /// compacted (`compacted()`).
    /// - Complexity: O(n) for n rows.
    public func columnRuns(_ column: Int) -> (positives: [Int64], negatives: [Int64]) {
        precondition(sortedRows == rowTruth.count, "ClassProbabilityState: runs of a state with pending rows")
        let own = Int32(column)
        var positives: [Int64] = [], negatives: [Int64] = []
        columnKeys[column].withUnsafeBufferPointer { keys in
            columnRows[column].withUnsafeBufferPointer { rows in
                var i = 0
                while i < keys.count {
                    let key = keys[i]
                    var p: Int64 = 0, n: Int64 = 0
                    while i < keys.count && keys[i] == key {
                        let r = Int(rows[i])
                        if rowTruth[r] == own { p &+= rowWeight[r] } else { n &+= rowWeight[r] }
                        i += 1
                    }
                    if p != 0 || n != 0 {
                        positives.append(p)
                        negatives.append(n)
                    }
                }
            }
        }
        return (positives, negatives)
    }
}
