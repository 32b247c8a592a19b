/// Poisson bootstrap replicates of score runs, for the intervals of the rank metrics
/// (`roc_auc`, `average_precision`; docs/metrics.md, "Intervals").
extension ScoreRuns {
    /// A Poisson bootstrap replicate: each row gets an independent Poisson(1) weight, so a run's
    /// p positives and q negatives become independent Poisson(p) and Poisson(q) draws (in that
    /// order, runs ascending; a count of 0 draws nothing). Runs left with no row are dropped, so
    /// the result is canonical (compacted, every run non-empty) and its sweeps, AUC and AP are
    /// those of the weighted rows. The number of rows varies between replicates, as the Poisson
    /// bootstrap's does; for large n its replicates match the multinomial bootstrap's to O(1/n).
    /// Pending scores are compacted (in a copy) first.
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
        for i in runKeys.indices {
            let p = Sampling.poisson(count: runPositives[i], using: &generator)
            let q = Sampling.poisson(count: runNegatives[i], using: &generator)
            if p | q != 0 {
                keys.append(runKeys[i])
                positives.append(p)
                negatives.append(q)
            }
        }
        var result = ScoreRuns(pendingLimit: pendingLimit)
        result.runKeys = keys
        result.runPositives = positives
        result.runNegatives = negatives
        return result
    }
}
