import Testing
@testable import EvalKitMetrics

/// The exact samplers: chi-square goodness of fit against SciPy's pmfs (binned so every bin
/// expects ≥ 80 draws; critical value the 0.999 quantile, so a correct sampler fails a given
/// case with probability 0.001, and the seeds are fixed), means and variances, edge cases,
/// reproducibility, multinomial totals.
@Suite struct SamplingTests {
    static func draw(_ fixture: StatisticsFixtures.FitCase, using g: inout Xoshiro256StarStar) -> Int64 {
        switch fixture.kind {
        case "binomial": Sampling.binomial(n: fixture.n!, p: fixture.parameter, using: &g)
        case "poisson": Sampling.poisson(mean: fixture.parameter, using: &g)
        default: Sampling.poisson(count: Int64(fixture.parameter), using: &g)
        }
    }

    @Test(arguments: StatisticsFixtures.fitCases)
    func goodnessOfFitMeanAndVariance(_ fixture: StatisticsFixtures.FitCase) {
        var g = Xoshiro256StarStar(seed: 2026)
        var observed = [Int](repeating: 0, count: fixture.probabilities.count)
        var sum = 0.0
        var sumSquares = 0.0
        for _ in 0..<fixture.draws {
            let x = Self.draw(fixture, using: &g)
            observed[fixture.bin(of: x)] += 1
            let d = Double(x) - fixture.mean
            sum += d
            sumSquares += d * d
        }
        let count = Double(fixture.draws)
        var chiSquare = 0.0
        for (o, p) in zip(observed, fixture.probabilities) {
            let expected = p * count
            chiSquare += (Double(o) - expected) * (Double(o) - expected) / expected
        }
        #expect(chiSquare < fixture.critical, "chi-square \(chiSquare) >= \(fixture.critical)")
        // Mean within 4.5 standard errors; variance within 4.5 of its standard errors (≈ √(2/N)).
        let meanError = sum / count
        #expect(abs(meanError) < 4.5 * (fixture.variance / count).squareRoot(), "mean off by \(meanError)")
        let variance = sumSquares / count - meanError * meanError
        #expect(abs(variance / fixture.variance - 1) < 4.5 * (2 / count).squareRoot(), "variance \(variance)")
    }

    @Test func binomialEdgeCases() {
        var g = Xoshiro256StarStar(seed: 1)
        #expect(Sampling.binomial(n: 0, p: 0.4, using: &g) == 0)
        #expect(Sampling.binomial(n: 1_000_000, p: 0, using: &g) == 0)
        #expect(Sampling.binomial(n: 1_000_000, p: 1, using: &g) == 1_000_000)
        #expect(Sampling.poisson(mean: 0, using: &g) == 0)
        #expect(Sampling.poisson(count: 0, using: &g) == 0)
        // Tiny and huge probabilities at a huge n stay in range, and p near 1 mirrors p near 0.
        for _ in 0..<1000 {
            let small = Sampling.binomial(n: 1 << 40, p: 1e-12, using: &g)
            let large = Sampling.binomial(n: 1 << 40, p: 1 - 1e-12, using: &g)
            #expect(small >= 0 && small < 30)
            #expect(large <= 1 << 40 && large > (1 << 40) - 30)
            let x = Sampling.binomial(n: 1 << 50, p: 0.5, using: &g)
            #expect(abs(Double(x) - 0x1p49) < 6 * 0x1p24)
        }
    }

    /// Both algorithms around the switch at mean 10 give the same distribution: compare the
    /// means of Binomial(n, p) just below and above n·p = 10 with their exact values.
    @Test func inversionAndRejectionAgreeAroundTheSwitch() {
        var g = Xoshiro256StarStar(seed: 3)
        for (n, p) in [(Int64(1001), 0.00999), (Int64(1001), 0.01001), (Int64(21), 0.476), (Int64(21), 0.477)] {
            var sum = 0.0
            let draws = 20_000
            for _ in 0..<draws { sum += Double(Sampling.binomial(n: n, p: p, using: &g)) }
            let mean = Double(n) * p
            let se = (mean * (1 - p) / Double(draws)).squareRoot()
            #expect(abs(sum / Double(draws) - mean) < 4.5 * se, "n=\(n) p=\(p)")
        }
        for mean in [9.99, 10.01] {
            var sum = 0.0
            for _ in 0..<20_000 { sum += Double(Sampling.poisson(mean: mean, using: &g)) }
            #expect(abs(sum / 20_000 - mean) < 4.5 * (mean / 20_000).squareRoot(), "mean \(mean)")
        }
    }

