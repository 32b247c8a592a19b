#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Poisson draws (see `Sampling` for what "exact" means and the cost).
extension Sampling {
    /// A Poisson(mean) draw.
    ///
    /// mean < 10: inversion (one uniform, sequential search of the cdf from 0); mean ≥ 10:
    /// PTRS, W. Hörmann, "The transformed rejection method for generating Poisson random
    /// variables", Insurance: Mathematics and Economics 12 (1993) 39–45, as in numpy's
    /// `random_poisson_ptrs`, with the log-pmf of the acceptance test written to avoid
    /// cancellation (`k·log1p((μ − k − 1)/(k + 1)) + …`).
    /// - Complexity: O(1) expected, whatever the mean.
    @inlinable
    public static func poisson<G: RandomNumberGenerator>(mean: Double, using generator: inout G) -> Int64 {
        precondition(mean >= 0 && mean < 0x1p62, "Sampling.poisson: mean must be in [0, 2^62), got \(mean)")
        if mean == 0 { return 0 }
        if mean < 10 { return poissonInversion(mean: mean, atZero: exp(-mean), using: &generator) }
        return poissonPTRS(mean: mean, using: &generator)
    }

    /// A Poisson(count) draw for an integer mean: the weight of `count` rows in a Poisson
    /// bootstrap (each row ~ Poisson(1), independently). The same algorithm and the same draws
    /// as `poisson(mean: Double(count))`, with e^(−count) below 10 from a table of the correctly
    /// rounded values instead of a call to `exp`, and Poisson(1) from a tabulated cdf.
    @inlinable
    public static func poisson<G: RandomNumberGenerator>(count: Int64, using generator: inout G) -> Int64 {
        precondition(count >= 0, "Sampling.poisson: count must be >= 0, got \(count)")
        if count == 0 { return 0 }
        if count == 1 { return poissonOne(using: &generator) }
        if count < 10 {
            return poissonInversion(mean: Double(count), atZero: expNegative(count), using: &generator)
        }
        return poissonPTRS(mean: Double(count), using: &generator)
    }

    @inlinable
    internal static func poissonInversion<G: RandomNumberGenerator>(
        mean: Double, atZero: Double, using generator: inout G
    ) -> Int64 {
        while true {
            let u = uniform(using: &generator)
            if let x = poissonSearch(u, mean: mean, from: 0, probability: atZero, cdf: atZero) { return x }
        }
    }

    /// The inversion's sequential search: the first x ≥ `start` with u < cdf(x), given the pmf
    /// and cdf at `start`. nil past 256, reached only when rounding left the summed cdf below u
    /// (probability ≈ 1e-16): the caller then draws a new u.
    @inlinable
    internal static func poissonSearch(
        _ u: Double, mean: Double, from start: Int64, probability: Double, cdf: Double
    ) -> Int64? {
        var x = start
        var px = probability
        var cdf = cdf
        while u >= cdf {
            x += 1
            if x > 256 { return nil }
            px *= mean / Double(x)
            cdf += px
        }
        return x
    }

    /// Poisson(1), the weight of one row: the same inversion, with the cdf at 0…7 tabulated as
    /// the search sums it (so the draws are identical) and counted without branches.
    @inlinable
    internal static func poissonOne<G: RandomNumberGenerator>(using generator: inout G) -> Int64 {
        let u = uniform(using: &generator)
        if u < 0.9999897508033253 {
            // x = #{k < 7: u >= cdf(k)}, counted on the bit patterns (ordered like the values for
            // non-negative doubles) with borrows rather than compares, which would compile to
            // branches that mispredict on a random u.
            let bits = u.bitPattern
            var below: UInt64 = 0
            below &+= (bits &- (0.36787944117144233 as Double).bitPattern) >> 63
            below &+= (bits &- (0.7357588823428847 as Double).bitPattern) >> 63
            below &+= (bits &- (0.9196986029286058 as Double).bitPattern) >> 63
            below &+= (bits &- (0.9810118431238463 as Double).bitPattern) >> 63
            below &+= (bits &- (0.9963401531726563 as Double).bitPattern) >> 63
            below &+= (bits &- (0.9994058151824183 as Double).bitPattern) >> 63
            below &+= (bits &- (0.999916758850712 as Double).bitPattern) >> 63
            return Int64(7 &- below)
        }
        if let x = poissonSearch(u, mean: 1, from: 7, probability: 7.299195261338141e-05, cdf: 0.9999897508033253) {
            return x
        }
        return poissonInversion(mean: 1, atZero: 0.36787944117144233, using: &generator)
    }

    @inlinable
    internal static func poissonPTRS<G: RandomNumberGenerator>(mean: Double, using generator: inout G) -> Int64 {
        let slam = mean.squareRoot()
        let b = 0.931 + 2.53 * slam
        let a = -0.059 + 0.02483 * b
        let logInvAlpha = log(1.1239 + 1.1328 / (b - 3.4))
        let vr = 0.9277 - 3.6224 / (b - 2)
        while true {
            let u = openUniform(using: &generator) - 0.5
            let v = openUniform(using: &generator)
            let us = 0.5 - Swift.abs(u)
            let k = ((2 * a / us + b) * u + mean + 0.43).rounded(.down)
            if !(k >= 0 && k < 0x1p62) { continue }
            if us >= 0.07 && v <= vr { return Int64(k) }
            if us < 0.013 && v > us { continue }
            if log(v) + logInvAlpha - log(a / (us * us) + b) <= logPoissonPMF(k, mean: mean) {
                return Int64(k)
            }
        }
    }

    /// log(e^(−μ) μ^k / k!) through Stirling's series: accurate in absolute terms even when
    /// μ and k are large (no cancellation of two values ≈ k·log μ).
    @inlinable
    internal static func logPoissonPMF(_ k: Double, mean: Double) -> Double {
        let k1 = k + 1
        return k * log1p((mean - k1) / k1) - 0.5 * log(k1) + (k1 - mean) - halfLogTwoPi - stirlingTail(k)
    }

    /// e^(−k) for 0 ≤ k < 10 (the doubles `exp(-k)` rounds to).
    @inlinable
    internal static func expNegative(_ k: Int64) -> Double {
        switch k {
        case 0: return 1
        case 1: return 0.36787944117144233
        case 2: return 0.1353352832366127
        case 3: return 0.049787068367863944
        case 4: return 0.01831563888873418
        case 5: return 0.006737946999085467
        case 6: return 0.0024787521766663585
        case 7: return 0.0009118819655545162
        case 8: return 0.00033546262790251185
        default: return 0.00012340980408667956
        }
    }
}
