import Foundation
import Testing
@testable import EvalKitMetrics

/// One labelled row of a single-target scenario.
struct Row: Sendable {
    var truth: Int32
    var predicted: Int32
    var score: Double
}

/// A random single-target data set shape and the config it is computed with.
struct Scenario: Sendable, CustomTestStringConvertible {
    var name: String
    var config: ClassificationConfig
    var rows = 400
    var missingRate = 0.0
    var absentClasses: Set<Int32> = []
    var neverPredicted: Set<Int32> = []
    var scoreDecimals = 2.0
    var testDescription: String { name }
    var classCount: Int { config.labels.count }
    var hasScores: Bool { config.positive != nil }

    static let all: [Scenario] = [
        Scenario(
            name: "binary with scores and operating points",
            config: ClassificationConfig(
                labels: ["no", "yes"], positive: 1, beta: 2,
                operatingPoints: [.init(.fpr, 0.1), .init(.recall, 0.8), .init(.precision, 0.7)])),
        Scenario(
            name: "binary, positive first, missing predictions, zero policy",
            config: ClassificationConfig(labels: ["pos", "neg"], positive: 0, zeroDivision: .zero, beta: 0.5),
            missingRate: 0.05, scoreDecimals: 1),
        Scenario(
            name: "binary, truth of one class",
            config: ClassificationConfig(labels: ["a", "b"], positive: 1, operatingPoints: [.init(.tpr, 0.5)]),
            absentClasses: [0]),
        Scenario(
            name: "multiclass with missing predictions",
            config: ClassificationConfig(labels: ["a", "b", "c", "d", "e"], beta: 2),
            missingRate: 0.04),
        Scenario(
            name: "multiclass, absent and never predicted classes, one policy",
            config: ClassificationConfig(labels: ["a", "b", "c", "d", "e"], zeroDivision: .one),
            absentClasses: [3], neverPredicted: [4]),
    ]

    func makeRows(seed: UInt64) -> [Row] {
        var g = SeededGenerator(seed: seed)
        let k = Int32(classCount)
        let present = (0..<k).filter { !absentClasses.contains($0) }
        return (0..<rows).map { _ in
            let truth = present[Int(Double(present.count) * pow(Double.random(in: 0..<1, using: &g), 1.5))]
            var predicted = Double.random(in: 0..<1, using: &g) < 0.65 ? truth : Int32.random(in: 0..<k, using: &g)
            if neverPredicted.contains(predicted) { predicted = (predicted + 1) % k }
            if Double.random(in: 0..<1, using: &g) < missingRate { predicted = -1 }
            let signal = truth == Int32(config.positive ?? 0) ? 0.8 : -0.8
            let raw = signal + Double.random(in: -1.5...1.5, using: &g)
            let scale = pow(10, scoreDecimals)
            return Row(truth: truth, predicted: predicted, score: (raw * scale).rounded() / scale)
        }
    }

    func state(_ rows: some Sequence<Row>) -> ClassificationState {
        var state = ClassificationState(classCount: classCount, keepsScores: hasScores)
        for row in rows {
            state.add(truth: row.truth, predicted: row.predicted)
            if hasScores { state.addScore(row.score, positive: row.truth == Int32(config.positive!)) }
        }
        return state
    }

    func compute(_ state: ClassificationState, _ config: ClassificationConfig? = nil) -> ComputedMetrics {
        ClassificationMetrics.compute(state, config ?? self.config)
    }

    /// Every overall key this scenario must report.
    var expectedKeys: [String] {
        ClassificationMetrics.metricNames(
            binary: config.positive != nil, hasScores: hasScores, beta: config.beta != nil)
            + config.operatingPoints.flatMap(\.metricKeys)
    }
}
