#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Exact samplers of the distributions a bootstrap needs: uniform, binomial, Poisson
/// (`Sampling+Poisson.swift`), multinomial (`Sampling+Multinomial.swift`).
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
}
