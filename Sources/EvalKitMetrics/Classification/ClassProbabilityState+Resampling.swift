/// Poisson bootstrap replicates of a `ClassProbabilityState`, for the intervals of the
/// probability metrics (docs/metrics.md, "Intervals").
///
/// Each row gets an independent Poisson(1) weight (Poisson(w) for a row already weighted w),
/// the same in every column, in its rank and in its log-loss term: one replicate is the Poisson
/// bootstrap of the rows for every metric at once. The sorted columns are shared with the
/// original (copy on write); only the weights are new.
extension ClassProbabilityState {
    /// A Poisson bootstrap replicate; draws one weight per row in row order.
    /// - Complexity: O(n) expected for n rows (plus a compaction if rows are pending).
    public func poissonResampled<G: RandomNumberGenerator>(using generator: inout G) -> ClassProbabilityState {
        var result = compacted()
        for r in result.rowWeight.indices {
            result.rowWeight[r] = Sampling.poisson(count: rowWeight[r], using: &generator)
        }
        return result
    }
}
