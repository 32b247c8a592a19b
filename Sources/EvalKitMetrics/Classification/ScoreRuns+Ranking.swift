/// Rank metrics of a binary score set, computed from the runs alone.
extension ScoreRuns {
    /// Area under the ROC curve; nil when there are no positives or no negatives.
    ///
    /// Definition: `AUC = Σ_runs neg_i · (pos_above_i + pos_i / 2) / (P · N)`, i.e. the
    /// probability that a random positive scores above a random negative, ties counting one half.
    /// This is exactly the trapezoidal area under scikit-learn's `roc_curve` (one point per
    /// distinct score), so it agrees with scikit-learn 1.9.1 `roc_auc_score` on binary data.
    /// - Complexity: O(r) for r distinct scores (plus a compaction of pending scores).
    public func rocAUC() -> Double? {
        withCompactedRuns { keys, positivesByRun, negativesByRun in
            let positives = positivesByRun.reduce(0, &+)
            let negatives = negativesByRun.reduce(0, &+)
            if positives == 0 || negatives == 0 { return nil }
            var above: Int64 = 0
            var area = 0.0
            var i = keys.count - 1
            while i >= 0 {
                let p = positivesByRun[i]
                let n = negativesByRun[i]
                if n != 0 { area += Double(n) * (Double(above) + 0.5 * Double(p)) }
                above &+= p
                i -= 1
            }
            return area / (Double(positives) * Double(negatives))
        }
    }

    /// Average precision (non-interpolated); nil when there are no positives.
    ///
    /// Definition: `AP = Σ_n (R_n − R_{n−1}) · P_n` over the distinct scores in descending order,
    /// with `P_n`, `R_n` the precision and recall when predicting positive at score ≥ the n-th
    /// threshold; tied scores form one threshold. Agrees with scikit-learn 1.9.1
    /// `average_precision_score` (binary), which returns 0 with a warning when there are no
    /// positives; evalkit reports that case as undefined instead.
    /// - Complexity: O(r).
    public func averagePrecision() -> Double? {
        withCompactedRuns { keys, positivesByRun, negativesByRun in
            let positives = positivesByRun.reduce(0, &+)
            if positives == 0 { return nil }
            let total = Double(positives)
            var tp: Int64 = 0
            var fp: Int64 = 0
            var sum = 0.0
            var i = keys.count - 1
            while i >= 0 {
                let p = positivesByRun[i]
                tp &+= p
                fp &+= negativesByRun[i]
                if p != 0 { sum += (Double(p) / total) * (Double(tp) / Double(tp &+ fp)) }
                i -= 1
            }
            return max(0, sum)
        }
    }

    /// Calls `body` for every distinct score in descending order with the counts of positives
    /// (`tp`) and negatives (`fp`) scoring at or above it: the confusion counts when predicting
    /// positive for `score >= threshold`. Returning false stops the sweep.
    public func sweepDescending(_ body: (_ threshold: Double, _ tp: Int64, _ fp: Int64) -> Bool) {
        withCompactedRuns { keys, positivesByRun, negativesByRun in
            var tp: Int64 = 0
            var fp: Int64 = 0
            var i = keys.count - 1
            while i >= 0 {
                tp &+= positivesByRun[i]
                fp &+= negativesByRun[i]
                if !body(OrderedKey.decode(keys[i]), tp, fp) { return }
                i -= 1
            }
        }
    }
}
