/// Bootstrap replicates of a classification state, drawn from its counts alone (docs/design.md §2,
/// "Intervals by the cheapest exact method"; docs/metrics.md, "Intervals").
///
/// Two kinds, for two kinds of metric:
/// - `resampledCounts`: the rows' bootstrap (n rows drawn with replacement) seen through the
///   counts. Drawing n rows from the empirical distribution puts Multinomial(n; c/n) rows in
///   the cells c (confusion cells and rows without a prediction), so this is exactly the
///   row bootstrap of every count metric, in O(cells). Scores are dropped.
/// - `resampledWithScores`: the Poisson bootstrap (each row gets an independent Poisson(1)
///   weight, so a group of c rows gets Poisson(c) and n varies), applied independently to the
///   confusion cells and to each score run's positives and negatives. The cells and the runs
///   partition the same rows differently and the state does not keep their joint counts, so
///   the two are not coupled: each metric's replicate distribution is the Poisson bootstrap's,
///   and disparities of one metric between slices are too (slices are disjoint rows, resampled
///   independently either way), but the joint distribution of a count metric and a rank metric
///   within one replicate is not. Intervals never combine the two, so the engine uses the
///   multinomial replicates for count metrics and these for `roc_auc` and `average_precision`.
extension ClassificationState {
    /// A multinomial bootstrap replicate of the counts: the nonzero confusion cells and K
    /// missing-prediction cells redrawn as Multinomial(n; cells/n) with the same total n.
    /// Cells that are 0 stay 0. The result keeps no scores.
    /// - Complexity: O(K²) (dense) or O(K + m) (sparse, m nonzero cells) expected, whatever n.
    @inlinable
    public func resampledCounts<G: RandomNumberGenerator>(using generator: inout G) -> ClassificationState {
        var sequence = SequentialMultinomial(n: count, total: count)
        return resampledCounts(drawingFrom: &sequence, using: &generator)
    }

    /// Multinomial replicates of several disjoint states drawn jointly: the row bootstrap of
    /// their union (n = Σ counts rows drawn over all their cells), split back into one state
    /// per input. This is the replicate of the slice cells that slices and disparities are
    /// merged from: each slice's size varies from replicate to replicate, as it does when the
    /// rows are resampled. Scores are dropped.
    /// - Complexity: O(Σ K²) expected.
    @inlinable
    public static func resampledCounts<G: RandomNumberGenerator>(
        _ states: [ClassificationState], using generator: inout G
    ) -> [ClassificationState] {
        var total: Int64 = 0
        for state in states { total += state.count }
        var sequence = SequentialMultinomial(n: total, total: total)
        return states.map { $0.resampledCounts(drawingFrom: &sequence, using: &generator) }
    }

    /// The counts of this state drawn as the next categories of `sequence`.
    @inlinable
    internal func resampledCounts<G: RandomNumberGenerator>(
        drawingFrom sequence: inout SequentialMultinomial, using generator: inout G
    ) -> ClassificationState {
        var result = ClassificationState(classCount: classCount)
        // Row-major order in both forms; a zero cell draws nothing, so dense and sparse agree.
        result.cells = cells.mapCounts { sequence.draw(count: $0, using: &generator) }
        for i in missingCells.indices {
            result.missingCells[i] = sequence.draw(count: missingCells[i], using: &generator)
        }
        return result
    }

    /// A Poisson bootstrap replicate: every confusion and missing-prediction cell c becomes an
    /// independent Poisson(c) draw, and so does every score run's positive and negative count
    /// (`ScoreRuns.poissonResampled`); the total n varies. Cells and runs are not coupled (see
    /// the type's documentation): use it for the rank metrics (`roc_auc`, `average_precision`)
    /// and `resampledCounts` for the count metrics. When only AUC and AP are needed,
    /// `scores.poissonRankMetrics(using:)` computes them from the same replicate without
    /// building it.
    /// - Complexity: O(K² + runs) expected.
    @inlinable
    public func resampledWithScores<G: RandomNumberGenerator>(using generator: inout G) -> ClassificationState {
        var result = ClassificationState(classCount: classCount)
        result.cells = cells.mapCounts { Sampling.poisson(count: $0, using: &generator) }
        for i in missingCells.indices {
            result.missingCells[i] = Sampling.poisson(count: missingCells[i], using: &generator)
        }
        result.scores = scores?.poissonResampled(using: &generator)
        return result
    }
}
