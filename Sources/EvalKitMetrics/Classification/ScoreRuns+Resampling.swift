/// Poisson bootstrap replicates of score runs, for the intervals of the rank metrics
/// (`roc_auc`, `average_precision`; docs/metrics.md, "Intervals").
///
/// Each row gets an independent Poisson(1) weight, so a run's p positives and q negatives become
/// independent Poisson(p) and Poisson(q) draws. The draws are taken from the highest score down,
/// positives before negatives in each run (a count of 0 draws nothing), by both functions below:
/// with the same generator state they see the same replicate.
extension ScoreRuns {
    /// A Poisson bootstrap replicate of the runs. Runs left with no row are dropped, so the result
    /// is canonical (compacted, every run non-empty) and its sweeps, AUC and AP are those of the
    /// weighted rows. The number of rows varies between replicates, as in any Poisson bootstrap;
    /// for large n its replicates match the multinomial bootstrap's to O(1/n). Pending scores are
    /// compacted (in a copy) first.
    /// - Complexity: O(r) expected for r runs; memory O(r) for the replicate.
    @inlinable
    public func poissonResampled<G: RandomNumberGenerator>(using generator: inout G) -> ScoreRuns {
        if pendingCount > 0 { return compacted().poissonResampled(using: &generator) }
        var keys: [UInt64] = []
        var positives: [Int64] = []
        var negatives: [Int64] = []
        keys.reserveCapacity(runKeys.count)
        positives.reserveCapacity(runKeys.count)
        negatives.reserveCapacity(runKeys.count)
        var i = runKeys.count - 1
        while i >= 0 {
            let p = Sampling.poisson(count: runPositives[i], using: &generator)
            let q = Sampling.poisson(count: runNegatives[i], using: &generator)
            if p | q != 0 {
                keys.append(runKeys[i])
                positives.append(p)
                negatives.append(q)
            }
            i -= 1
        }
        keys.reverse()
        positives.reverse()
        negatives.reverse()
        var result = ScoreRuns(pendingLimit: pendingLimit)
        result.runKeys = keys
        result.runPositives = positives
        result.runNegatives = negatives
        return result
    }

    /// ROC AUC and average precision of a Poisson bootstrap replicate, in one descending pass
    /// that allocates nothing: the same replicate as `poissonResampled` (same generator state,
    /// same draws), its `rocAUC()` bit for bit and its `averagePrecision()` up to rounding
    /// (Σ p·precision / P instead of Σ (p/P)·precision: a relative difference ≲ 1e-14).
    /// Either is nil when undefined (AUC: no positive or no negative weight; AP: no positive).
    /// - Complexity: O(r) expected; O(1) memory when no scores are pending.
    @inlinable
    public func poissonRankMetrics<G: RandomNumberGenerator>(
        using generator: inout G
    ) -> (rocAUC: Double?, averagePrecision: Double?) {
        if pendingCount > 0 { return compacted().poissonRankMetrics(using: &generator) }
        var above: Int64 = 0
        var negativesSeen: Int64 = 0
        var area = 0.0
        var precisionSum = 0.0
        var i = runKeys.count - 1
        while i >= 0 {
            let p = Sampling.poisson(count: runPositives[i], using: &generator)
            let q = Sampling.poisson(count: runNegatives[i], using: &generator)
            if q != 0 { area += Double(q) * (Double(above) + 0.5 * Double(p)) }
            above &+= p
            negativesSeen &+= q
            if p != 0 { precisionSum += Double(p) * (Double(above) / Double(above &+ negativesSeen)) }
            i -= 1
        }
        let auc = above == 0 || negativesSeen == 0 ? nil : area / (Double(above) * Double(negativesSeen))
        let ap = above == 0 ? nil : Swift.max(0, precisionSum / Double(above))
        return (auc, ap)
    }
}
