#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Exact samplers of the distributions a bootstrap needs: uniform, binomial, Poisson
/// (multinomial in `Sampling+Multinomial.swift`).
///
/// "Exact" means the draws follow the distribution itself, not a normal approximation: small
/// means use inversion of the cdf, large ones Hörmann's transformed rejection with squeeze
/// (BTRS, PTRS), whose acceptance test uses log-factorials to ≈1e-15. The expected cost of one
/// draw is bounded independently of `n` and of the mean (≤ ~11 steps of inversion, ~1.2
/// iterations of rejection), so resampling counts of millions costs what counts of ten do.
///
/// Every sampler is generic over the generator and `@inlinable`, so a loop over
/// `Xoshiro256StarStar` is specialised and inlined in the caller's module. The sequence of
/// generator calls is part of the definition: the same generator state gives the same draws on
/// every platform (the arithmetic is IEEE double with `log`, `log1p`, `exp`, `sqrt`).
public enum Sampling {
    /// A uniform double in [0, 1): the top 53 bits of one draw, times 2⁻⁵³.
    @inlinable @inline(__always)
    public static func uniform<G: RandomNumberGenerator>(using generator: inout G) -> Double {
        Double(generator.next() >> 11) * 0x1p-53
    }

    /// A uniform double in (0, 1): `(top 52 bits + ½) · 2⁻⁵²`, from 2⁻⁵³ to 1 − 2⁻⁵³ (exact, so
    /// never 0 or 1).
    @inlinable @inline(__always)
    public static func openUniform<G: RandomNumberGenerator>(using generator: inout G) -> Double {
        (Double(generator.next() >> 12) + 0.5) * 0x1p-52
    }

    // MARK: Binomial

    /// A Binomial(n, p) draw: the number of successes in `n` independent trials of probability `p`.
    ///
    /// For p > ½ it returns `n − Binomial(n, 1 − p)` (1 − p is exact there). Then, with
    /// μ = n·p: μ < 10 uses inversion (sequential search from 0, as numpy's
    /// `random_binomial_inversion`, restarted past μ + 10·√(μq + 1)); μ ≥ 10 uses BTRS,
    /// W. Hörmann, "The generation of binomial random variates", J. Statist. Comput. Simul.
    /// 46 (1993) 101–110 (acceptance ≈ 86% by the squeeze alone).
    /// - Complexity: O(1) expected, whatever `n`.
    @inlinable
    public static func binomial<G: RandomNumberGenerator>(n: Int64, p: Double, using generator: inout G) -> Int64 {
        precondition(n >= 0, "Sampling.binomial: n must be >= 0, got \(n)")
        precondition(p >= 0 && p <= 1, "Sampling.binomial: p must be in [0, 1], got \(p)")
        if n == 0 || p == 0 { return 0 }
        if p == 1 { return n }
        if p > 0.5 { return n - binomialLowerHalf(n: n, p: 1 - p, using: &generator) }
        return binomialLowerHalf(n: n, p: p, using: &generator)
    }

    /// Binomial(n, p) for 0 < p ≤ ½.
    @inlinable
    internal static func binomialLowerHalf<G: RandomNumberGenerator>(
        n: Int64, p: Double, using generator: inout G
    ) -> Int64 {
        let mean = Double(n) * p
        if mean < 10 { return binomialInversion(n: n, p: p, using: &generator) }
        return binomialBTRS(n: n, p: p, using: &generator)
    }

    @inlinable
    internal static func binomialInversion<G: RandomNumberGenerator>(
        n: Int64, p: Double, using generator: inout G
    ) -> Int64 {
        let q = 1 - p
        let ratio = p / q
        let mean = Double(n) * p
        let atZero = exp(Double(n) * log1p(-p))
        let bound = Swift.min(Double(n), mean + 10 * (mean * q + 1).squareRoot())
        while true {
            var x: Int64 = 0
            var px = atZero
            var u = uniform(using: &generator)
            var restart = false
            while u > px {
                x += 1
                if Double(x) > bound {
                    restart = true
                    break
                }
                u -= px
                px *= Double(n - x + 1) * ratio / Double(x)
            }
            if !restart { return x }
        }
    }

