extension ComparisonScores {
    /// bob.measure `far_threshold(negatives, positives, target)`: a threshold whose real FMR is
    /// at most `target`, as low as the impostor scores allow.
    ///
    /// Definition (bob's walk, ported): a target ≥ 1 − ε returns the double just below the
    /// lowest impostor. Otherwise, going down the distinct impostor scores v from the highest,
    /// the answer is the lowest v with FMR(v) = weight(impostors ≥ v) / total ≤ target, reached
    /// without crossing a v whose FMR exceeds the target; when even the highest one exceeds it,
    /// the double just above the highest impostor (FMR 0). Ties are never split: a group of equal
    /// scores is accepted or rejected whole, so the real FMR may be well below the target.
    ///
    /// Bounded impostors: the walk runs over the held scores; when it would continue past the
    /// lowest held one, the next (unheld) group has weight ≥ 1, so the answer is still known if
    /// (held + 1) / total > target, and otherwise throws `.needsUnheldImpostors`.
    ///
    /// Throws `.invalidParameter` for a target outside [0, 1], `.tooFewImpostors` below 2.
    /// - Complexity: O(distinct impostor scores above the answer).
    public func thresholdAtFMR(_ target: Double) throws(VerificationUndefined) -> Double {
        guard target >= 0 && target <= 1 else { throw .invalidParameter("FMR target \(target) is outside [0, 1]") }
        guard impostorTotal >= 2 else { throw .tooFewImpostors(impostorTotal) }
        return try Self.descendingRateThreshold(impostorRuns, total: impostorTotal, complete: holdsAllImpostors,
                                                target: target, what: "the threshold at FMR \(target)")
    }

    /// bob.measure `frr_threshold(negatives, positives, target)`: a threshold whose FNMR is at
    /// most `target`, as high as the genuine scores allow. Impostors play no part.
    ///
    /// Definition (bob's walk, ported): a target ≥ 1 − ε returns the double just above the highest
    /// genuine score. Otherwise, going up the distinct genuine scores v, the answer is the highest
    /// v reached while (index of v's last copy) / total ≤ target, starting from the double just
    /// above the lowest genuine score. bob measures a group of equal scores by the index of its
    /// last copy, i.e. by (weight below v + copies of v − 1) / total, not by FNMR(v) = weight
    /// below v / total: with ties the answer is lower than FNMR alone would allow (kept).
    ///
    /// Throws `.invalidParameter` for a target outside [0, 1], `.tooFewGenuine` below 2.
    /// - Complexity: O(distinct genuine scores below the answer).
    public func thresholdAtFNMR(_ target: Double) throws(VerificationUndefined) -> Double {
        guard target >= 0 && target <= 1 else { throw .invalidParameter("FNMR target \(target) is outside [0, 1]") }
        let total = genuineTotal
        guard total >= 2 else { throw .tooFewGenuine(total) }
        let runs = genuineRuns
        if target >= 1 - Double.ulpOfOne { return numpyNextAfter(runs.values[runs.count - 1], runs.values[runs.count - 1] + 1) }
        var valid = numpyNextAfter(runs.values[0], runs.values[0] + 1)
        for i in 0..<runs.count {
            let lastIndex = runs.cumulative[i + 1] - 1
            if Double(lastIndex) / Double(total) > target { break }
            valid = runs.values[i]
        }
        return valid
    }

    /// The `far_threshold` walk over `runs` (held, ascending), shared with the FPIR threshold of
    /// identification. `complete`: every score is in `runs`; else the unheld ones lie below them.
    static func descendingRateThreshold(_ runs: VerificationRuns, total: Int64, complete: Bool, target: Double,
                                        what: String) throws(VerificationUndefined) -> Double {
        if target >= 1 - Double.ulpOfOne {
            guard complete, let lowest = runs.values.first else {
                throw .needsUnheldImpostors("\(what) lies just below the lowest impostor score")
            }
            return numpyNextAfter(lowest, lowest - 1)
        }
        guard let highest = runs.values.last else {
            throw .needsUnheldImpostors("\(what) lies just above the highest impostor score, which is not held")
        }
        var valid = numpyNextAfter(highest, highest + 1)
        var accepted: Int64 = 0
        for i in stride(from: runs.count - 1, through: 0, by: -1) {
            accepted += runs.weights[i]
            if Double(accepted) / Double(total) > target { return valid }
            valid = runs.values[i]
        }
        if complete || Double(accepted + 1) / Double(total) > target { return valid }
        throw .needsUnheldImpostors("\(what) lies below the bound (the held impostors reach only FMR \(Double(accepted) / Double(total)))")
    }
}
