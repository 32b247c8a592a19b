/// One column's threshold sweep: the class against all others (one-vs-rest).
extension ClassProbabilityState {
    /// Calls `body` for every distinct score of `column`, descending, with `tp` (weighted rows of
    /// class `column`) and `fp` (weighted rows of the other classes) scoring at or above it:
    /// scikit-learn's `confusion_matrix_at_thresholds(y_true == column, scores[:, column])`. Scores
    /// held only by rows of weight 0 (a bootstrap replicate's) are no threshold. The state must be
    /// compacted (`compacted()`).
    /// - Complexity: O(n) for n rows.
    public func sweepDescending(column: Int, _ body: (_ tp: Int64, _ fp: Int64) -> Void) {
        precondition(sortedRows == rowTruth.count, "ClassProbabilityState: sweep of a state with pending rows")
        let keys = columnKeys[column], rows = columnRows[column]
        let own = Int32(column)
        var tp: Int64 = 0
        var fp: Int64 = 0
        var i = keys.count - 1
        while i >= 0 {
            let key = keys[i]
            var weight: Int64 = 0
            while i >= 0 && keys[i] == key {
                let r = Int(rows[i])
                let w = rowWeight[r]
                if rowTruth[r] == own { tp &+= w } else { fp &+= w }
                weight &+= w
                i -= 1
            }
            if weight != 0 { body(tp, fp) }
        }
    }
}
