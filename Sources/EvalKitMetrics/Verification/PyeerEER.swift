extension ComparisonScores {
    /// pyeer 0.5.6's EER (`eer_stats.calculate_roc` then `get_eer_values`, similarity scores),
    /// ported.
    ///
    /// Thresholds t are the distinct scores (both sides) ascending; FMR(t) = impostors ≥ t / N and
    /// FNMR(t) = genuine < t / P, the same decision rule as bob's `farfrr`, but no threshold lies
    /// between scores or above the highest one. Let t₂ be the first threshold with
    /// FMR − FNMR ≤ 0 and t₁ the one before it (t₁ = t₂ when FMR = FNMR there or t₂ is the first).
    /// If FMR + FNMR at t₁ ≤ that at t₂, the EER is (FNMR + FMR)/2 at t₁ with
    /// `low` = FNMR(t₁), `high` = FMR(t₁); otherwise at t₂ with `low` = FMR(t₂),
    /// `high` = FNMR(t₂). When FMR − FNMR > 0 at every threshold (no crossing: e.g. all scores
    /// tied), pyeer returns rate = low = high = 1 at the first (lowest) threshold; `fmr`/`fnmr`
    /// then hold the actual rates there.
    ///
    /// Bounded impostors: FMR − FNMR is non-increasing in t (also after rounding), so when it is
    /// > 0 at the lowest held score H ≥ the bound, t₂ and t₁ are above H and the answer is exact;
    /// otherwise (the crossing may lie below the bound) throws `.needsUnheldImpostors`.
    ///
    /// Throws `.noGenuine` / `.noImpostors` for an empty side (pyeer divides by zero).
    /// - Complexity: O(distinct scores from the bound up).
    func pyeerEER() throws(VerificationUndefined) -> EqualErrorRate {
        let P = genuineTotal, N = impostorTotal
        if P == 0 { throw .noGenuine }
        if N == 0 { throw .noImpostors }
        let pos = genuineRuns, neg = impostorRuns
        // Start: the lowest threshold (complete) or the lowest held score ≥ the bound.
        var pi = holdsAllImpostors ? 0 : VerificationRuns.firstIndex(in: pos.values) { $0 >= impostorBound }
        var ni = 0
        var genuineBelow = pos.cumulative[pi]  // genuine < current threshold
        var impostorsAtOrAbove = neg.total      // impostors ≥ current threshold (all held are ≥ it)
        func rates() -> (fmr: Double, fnmr: Double) { (Double(impostorsAtOrAbove) / Double(N), Double(genuineBelow) / Double(P)) }
        var previous: (threshold: Double, fmr: Double, fnmr: Double)?
        var first: (threshold: Double, fmr: Double, fnmr: Double)?
        while pi < pos.count || ni < neg.count {
            let t: Double
            if pi < pos.count && ni < neg.count {
                t = pos.values[pi] < neg.values[ni] ? pos.values[pi] : neg.values[ni]
            } else {
                t = pi < pos.count ? pos.values[pi] : neg.values[ni]
            }
            let (fmr, fnmr) = rates()
            if first == nil {
                first = (t, fmr, fnmr)
                if !holdsAllImpostors && !(fmr - fnmr > 0) {
                    throw .needsUnheldImpostors("FMR − FNMR at the lowest held score \(t) is \(fmr - fnmr) ≤ 0: the crossing may lie below the bound")
                }
            }
            if fmr - fnmr <= 0 {
                let (t1, fmr1, fnmr1) = (fmr - fnmr != 0 ? previous : nil) ?? (t, fmr, fnmr)
                if fmr1 + fnmr1 <= fmr + fnmr {
                    return EqualErrorRate(definition: .pyeer, threshold: t1, fmr: fmr1, fnmr: fnmr1, rate: (fnmr1 + fmr1) / 2,
                                          low: fnmr1, high: fmr1)
                }
                return EqualErrorRate(definition: .pyeer, threshold: t, fmr: fmr, fnmr: fnmr, rate: (fnmr + fmr) / 2,
                                      low: fmr, high: fnmr)
            }
            previous = (t, fmr, fnmr)
            if ni < neg.count && neg.values[ni] == t { impostorsAtOrAbove -= neg.weights[ni]; ni += 1 }
            if pi < pos.count && pos.values[pi] == t { genuineBelow += pos.weights[pi]; pi += 1 }
        }
        // No crossing: pyeer's (0, 1, 1, 1) at the lowest threshold.
        guard holdsAllImpostors, let first else {
            throw .needsUnheldImpostors("no crossing above the bound; pyeer's answer is at the lowest score")
        }
        return EqualErrorRate(definition: .pyeer, threshold: first.threshold, fmr: first.fmr, fnmr: first.fnmr, rate: 1,
                              low: 1, high: 1)
    }
}
