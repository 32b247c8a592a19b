#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// McNemar's exact test for paired proportions (McNemar, Psychometrika 12 (1947) 153–157), as
/// statsmodels 0.15 `mcnemar(table, exact=True)` computes it: with b items right only in the
/// first run and c right only in the second, the two-sided p-value is
/// min(1, 2 · P[X ≤ min(b, c)]) for X ~ Binomial(b + c, 1/2).
public enum McNemar {
    /// The exact two-sided p-value; 1 when there is no discordant pair.
    public static func exactPValue(onlyFirst b: Int64, onlySecond c: Int64) -> Double {
        precondition(b >= 0 && c >= 0, "McNemar: negative counts")
        let n = b + c
        if n == 0 { return 1 }
        let k = min(b, c)
        // Sum the binomial pmf in log space: log C(n, i) - n log 2, accurate for large n.
        let logHalf = -Double(n) * M_LN2
        let logNFactorial = logGamma(Double(n) + 1)
        var sum = 0.0
        for i in 0...k {
            let logTerm = logNFactorial - logGamma(Double(i) + 1) - logGamma(Double(n - i) + 1) + logHalf
            sum += exp(logTerm)
        }
        return min(1, 2 * sum)
    }
}

/// ln Γ(x) (the C library's `lgamma`, typed to avoid the overlay's tuple-returning variant).
@inline(__always)
func logGamma(_ x: Double) -> Double {
    let value: Double = lgamma(x)
    return value
}
