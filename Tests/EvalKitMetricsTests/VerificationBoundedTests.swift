import Foundation
import Testing
@testable import EvalKitMetrics

/// Bounded impostors: computations on the impostors ≥ a bound (with the total count) equal the
/// computations on all scores wherever they give an answer, and give none (`needsUnheldImpostors`)
/// exactly where it would need the unheld ones.
@Suite struct VerificationBoundedTests {
    /// 200,000 impostors N(0, 1) and 2,000 genuine N(μ, 1); the bound keeps the top 1% of
    /// impostors (2,000).
    static func generated(genuineMean: Double, seed: UInt64) throws -> (full: ComparisonScores, bounded: ComparisonScores, bound: Double) {
        var generator = SeededGenerator(seed: seed)
        let impostors = normalSamples(200_000, mean: 0, sd: 1, generator: &generator).sorted()
        let genuine = normalSamples(2_000, mean: genuineMean, sd: 1, generator: &generator).sorted()
        let full = try ComparisonScores(genuine: genuine, impostors: impostors)
        let bound = impostors[impostors.count - 2_000]
        let bounded = try full.keepingImpostors(atOrAbove: bound)
        return (full, bounded, bound)
    }

    @Test func topOnePercentEqualsFullSort() throws {
        let (full, bounded, bound) = try Self.generated(genuineMean: 5.5, seed: 2024)
        #expect(bounded.heldImpostorTotal == 2_000 && bounded.impostorTotal == 200_000 && bounded.impostorBound == bound)
        // Every FMR target ≤ 1e-2: each k / N and the midpoints between them, and a log grid.
        var targets: [Double] = []
        for k in 0...2_000 {
            targets.append(Double(k) / 200_000)
            if k < 2_000 { targets.append((Double(k) + 0.5) / 200_000) }
        }
        for e in 0...60 { targets.append(pow(10.0, -2.0 - Double(e) / 10.0)) }
        for target in targets {
            let a = try full.thresholdAtFMR(target), b = try bounded.thresholdAtFMR(target)
            #expect(a == b, "FMR target \(target): full \(a), bounded \(b)")
            #expect(try full.errorRates(atThreshold: a) == bounded.errorRates(atThreshold: b))
        }
        let eer = try full.eer(.bob)
        #expect(eer.fmr < 1e-2, "the generated EER should lie inside the coverage: \(eer)")
        #expect(try bounded.eer(.bob) == eer)
        #expect(try bounded.eer(.pyeer) == full.eer(.pyeer))
        #expect(try bounded.minHTERThreshold() == full.minHTERThreshold())
        // Weighted errors: bob's threshold, or no answer when unheld impostors could undercut it.
        var weightedAnswers = 0
        for cost in [0.0, 0.1, 0.3, 0.5, 0.7, 0.9, 1.0] {
            let b = outcome { try bounded.minWeightedErrorThreshold(cost: cost) }
            let a = try full.minWeightedErrorThreshold(cost: cost)
            #expect(b.needsUnheld || b.value == a, "cost \(cost)")
            weightedAnswers += b.value == nil ? 0 : 1
        }
        #expect(weightedAnswers >= 5)
        #expect(outcome { try bounded.minWeightedErrorThreshold(cost: 0) }.needsUnheld)
        // Curves: the bounded points are the full ones minus those below the bound.
        for (count, power) in [(100, -8), (400, -8), (40, -4)] {
            let a = try full.detPoints(count: count, minFMRPower: power), b = try bounded.detPoints(count: count, minFMRPower: power)
            let kept = a.points.filter { $0.threshold >= bound }
            #expect(b.points == kept && b.leftOut == a.points.count - kept.count, "DET \(count)/\(power)")
            print("bounded DET \(count) points, min power \(power): \(b.points.count) kept, \(b.leftOut) left out")
        }
        let forFMR = try bounded.rocForFMR([1e-4, 1e-3, 1e-2, 0.05, 1])
        #expect(Array(forFMR[..<3]) == (try full.rocForFMR([1e-4, 1e-3, 1e-2])) && forFMR[3] == nil && forFMR[4] == nil)
        // Below the bound: no answer.
        #expect(outcome { try bounded.fmr(atThreshold: bound.nextDown) }.needsUnheld)
        #expect(try bounded.fmr(atThreshold: bound) == full.fmr(atThreshold: bound))
        #expect(outcome { try bounded.thresholdAtFMR(0.0101) }.needsUnheld)
        #expect(outcome { try bounded.thresholdAtFMR(1) }.needsUnheld)
        #expect(try bounded.thresholdAtFNMR(0.3) == full.thresholdAtFNMR(0.3))
        print("bounded = full: EER \(eer.rate) at \(eer.threshold), \(targets.count) FMR targets")
    }