    @Test func sameSeedSameDraws() {
        func run(_ seed: UInt64) -> [Int64] {
            var g = Xoshiro256StarStar(seed: seed)
            var out: [Int64] = []
            for i in 0..<200 {
                out.append(Sampling.binomial(n: Int64(i) * 1000 + 3, p: 0.37, using: &g))
                out.append(Sampling.poisson(mean: Double(i) / 3, using: &g))
                out.append(Sampling.poisson(count: Int64(i) * 17, using: &g))
            }
            out += Sampling.multinomial(n: 5_000_000, counts: [3_000_000, 0, 1_500_000, 500_000], using: &g)
            return out
        }
        #expect(run(11) == run(11))
        #expect(run(11) != run(12))
    }

    @Test func integerAndRealPoissonMeansGiveTheSameDraws() {
        for count in [Int64(1), 2, 5, 9, 10, 11, 250, 1_000_000] {
            var a = Xoshiro256StarStar(seed: UInt64(count))
            var b = a
            let draws = count == 1 ? 300_000 : 100
            let x = (0..<draws).map { _ in Sampling.poisson(count: count, using: &a) }
            let y = (0..<draws).map { _ in Sampling.poisson(mean: Double(count), using: &b) }
            #expect(x == y, "count \(count)")
            if count == 1 { #expect(x.max()! >= 8) }  // the tail past the tabulated cdf was drawn
        }
    }

    @Test func multinomialTotalsAndZeros() {
        var g = Xoshiro256StarStar(seed: 8)
        let counts: [Int64] = [2_681_000, 0, 1_282_000, 1, 1_216_000, 2_035_000, 0]
        let n = counts.reduce(0, +)
        var sums = [Double](repeating: 0, count: counts.count)
        let replicates = 2000
        for _ in 0..<replicates {
            let x = Sampling.multinomial(n: n, counts: counts, using: &g)
            #expect(x.reduce(0, +) == n)
            #expect(x[1] == 0 && x[6] == 0)
            #expect(x.allSatisfy { $0 >= 0 })
            for i in x.indices { sums[i] += Double(x[i]) }
        }
        for i in counts.indices where counts[i] > 0 {
            let p = Double(counts[i]) / Double(n)
            let se = (Double(n) * p * (1 - p) / Double(replicates)).squareRoot()
            #expect(abs(sums[i] / Double(replicates) - Double(counts[i])) < 4.5 * se, "cell \(i)")
        }
        #expect(Sampling.multinomial(n: 0, counts: [0, 0], using: &g) == [0, 0])
        #expect(Sampling.multinomial(n: 7, counts: [0, 3, 0], using: &g) == [0, 7, 0])
        // A different n than the counts' sum: Multinomial(n; c / Σc).
        #expect(Sampling.multinomial(n: 10, counts: [5, 5], using: &g).reduce(0, +) == 10)
    }

    @Test func multinomialFromProbabilities() {
        var g = Xoshiro256StarStar(seed: 9)
        let probabilities = [0.24, 0.0, 0.06, 0.07, 0.63]
        var sums = [Double](repeating: 0, count: probabilities.count)
        for _ in 0..<4000 {
            let x = Sampling.multinomial(n: 2000, probabilities: probabilities, using: &g)
            #expect(x.reduce(0, +) == 2000)
            #expect(x[1] == 0)
            for i in x.indices { sums[i] += Double(x[i]) }
        }
        for (i, p) in probabilities.enumerated() where p > 0 {
            let se = (2000 * p * (1 - p) / 4000).squareRoot()
            #expect(abs(sums[i] / 4000 - 2000 * p) < 4.5 * se)
        }
        // Unnormalised weights are normalised.
        #expect(Sampling.multinomial(n: 9, probabilities: [0, 2, 0], using: &g) == [0, 9, 0])
    }

    @Test func sequentialMultinomialMatchesTheArrayForm() {
        var a = Xoshiro256StarStar(seed: 4)
        var b = a
        let counts: [Int64] = [40, 0, 7, 900, 13]
        let array = Sampling.multinomial(n: 960, counts: counts, using: &a)
        var sequence = SequentialMultinomial(n: 960, total: 960)
        let one = counts.map { sequence.draw(count: $0, using: &b) }
        #expect(array == one)
        #expect(sequence.remainingDraws == 0 && sequence.remainingTotal == 0)
    }
}
