extension ComparisonScores {
    /// False match rate at threshold t: the weight of impostors with score ≥ t over
    /// `impostorTotal` (ISO/IEC 19795-1 FMR; bob.measure `farfrr`'s FAR: "negatives that fall on
    /// the threshold (exactly) are considered incorrectly classified").
    ///
    /// Throws `.needsUnheldImpostors` when t < `impostorBound` and some impostors are unheld,
    /// `.noImpostors` without impostors, `.invalidParameter` for a NaN t (bob prints an error
    /// and returns 1.0).
    /// - Complexity: O(log n).
    public func fmr(atThreshold t: Double) throws(VerificationUndefined) -> Double {
        if t.isNaN { throw .invalidParameter("the threshold is NaN") }
        if impostorTotal == 0 { throw .noImpostors }
        guard let accepted = impostors(atOrAbove: t) else {
            throw .needsUnheldImpostors("FMR at threshold \(t), below the bound \(impostorBound)")
        }
        return Double(accepted) / Double(impostorTotal)
    }

    /// False non-match rate at threshold t: the weight of genuine scores < t over the genuine
    /// total (ISO/IEC 19795-1 FNMR; bob.measure `farfrr`'s FRR: a positive exactly on the
    /// threshold is accepted).
    ///
    /// Throws `.noGenuine` without genuine scores, `.invalidParameter` for a NaN t.
    /// - Complexity: O(log n).
    public func fnmr(atThreshold t: Double) throws(VerificationUndefined) -> Double {
        if t.isNaN { throw .invalidParameter("the threshold is NaN") }
        if genuineTotal == 0 { throw .noGenuine }
        return Double(genuineRuns.weight(below: t)) / Double(genuineTotal)
    }

    /// bob.measure `farfrr(negatives, positives, t)`: FMR and FNMR at t as one point.
    /// Throws what `fmr(atThreshold:)` and `fnmr(atThreshold:)` throw.
    public func errorRates(atThreshold t: Double) throws(VerificationUndefined) -> ErrorRatePoint {
        let fnmr = try fnmr(atThreshold: t)
        return ErrorRatePoint(threshold: t, fmr: try fmr(atThreshold: t), fnmr: fnmr)
    }

    /// bob.measure `precision_recall(negatives, positives, t)`: precision = TP / (TP + FP) (0
    /// when nothing is accepted: bob divides by max(TP + FP, 1)), recall = TP / genuine total,
    /// where TP is the genuine weight ≥ t and FP the impostor weight ≥ t.
    ///
    /// Throws `.noGenuine`, `.noImpostors`, or `.needsUnheldImpostors` when t is below the bound.
    public func precisionRecall(atThreshold t: Double) throws(VerificationUndefined) -> (precision: Double, recall: Double) {
        if t.isNaN { throw .invalidParameter("the threshold is NaN") }
        if genuineTotal == 0 { throw .noGenuine }
        if impostorTotal == 0 { throw .noImpostors }
        guard let falseAccepts = impostors(atOrAbove: t) else {
            throw .needsUnheldImpostors("precision at threshold \(t), below the bound \(impostorBound)")
        }
        let trueAccepts = genuineTotal - genuineRuns.weight(below: t)
        let accepted = max(trueAccepts + falseAccepts, 1)
        return (Double(trueAccepts) / Double(accepted), Double(trueAccepts) / Double(genuineTotal))
    }

    /// bob.measure `f_score(negatives, positives, t, weight)`: (1 + w²)·P·R / (w²·P + R), 0 when
    /// P = R = 0; a weight ≤ 0 is taken as 1 (as bob does).
    public func fScore(atThreshold t: Double, weight: Double = 1) throws(VerificationUndefined) -> Double {
        let w = weight > 0 ? weight : 1
        let w2 = w * w
        let (p, r) = try precisionRecall(atThreshold: t)
        if p == 0 && r == 0 { return 0 }
        return (1 + w2) * (p * r) / ((w2 * p) + r)
    }
}