    /// BTRS, as in Hörmann (1993) §3 and TensorFlow's `random_binomial_op.cc`; requires n·p ≥ 10.
    @inlinable
    internal static func binomialBTRS<G: RandomNumberGenerator>(
        n: Int64, p: Double, using generator: inout G
    ) -> Int64 {
        let count = Double(n)
        let q = 1 - p
        let spq = (count * p * q).squareRoot()
        let b = 1.15 + 2.53 * spq
        let a = -0.0873 + 0.0248 * b + 0.01 * p
        let c = count * p + 0.5
        let vr = 0.92 - 4.2 / b
        let r = p / q
        let alpha = (2.83 + 5.1 / b) * spq
        let m = ((count + 1) * p).rounded(.down)
        while true {
            let u = openUniform(using: &generator) - 0.5
            var v = openUniform(using: &generator)
            let us = 0.5 - Swift.abs(u)
            let k = ((2 * a / us + b) * u + c).rounded(.down)
            if !(k >= 0 && k <= count) { continue }
            if us >= 0.07 && v <= vr { return Int64(k) }
            v = log(v * alpha / (a / (us * us) + b))
            let bound =
                (m + 0.5) * log((m + 1) / (r * (count - m + 1)))
                + (count + 1) * log((count - m + 1) / (count - k + 1))
                + (k + 0.5) * log(r * (count - k + 1) / (k + 1))
                + stirlingTail(m) + stirlingTail(count - m) - stirlingTail(k) - stirlingTail(count - k)
            if v <= bound { return Int64(k) }
        }
    }

    // MARK: Poisson

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
    /// bootstrap (each row ~ Poisson(1), independently). The same algorithm as
    /// `poisson(mean: Double(count))`, with e^(−count) below 10 from a table of the correctly
    /// rounded values instead of a call to `exp`.
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
            // Vector compares: scalar ones compile to branches that mispredict on random u.
            let cdf = SIMD8<Double>(
                0.36787944117144233, 0.7357588823428847, 0.9196986029286058, 0.9810118431238463,
                0.9963401531726563, 0.9994058151824183, 0.999916758850712, 0.9999897508033253)
            let below = SIMD8<Int64>(repeating: 0).replacing(with: 1, where: SIMD8(repeating: u) .>= cdf)
            return below.wrappedSum()
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

    // MARK: Log-factorial pieces

    /// ½·log(2π).
    @inlinable
    internal static var halfLogTwoPi: Double { 0.9189385332046728 }

    /// Stirling's remainder fc(k) = log k! − [(k + ½)·log(k + 1) − (k + 1) + ½·log 2π] for an
    /// integer-valued k ≥ 0: exact values (40-digit mpmath) below 16, otherwise the series
    /// 1/12n − 1/360n³ + 1/1260n⁵ − 1/1680n⁷ with n = k + 1 (absolute error < 1e-14).
    @inlinable
    internal static func stirlingTail(_ k: Double) -> Double {
        if k < 16 {
            switch Int(k) {
            case 0: return 0.08106146679532726
            case 1: return 0.0413406959554093
            case 2: return 0.02767792568499834
            case 3: return 0.020790672103765093
            case 4: return 0.016644691189821193
            case 5: return 0.013876128823070748
            case 6: return 0.01189670994589177
            case 7: return 0.010411265261972096
            case 8: return 0.009255462182712733
            case 9: return 0.00833056343336287
            case 10: return 0.007573675487951841
            case 11: return 0.00694284010720953
            case 12: return 0.006408994188004207
            case 13: return 0.0059513701127588475
            case 14: return 0.005554733551962801
            default: return 0.0052076559196096404
            }
        }
        let n = k + 1
        let n2 = n * n
        return (1.0 / 12 - (1.0 / 360 - (1.0 / 1260 - 1.0 / (1680 * n2)) / n2) / n2) / n
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
