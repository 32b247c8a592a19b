/// Multinomial draws by conditional binomials.
///
/// A Multinomial(n; p₁…p_K) vector is drawn category by category: x₁ ~ Binomial(n, p₁), then
/// x_i ~ Binomial(n − x₁ − … − x_{i−1}, p_i / (p_i + … + p_K)); the last category takes what is
/// left. Resampling counts c₁…c_K with n = Σc_i gives one bootstrap replicate of the rows they
/// count (p_i = c_i / n), which is how a count metric's bootstrap avoids touching the rows.
/// - Complexity: O(K) binomial draws, each O(1) expected whatever n.
extension Sampling {
    /// A Multinomial(n; counts / Σcounts) draw: resampling `counts` with `n = Σcounts` is a
    /// bootstrap replicate of the rows they count. Zero counts stay zero (and draw nothing).
    /// `counts` must be non-negative with a positive sum unless `n` is 0.
    @inlinable
    public static func multinomial<G: RandomNumberGenerator>(
        n: Int64, counts: [Int64], using generator: inout G
    ) -> [Int64] {
        var total: Int64 = 0
        for c in counts {
            precondition(c >= 0, "Sampling.multinomial: counts must be >= 0, got \(c)")
            total += c
        }
        var sequence = SequentialMultinomial(n: n, total: total)
        return counts.map { sequence.draw(count: $0, using: &generator) }
    }

    /// A Multinomial(n; probabilities / Σprobabilities) draw. The probabilities must be finite
    /// and non-negative with a positive sum (they need not sum to 1).
    @inlinable
    public static func multinomial<G: RandomNumberGenerator>(
        n: Int64, probabilities: [Double], using generator: inout G
    ) -> [Int64] {
        precondition(n >= 0, "Sampling.multinomial: n must be >= 0, got \(n)")
        var mass = 0.0
        for p in probabilities {
            precondition(p >= 0 && p.isFinite, "Sampling.multinomial: probabilities must be finite and >= 0")
            mass += p
        }
        precondition(mass > 0 || n == 0, "Sampling.multinomial: the probabilities sum to 0")
        var left = n
        var result = [Int64](repeating: 0, count: probabilities.count)
        let last = probabilities.lastIndex { $0 > 0 } ?? -1
        for i in probabilities.indices where left > 0 && probabilities[i] > 0 {
            if i == last {
                result[i] = left
                break
            }
            let x = binomial(n: left, p: Swift.min(1, probabilities[i] / mass), using: &generator)
            result[i] = x
            left -= x
            mass -= probabilities[i]
        }
        return result
    }
}

/// A multinomial draw taken one category at a time, for callers that keep their counts in their
/// own layout (the cells of several states resampled jointly in one replicate).
///
/// Create it with the number of draws `n` and the total `total` of the counts; then call
/// `draw(count:)` once for each count c_i, in a fixed order, until their sum is `total`: the
/// results are one Multinomial(n; c / total) vector. The draws use the generator only for
/// counts that are neither 0 nor everything left.
@frozen
public struct SequentialMultinomial: Sendable {
    @usableFromInline internal var draws: Int64
    @usableFromInline internal var total: Int64

    /// Draws not yet assigned.
    @inlinable public var remainingDraws: Int64 { draws }
    /// Sum of the counts not yet visited.
    @inlinable public var remainingTotal: Int64 { total }

    @inlinable
    public init(n: Int64, total: Int64) {
        precondition(n >= 0 && total >= 0, "SequentialMultinomial: n and total must be >= 0")
        precondition(total > 0 || n == 0, "SequentialMultinomial: \(n) draws over an empty total")
        draws = n
        self.total = total
    }

    /// The draw of the next category, whose count is `count`.
    @inlinable
    public mutating func draw<G: RandomNumberGenerator>(count: Int64, using generator: inout G) -> Int64 {
        precondition(count >= 0 && count <= total, "SequentialMultinomial: count \(count) outside 0...\(total)")
        let x: Int64
        if count == 0 || draws == 0 {
            x = 0
        } else if count == total {
            x = draws
        } else {
            x = Sampling.binomial(n: draws, p: Double(count) / Double(total), using: &generator)
        }
        total -= count
        draws -= x
        return x
    }
}
