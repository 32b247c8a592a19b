/// Bootstrap replicates of multilabel states (docs/metrics.md, "Intervals", multilabel).
///
/// A row's targets are not independent (one face has glasses and a hat), so rows must be drawn
/// whole. The state counts rows per outcome pattern (every target's truth and prediction), and
/// the per-target confusion counts and the (|T ∩ P|, |T|, |P|) profiles of the `samples`
/// averages are functions of the pattern. Drawing n rows with replacement therefore puts
/// Multinomial(n; counts / n) rows in the patterns, and rebuilding the state from those counts
/// is exactly the row bootstrap of every count metric (subset accuracy, Hamming loss, the
/// macro/micro/weighted/samples averages), jointly over the targets, in O(patterns · L).
/// Several cells (slices) are drawn jointly, as `ClassificationState.resampledCounts` does.
///
/// The score metrics (ROC AUC, AP) use `poissonResampledScores`: one Poisson weight per row, the
/// same in every target, through the rows kept beside the score runs (`LabelScoreRows`).
extension MultilabelState {
    /// Joint multinomial replicates of several disjoint states (n = Σ rows drawn over all their
    /// patterns, patterns visited in ascending order), one state per input; scores dropped. Nil
    /// when a state keeps no patterns (more than `OutcomePattern.maxTargets` targets).
    public static func resampledCounts<G: RandomNumberGenerator>(
        _ states: [MultilabelState], using generator: inout G
    ) -> [MultilabelState]? {
        var total: Int64 = 0
        for state in states {
            guard let patterns = state.patterns else { return nil }
            for (_, count) in patterns { total &+= count }
        }
        var sequence = SequentialMultinomial(n: total, total: total)
        return states.map { state in
            var result = MultilabelState(targetCount: state.targetCount)
            for pattern in state.patterns!.keys.sorted() {
                let drawn = sequence.draw(count: state.patterns![pattern]!, using: &generator)
                if drawn > 0 { result.add(pattern, count: drawn) }
            }
            return result
        }
    }

    /// A multinomial replicate of this state alone (its n rows redrawn); nil without patterns.
    public func resampledCounts<G: RandomNumberGenerator>(using generator: inout G) -> MultilabelState? {
        Self.resampledCounts([self], using: &generator)?[0]
    }

    /// Adds `count` rows of outcome `pattern`: per-target counts, profile, pattern.
    mutating func add(_ pattern: OutcomePattern, count: Int64) {
        var both = 0
        var trueCount = 0
        var predictedCount = 0
        for j in 0..<targetCount {
            let (t, p) = pattern.outcome(j)
            targets[j].add(truth: t, predicted: p, count: count)
            let decided = p < 0 ? 1 - t : p
            trueCount &+= Int(t)
            predictedCount &+= Int(decided)
            both &+= Int(t & decided)
        }
        profiles[Self.profileKey(both, trueCount, predictedCount), default: 0] &+= count
        patterns?[pattern, default: 0] &+= count
        rowCount &+= count
    }

    /// A replicate for the rank metrics: one Poisson(1) weight per row, the same in every target
    /// (`LabelScoreRows`), and each target's score runs rebuilt under those weights. Confusion
    /// counts, profiles and patterns are left empty: only the score metrics of this replicate are
    /// meaningful. Without kept rows (a state built without scores), each target's runs are
    /// drawn separately instead.
    public func poissonResampledScores<G: RandomNumberGenerator>(using generator: inout G) -> MultilabelState {
        var result = MultilabelState(targetCount: targetCount)
        result.patterns = nil
        if let rows = scoreRows {
            let runs = rows.weightedRuns(rows.poissonWeights(using: &generator))
            for j in 0..<targetCount {
                var target = ClassificationState(classCount: 2)
                target.scores = runs[j]
                result.targets[j] = target
            }
            return result
        }
        for j in 0..<targetCount { result.targets[j] = targets[j].resampledWithScores(using: &generator) }
        return result
    }

    /// Sorts the kept score rows once, so that replicates do not.
    public mutating func compactScoreRows() {
        scoreRows?.compact()
    }
}
