import Foundation
import Testing
@testable import EvalKitMetrics

/// One case of `Tests/Fixtures/probability/probability.json` (make_fixtures.py, scikit-learn 1.9.1).
struct ProbabilityCase: Sendable, CustomTestStringConvertible {
    var name: String
    var labels: [String]
    var truth: [Int]
    var scores: [[Double]]
    var topK: [Int]
    /// scikit-learn's values; NaN where the reference is null (undefined).
    var expected: [String: Double]
    var testDescription: String { name }
}

enum ProbabilityFixtures {
    static let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/probability/probability.json")

    static let cases: [ProbabilityCase] = (try? load()) ?? []

    static func load() throws -> [ProbabilityCase] {
        let root = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        return (root["cases"] as! [[String: Any]]).map { c in
            ProbabilityCase(
                name: c["name"] as! String, labels: c["labels"] as! [String],
                truth: (c["y_true"] as! [NSNumber]).map(\.intValue),
                scores: (c["scores"] as! [[NSNumber]]).map { $0.map(\.doubleValue) },
                topK: (c["top_k"] as! [NSNumber]).map(\.intValue),
                expected: (c["expected"] as! [String: Any]).mapValues { ($0 as? NSNumber)?.doubleValue ?? .nan })
        }
    }

    static func state(_ f: ProbabilityCase, rows: some Sequence<Int>) -> ClassProbabilityState {
        var state = ClassProbabilityState(classCount: f.labels.count, pendingLimit: 7)
        for i in rows { state.add(truth: f.truth[i], scores: f.scores[i]) }
        return state
    }

    static func metrics(_ f: ProbabilityCase, _ state: ClassProbabilityState) -> MetricValues {
        var values = MetricValues()
        _ = ClassProbabilityMetrics.compute(state, labels: f.labels, topK: f.topK, into: &values)
        return values
    }
}

struct ClassProbabilityFixtureTests {
    @Test func fixtureFileLoads() {
        #expect(ProbabilityFixtures.cases.count >= 10)
    }

    /// Every key agrees with scikit-learn to 1e-12 (relative to max(1, |value|)); undefined is undefined.
    @Test(arguments: ProbabilityFixtures.cases)
    func agreesWithScikitLearn(_ f: ProbabilityCase) {
        let values = ProbabilityFixtures.metrics(f, ProbabilityFixtures.state(f, rows: f.truth.indices))
        #expect(Set(values.keys) == Set(ClassProbabilityMetrics.metricNames(topK: f.topK)))
        for (key, expected) in f.expected {
            guard let value = values[key] else {
                Issue.record("\(key) missing")
                continue
            }
            #expect(agrees(value, expected, tolerance: 1e-12 * max(1, abs(expected))), "\(key): \(value) vs scikit-learn \(expected)")
            if value.isNaN { #expect(values.undefinedReasons[key] != nil, "\(key) has no reason") }
        }
    }

    /// Cells merged in any order give bit-identical values: the state is canonical.
    @Test(arguments: ProbabilityFixtures.cases)
    func mergeIsExact(_ f: ProbabilityCase) {
        let whole = ProbabilityFixtures.metrics(f, ProbabilityFixtures.state(f, rows: f.truth.indices))
        let parts = (0..<3).map { part in ProbabilityFixtures.state(f, rows: f.truth.indices.filter { $0 % 3 == part }) }
        var merged = parts[2]
        merged.merge(parts[0])
        merged.merge(parts[1])
        let values = ProbabilityFixtures.metrics(f, merged)
        for key in whole.keys {
            #expect(whole[key]!.bitPattern == values[key]!.bitPattern || (whole[key]!.isNaN && values[key]!.isNaN),
                    "\(key): \(whole[key]!) vs merged \(values[key]!)")
        }
    }

    /// A row without a prediction is a miss for every k and the worst log-loss term, and it is
    /// ranked below its class in its own column (AUC of a perfect model drops).
    @Test func missingRowsCountAsWrong() {
        var state = ClassProbabilityState(classCount: 3)
        state.add(truth: 0, scores: [0.8, 0.1, 0.1])
        state.add(truth: 1, scores: [0.1, 0.8, 0.1])
        state.add(truth: 2, scores: [0.1, 0.1, 0.8])
        var values = MetricValues()
        _ = ClassProbabilityMetrics.compute(state, labels: ["a", "b", "c"], topK: [3], into: &values)
        #expect(values["roc_auc_ovr_macro"] == 1)
        state.addMissing(truth: 0)
        values = MetricValues()
        _ = ClassProbabilityMetrics.compute(state, labels: ["a", "b", "c"], topK: [3], into: &values)
        #expect(values["top_k_accuracy@k=3"] == 0.75)
        #expect(state.missingCount == 1 && state.count == 4)
        let worst = -log(Double.ulpOfOne)
        #expect(abs(values["log_loss"]! - (3 * -log(0.8) + worst) / 4) < 1e-12)
        // Class a: positives {0.8, -inf} vs negatives {0.1, 0.1}: 2 of 4 pairs right.
        // Classes b and c: their positive 0.8 against {0.1, +inf, 0.1}: 2 of 3 right.
        #expect(abs(values["roc_auc_ovr_macro"]! - (0.5 + 2.0 / 3 + 2.0 / 3) / 3) < 1e-12)
    }

    /// Poisson replicates are reproducible from the seed and keep every key.
    @Test func poissonReplicateIsSeeded() {
        guard let f = ProbabilityFixtures.cases.first(where: { $0.labels.count == 10 }) else {
            Issue.record("no ten-class case")
            return
        }
        let state = ProbabilityFixtures.state(f, rows: f.truth.indices)
        var g1 = Xoshiro256StarStar(seed: 7)
        var g2 = Xoshiro256StarStar(seed: 7)
        let a = ProbabilityFixtures.metrics(f, state.poissonResampled(using: &g1))
        let b = ProbabilityFixtures.metrics(f, state.poissonResampled(using: &g2))
        for key in a.keys { #expect(a[key]!.bitPattern == b[key]!.bitPattern) }
        let whole = ProbabilityFixtures.metrics(f, state)
        #expect(a["log_loss"]! != whole["log_loss"]!)
    }
}
