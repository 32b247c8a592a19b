/// Which equal error rate: the two tools define it differently (docs/verification-metrics.md has
/// a worked example where they differ).
public enum EERDefinition: String, Sendable, CaseIterable {
    /// bob.measure 6.1 `eer()` (as `bob measure metrics` reports it): the threshold is
    /// `eer_threshold` — the midpoint between adjacent scores where |FMR − FNMR| is smallest, by
    /// bob's walk — and the EER is (FMR + FNMR) / 2 there.
    case bob
    /// pyeer 0.5.6 `get_eer_stats(...).eer`: thresholds are the distinct scores only; at the first
    /// one (ascending) with FMR ≤ FNMR and at the one before it, the EER is (FMR + FNMR) / 2 of
    /// whichever has the smaller FMR + FNMR (the one before on a tie). Reference: Maio et al.,
    /// "FVC2000: Fingerprint verification competition", IEEE TPAMI 24(3), 2002.
    case pyeer
}

/// An equal error rate with the operating point it was read at.
public struct EqualErrorRate: Sendable, Equatable {
    public var definition: EERDefinition
    /// The threshold (bob: `eer_threshold`; pyeer: `eer_th`, one of the scores).
    public var threshold: Double
    /// FMR at the threshold.
    public var fmr: Double
    /// FNMR at the threshold.
    public var fnmr: Double
    /// The EER: (FMR + FNMR) / 2 at the threshold, except pyeer's "no crossing" case (below).
    public var rate: Double
    /// The lower end of the interval [FMR, FNMR]: bob: min(FMR, FNMR); pyeer: its `eer_low`.
    public var low: Double
    /// The upper end: bob: max(FMR, FNMR); pyeer: its `eer_high`.
    public var high: Double
}

extension ComparisonScores {
    /// The equal error rate by `definition` (see `EERDefinition`).
    ///
    /// - `.bob`: threshold = `eerThreshold()` (throws what it throws: `.noGenuine`,
    ///   `.noImpostors`, `.needsUnheldImpostors` when the crossing may lie below the bound), then
    ///   FMR and FNMR there and rate = (FMR + FNMR) / 2 (bob.measure `eer(..., also_farfrr=True)`).
    /// - `.pyeer`: see `pyeerEER()`.
    public func eer(_ definition: EERDefinition = .bob) throws(VerificationUndefined) -> EqualErrorRate {
        switch definition {
        case .bob:
            let threshold = try eerThreshold()
            let point = try errorRates(atThreshold: threshold)
            return EqualErrorRate(definition: .bob, threshold: threshold, fmr: point.fmr, fnmr: point.fnmr,
                                  rate: (point.fmr + point.fnmr) / 2.0, low: min(point.fmr, point.fnmr),
                                  high: max(point.fmr, point.fnmr))
        case .pyeer:
            return try pyeerEER()
        }
    }
}
