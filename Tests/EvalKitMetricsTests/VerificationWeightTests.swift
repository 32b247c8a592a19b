import Foundation
import Testing
@testable import EvalKitMetrics

/// Integer weights count as copies: every function on weighted scores equals it on the scores
/// repeated, exactly (including the floating accumulation of bob's EER walk), for seeded
/// score sets with ties and zero weights.
@Suite struct VerificationWeightTests {
    /// Every verification output as text (values and thrown reasons), for exact comparison.
    static func everything(_ s: ComparisonScores) -> [String] {
        var out: [String] = []
        func add<T>(_ label: String, _ body: () throws -> T) { out.append("\(label): \(outcome(body))") }
        add("eer bob") { try s.eer(.bob) }
        add("eer pyeer") { try s.eer(.pyeer) }
        add("min hter") { try s.minHTERThreshold() }
        for cost in [0.0, 0.2, 0.9, 1.0] { add("wer \(cost)") { try s.minWeightedErrorThreshold(cost: cost) } }
        for target in [0.0, 1e-3, 0.01, 0.1, 0.5, 1.0] {
            add("fmr target \(target)") { try s.thresholdAtFMR(target) }
            add("fnmr target \(target)") { try s.thresholdAtFNMR(target) }
        }
        for t in [-3.0, -0.5, 0.0, 0.35, 1.0, 2.0, 2.5, 4.0] {
            add("rates \(t)") { try s.errorRates(atThreshold: t) }
            add("pr \(t)") { try s.precisionRecall(atThreshold: t) }
        }
        add("det") { try s.detPoints(count: 100, minFMRPower: -8) }
        add("pr curve") { try s.precisionRecallPoints(count: 50, minFMRPower: -4) }
        add("roc for fmr") { try s.rocForFMR([1e-3, 0.01, 0.1, 1]) }
        return out
    }

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func weightsEqualRepetition(_ seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        let grid = seed.isMultiple(of: 2) ? 10.0 : 1e6  // even seeds: coarse grid, many ties
        let impostors = normalSamples(800, mean: 0, sd: 1, generator: &generator).map { ($0 * grid).rounded() / grid }.sorted()
        let genuine = normalSamples(150, mean: 1.5, sd: 1, generator: &generator).map { ($0 * grid).rounded() / grid }.sorted()
        let iw = impostors.map { _ in Int64.random(in: 0...4, using: &generator) }
        let gw = genuine.map { _ in Int64.random(in: 0...4, using: &generator) }
        let weighted = try ComparisonScores(genuine: genuine, genuineWeights: gw, impostors: impostors, impostorWeights: iw)
        let repeated = try ComparisonScores(genuine: zip(genuine, gw).flatMap { Array(repeating: $0, count: Int($1)) },
                                            impostors: zip(impostors, iw).flatMap { Array(repeating: $0, count: Int($1)) })
        let a = Self.everything(weighted), b = Self.everything(repeated)
        #expect(a == b, "\(zip(a, b).filter { $0 != $1 }.prefix(5))")
        #expect(try weighted.eer().rate > 0)
    }

    /// An EPC on weighted halves equals it on repeated halves.
    @Test func expectedPerformanceCurveWeights() throws {
        let dev = try ComparisonScores(genuine: [0.5, 1, 2], genuineWeights: [2, 0, 3], impostors: [-1, 0, 0.7], impostorWeights: [1, 3, 2])
        let devRepeated = try ComparisonScores(genuine: [0.5, 0.5, 2, 2, 2], impostors: [-1, 0, 0, 0, 0.7, 0.7])
        let eval = try ComparisonScores.sorting(genuine: [0.4, 1.5, 2.5], impostors: [-0.5, 0.1, 0.8, 0.2])
        #expect(try ComparisonScores.expectedPerformanceCurve(development: dev, evaluation: eval, count: 11)
            == ComparisonScores.expectedPerformanceCurve(development: devRepeated, evaluation: eval, count: 11))
    }
}
