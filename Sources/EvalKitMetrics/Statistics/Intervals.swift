/// Confidence intervals: the percentile bootstrap over replicate values, and Wilson's score
/// interval for a proportion of counts. docs/metrics.md ("Intervals") defines both.
public enum Intervals {
    /// An interval is reported only when at most this fraction of the replicates is undefined.
    public static let maxUndefinedFraction = 0.5

    // MARK: Percentile bootstrap

    /// The percentiles (in percent) of the replicate distribution that bound a `level` interval:
    /// `((100 − 100·level) / 2, (100 + 100·level) / 2)`, written so that level 0.95 gives exactly
    /// 2.5 and 97.5 (and 0.9 gives 5 and 95), the numbers a user passes to `np.percentile`.
    public static func percentiles(level: Double) -> (lower: Double, upper: Double) {
        precondition(level > 0 && level < 1, "Intervals: level must be in (0, 1), got \(level)")
        let percent = 100 * level
        return ((100 - percent) / 2, (100 + percent) / 2)
    }

    /// The q-quantile (0 ≤ q ≤ 1) of ascending, NaN-free `sorted` values by numpy's default
    /// rule (`method="linear"`, Hyndman & Fan type 7), computed as numpy 2.x does: virtual index
    /// h = (n − 1)·q, j = ⌊h⌋, γ = h − j; the value is `x[j] + (x[j+1] − x[j])·γ` when γ < ½
    /// and `x[j+1] − (x[j+1] − x[j])·(1 − γ)` otherwise; h ≥ n − 1 gives the largest value.
    /// Equals `np.quantile(x, q)` bit for bit (Tests/Fixtures/statistics).
    public static func quantile(sorted: [Double], _ q: Double) -> Double {
        precondition(!sorted.isEmpty, "Intervals.quantile: no values")
        precondition(q >= 0 && q <= 1, "Intervals.quantile: q must be in [0, 1], got \(q)")
        let n = sorted.count
        let virtualIndex = Double(n - 1) * q
        if virtualIndex >= Double(n - 1) { return sorted[n - 1] }
        let below = virtualIndex.rounded(.down)
        let gamma = virtualIndex - below
        let j = Int(below)
        let a = sorted[j]
        let b = sorted[j + 1]
        let difference = b - a
        return gamma >= 0.5 ? b - difference * (1 - gamma) : a + difference * gamma
    }

    /// The percentile bootstrap interval of `values` (one metric value per replicate) at
    /// confidence `level`: `np.nanpercentile(values, percentiles(level:))` with the linear rule.
    /// Undefined (NaN) replicates are left out; nil when none is defined or more than
    /// `maxUndefinedFraction` of them are undefined (`bootstrapInterval` also reports the count).
    /// - Complexity: O(R log R) for R replicates (one sort).
    public static func percentileInterval(_ values: [Double], level: Double) -> (lower: Double, upper: Double)? {
        bootstrapInterval(values, level: level).bounds
    }

    /// `percentileInterval` with the replicate counts a report needs.
    public static func bootstrapInterval(_ values: [Double], level: Double) -> BootstrapInterval {
        let (lowerPercent, upperPercent) = percentiles(level: level)
        let defined = values.filter { !$0.isNaN }.sorted()
        let undefined = values.count - defined.count
        var result = BootstrapInterval(bounds: nil, replicates: values.count, undefinedReplicates: undefined)
        if defined.isEmpty || Double(undefined) > maxUndefinedFraction * Double(values.count) { return result }
        result.bounds = (quantile(sorted: defined, lowerPercent / 100), quantile(sorted: defined, upperPercent / 100))
        return result
    }

    // MARK: Wilson score interval

    /// Wilson's score interval for a binomial proportion `successes / trials` at confidence
    /// `level` (E. B. Wilson, JASA 22 (1927) 209–212), as statsmodels 0.15
    /// `proportion_confint(successes, trials, alpha=1 − level, method="wilson")` computes it:
    /// z = −Φ⁻¹((1 − level)/2), p̂ = s/n, centre (p̂ + z²/2n)/(1 + z²/n), half-width
    /// z·√(p̂(1 − p̂)/n + z²/4n²)/(1 + z²/n), both ends clipped to [0, 1]. Agrees with statsmodels
    /// within 4e-16 (Tests/Fixtures/statistics). nil when `trials` is 0.
    /// - Complexity: O(1).
    public static func wilson(successes: Int64, trials: Int64, level: Double) -> (lower: Double, upper: Double)? {
        precondition(level > 0 && level < 1, "Intervals: level must be in (0, 1), got \(level)")
        precondition(
            successes >= 0 && successes <= trials,
            "Intervals.wilson: successes \(successes) outside 0...\(trials)")
        if trials == 0 { return nil }
        let z = -NormalDistribution.quantile((1 - level) / 2)
        let z2 = z * z
        let n = Double(trials)
        let p = Double(successes) / n
        let denominator = 1 + z2 / n
        let centre = (p + z2 / (2 * n)) / denominator
        let halfWidth = z * (p * (1 - p) / n + z2 / (4 * (n * n))).squareRoot() / denominator
        return (Swift.min(1, Swift.max(0, centre - halfWidth)), Swift.min(1, Swift.max(0, centre + halfWidth)))
    }
}

/// A percentile bootstrap interval with its replicate counts.
public struct BootstrapInterval: Sendable, Equatable {
    /// The interval; nil when no replicate was defined or more than
    /// `Intervals.maxUndefinedFraction` of them were undefined (NaN).
    public var bounds: (lower: Double, upper: Double)?
    /// Replicates drawn.
    public var replicates: Int
    /// Replicates whose value was undefined (NaN), left out of the percentiles.
    public var undefinedReplicates: Int

    public init(bounds: (lower: Double, upper: Double)?, replicates: Int, undefinedReplicates: Int) {
        self.bounds = bounds
        self.replicates = replicates
        self.undefinedReplicates = undefinedReplicates
    }

    public static func == (a: BootstrapInterval, b: BootstrapInterval) -> Bool {
        a.bounds?.lower == b.bounds?.lower && a.bounds?.upper == b.bounds?.upper
            && (a.bounds == nil) == (b.bounds == nil)
            && a.replicates == b.replicates && a.undefinedReplicates == b.undefinedReplicates
    }
}
