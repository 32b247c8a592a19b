/// Poisson bootstrap replicates of a `ClassProbabilityState`, for the intervals of the
/// probability metrics (docs/metrics.md, "Intervals").
///
/// Each row gets an independent Poisson(1) weight, so a group of c rows gets Poisson(c). The state
/// groups rows three ways (column runs, loss runs, rank counts) and keeps no joint counts, so
/// each group is drawn separately: a replicate of one column's one-vs-rest AUC, of log loss and
/// of a top-k accuracy is each an exact Poisson bootstrap, while the columns of one replicate are
/// not coupled (the averages over columns see independent weights per column). Every column
/// keeps its own counts in the replicate, so each column's AUC stays a proper AUC.
extension ClassProbabilityState {
    /// A Poisson bootstrap replicate (see the extension's documentation). Draws in a fixed order:
    /// the column runs in index order, the loss runs, the rank counts.
    /// - Complexity: O(runs + K²) expected.
    public func poissonResampled<G: RandomNumberGenerator>(using generator: inout G) -> ClassProbabilityState {
        var result = self
        for i in columnRuns.indices { result.columnRuns[i] = columnRuns[i].poissonResampled(using: &generator) }
        result.lossRuns = lossRuns.poissonResampled(using: &generator)
        for i in rankCounts.indices { result.rankCounts[i] = Sampling.poisson(count: rankCounts[i], using: &generator) }
        return result
    }
}
