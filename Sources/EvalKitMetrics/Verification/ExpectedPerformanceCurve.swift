/// One point of an expected performance curve.
public struct EPCPoint: Sendable, Equatable {
    /// The cost α (bob's row 0).
    public var cost: Double
    /// (FMR + FNMR) / 2 on the evaluation scores at `threshold` (bob's row 1).
    public var halfTotalErrorRate: Double
    /// `minWeightedErrorThreshold(cost:)` on the development scores (bob's row 2).
    public var threshold: Double
}

extension ComparisonScores {
    /// bob.measure `epc(dev_negatives, dev_positives, test_negatives, test_positives, count)`:
    /// for `count` costs α = `numpy.linspace(0, 1, count)` (α_i = i · (1 / (count − 1)), the
    /// last exactly 1), the threshold minimising α·FMR + (1 − α)·FNMR on `development`, and the
    /// HTER (FMR + FNMR) / 2 of `evaluation` there (Bengio, Mariéthoz, Keller, "The expected
    /// performance curve", ICML 2005 workshop).
    ///
    /// Bounded impostors: a cost whose development threshold or evaluation rates need unheld
    /// impostors gives nil. Throws what `minWeightedErrorThreshold(cost:)` and `errorRates`
    /// throw for reasons other than the bound, and `.invalidParameter` for count < 1.
    public static func expectedPerformanceCurve(development: ComparisonScores, evaluation: ComparisonScores,
                                                count: Int) throws(VerificationUndefined) -> [EPCPoint?] {
        guard count >= 1 else { throw .invalidParameter("count \(count) must be at least 1") }
        let step = count > 1 ? 1.0 / Double(count - 1) : 0
        var out: [EPCPoint?] = []
        for i in 0..<count {
            let cost = i == count - 1 && count > 1 ? 1.0 : Double(i) * step + 0.0
            do throws(VerificationUndefined) {
                let threshold = try development.minWeightedErrorThreshold(cost: cost)
                let rates = try evaluation.errorRates(atThreshold: threshold)
                out.append(EPCPoint(cost: cost, halfTotalErrorRate: (rates.fmr + rates.fnmr) / 2, threshold: threshold))
            } catch .needsUnheldImpostors {
                out.append(nil)
            }
        }
        return out
    }
}