    /// With a heavy overlap the EER crossing lies far below the top 1%: no answer, never a guess.
    @Test func crossingBelowTheBoundGivesNoAnswer() throws {
        let (full, bounded, _) = try Self.generated(genuineMean: 1.0, seed: 7)
        #expect(try full.eer(.bob).fmr > 0.1)
        #expect(outcome { try bounded.eer(.bob) }.needsUnheld)
        #expect(outcome { try bounded.eer(.pyeer) }.needsUnheld)
        #expect(outcome { try bounded.minHTERThreshold() }.needsUnheld)
        #expect(try bounded.thresholdAtFMR(1e-3) == full.thresholdAtFMR(1e-3))
    }

    /// Every generated fixture set (bob.measure's values), bounded at several impostor quantiles
    /// and in weighted form: each value is bob's exactly or `needsUnheldImpostors`.
    @Test(arguments: VerificationFixtureTests.scoreSetNames)
    func fixtureSetsBounded(_ name: String) throws {
        let set = VerificationFixtureTests.scoreSet(name)
        for weighted in [false, true] {
            let full = try VerificationFixtureTests.scores(set, weighted: weighted)
            let sorted = set["negatives"]!.doubles.sorted()
            for fraction in [0.01, 0.05, 0.2, 0.5, 0.9] {
                let bound = sorted[min(sorted.count - 1, Int(Double(sorted.count) * (1 - fraction)))]
                let bounded = try full.keepingImpostors(atOrAbove: bound)
                let d = VerificationFixtureTests.differences(set, bounded, bounded: true)
                #expect(d.isEmpty, "\(name) bounded at \(bound) (top \(fraction), weighted \(weighted)): \(d.prefix(8))")
            }
        }
    }

    /// The scale the bound is for: 400 million impostors, 40,000 held. bob's FAR after the unheld
    /// ones is reached by jumps (`repeatedlySubtracted`), not 399,960,000 subtractions.
    @Test func fourHundredMillionImpostors() throws {
        var generator = SeededGenerator(seed: 400)
        let held = (0..<40_000).map { _ in Double.random(in: 3...5, using: &generator) }.sorted()
        let genuine = normalSamples(2_000, mean: 5, sd: 0.5, generator: &generator).sorted()
        let s = try ComparisonScores(genuine: genuine, impostors: held, impostorTotal: 400_000_000, impostorBound: 3)
        let clock = ContinuousClock()
        var eer: EqualErrorRate?
        let elapsed = try clock.measure { eer = try s.eer(.bob) }
        #expect(eer!.fmr <= 1e-4 && eer!.threshold >= 3)
        #expect(try s.eer(.pyeer).rate <= 1e-4)
        #expect(try s.thresholdAtFMR(1e-6) > 3)
        #expect(elapsed < .seconds(2), "\(elapsed)")
        print("400M impostors, 40k held: EER \(eer!.rate) at \(eer!.threshold) in \(elapsed)")
    }

    /// Bounded and weighted together: weights on the held impostors and on the genuine scores.
    @Test func weightedBoundedEqualsRepeatedBounded() throws {
        var generator = SeededGenerator(seed: 99)
        let impostors = normalSamples(5_000, mean: 0, sd: 1, generator: &generator).map { ($0 * 20).rounded() / 20 }.sorted()
        let genuine = normalSamples(499, mean: 3.5, sd: 1, generator: &generator).map { ($0 * 20).rounded() / 20 }.sorted()
        let iw = impostors.map { _ in Int64.random(in: 0...3, using: &generator) }
        let gw = genuine.map { _ in Int64.random(in: 0...3, using: &generator) }
        let weighted = try ComparisonScores(genuine: genuine, genuineWeights: gw, impostors: impostors, impostorWeights: iw)
        let repeated = try ComparisonScores(genuine: zip(genuine, gw).flatMap { Array(repeating: $0, count: Int($1)) },
                                            impostors: zip(impostors, iw).flatMap { Array(repeating: $0, count: Int($1)) })
        let bound = 2.0
        let a = try weighted.keepingImpostors(atOrAbove: bound), b = try repeated.keepingImpostors(atOrAbove: bound)
        #expect(a.impostorTotal == b.impostorTotal && a.heldImpostorTotal == b.heldImpostorTotal)
        #expect(VerificationWeightTests.everything(a) == VerificationWeightTests.everything(b))
    }
}
