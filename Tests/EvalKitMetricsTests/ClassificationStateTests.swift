import Testing
@testable import EvalKitMetrics

/// The state's bookkeeping, the missing-prediction policy, operating points on a hand-made
/// curve, and the notes.
@Suite struct ClassificationStateTests {
    @Test func countsAndMissingPredictions() {
        var state = ClassificationState(classCount: 3)
        state.add(truth: 0, predicted: 0)
        state.add(truth: 1, predicted: 2)
        state.add(truth: 2, predicted: -1)
        state.add(truth: 2, predicted: -1)
        #expect(state.count == 4)
        #expect(state.missingCount == 2)
        #expect(state.missing(truth: 2) == 2)
        #expect(state.count(truth: 1, predicted: 2) == 1)
        #expect(state.correctCount == 1)

        let m = ClassificationMetrics.compute(state, ClassificationConfig(labels: ["a", "b", "c"]))
        #expect(m.metrics["accuracy"] == 0.25)
        let c = m.perClass[2].metrics
        #expect(c["recall"] == 0)          // both rows of 'c' lack a prediction
        #expect(c["fn"] == 2)
        #expect(c["precision"]! == 0)      // 'c' predicted once, wrongly
        #expect(m.perClass[0].metrics["fp"] == 0)  // a missing prediction is no false positive
        #expect(m.notes.contains { $0.contains("2 rows had no prediction") })
    }

    @Test func binaryMissingIsTheWrongDecision() {
        var state = ClassificationState(classCount: 2)
        state.add(truth: 1, predicted: -1)  // positive without prediction → FN
        state.add(truth: 0, predicted: -1)  // negative without prediction → FP
        state.add(truth: 1, predicted: 1)
        let m = ClassificationMetrics.compute(state, ClassificationConfig(labels: ["0", "1"], positive: 1))
        #expect(m.metrics["tp"] == 1)
        #expect(m.metrics["fn"] == 1)
        #expect(m.metrics["fp"] == 1)
        #expect(m.metrics["tn"] == 0)
        #expect(m.confusion?.counts == [[0, 1], [1, 1]])
    }

    @Test func growingKeepsCounts() {
        var state = ClassificationState(classCount: 2)
        state.add(truth: 1, predicted: 0)
        state.add(truth: 0, predicted: -1)
        state.ensureClassCount(4)
        state.add(truth: 3, predicted: 1)
        #expect(state.classCount == 4)
        #expect(state.count(truth: 1, predicted: 0) == 1)
        #expect(state.count(truth: 3, predicted: 1) == 1)
        #expect(state.missing(truth: 0) == 1)
        #expect(state.count == 3)
    }

    @Test func operatingPointsOnAHandMadeCurve() {
        // descending: 0.9 P, 0.8 N, 0.7 P, 0.6 N, 0.5 P  (P = 3, N = 2)
        var state = ClassificationState(classCount: 2, keepsScores: true)
        for (score, positive) in [(0.9, true), (0.8, false), (0.7, true), (0.6, false), (0.5, true)] {
            state.add(truth: positive ? 1 : 0, predicted: score >= 0.65 ? 1 : 0)
            state.addScore(score, positive: positive)
        }
        let config = ClassificationConfig(
            labels: ["0", "1"], positive: 1,
            operatingPoints: [.init(.fpr, 0.5), .init(.recall, 0.6), .init(.precision, 0.6), .init(.fpr, 0)],
            threshold: 0.65)
        let m = ClassificationMetrics.compute(state, config)
        #expect(m.metrics["threshold@fpr=0.5"] == 0.7)   // tp 2 at fpr 0.5 (0.8 has tp 1)
        #expect(m.metrics["recall@fpr=0.5"] == 2.0 / 3)
        #expect(m.metrics["threshold@recall=0.6"] == 0.7)
        #expect(m.metrics["threshold@precision=0.6"] == 0.5)  // 3/5, the lowest threshold
        #expect(m.metrics["f1@precision=0.6"] == 0.75)
        #expect(m.metrics["threshold@fpr=0.0"] == 0.9)
        #expect(m.operatingPoints.count == 4)
        #expect(m.operatingPoints[0].threshold == 0.7)
        #expect(m.notes.contains("hard predictions: positive when score >= 0.65"))
    }

    @Test func unreachableTargetIsUndefinedWithAReason() {
        var state = ClassificationState(classCount: 2, keepsScores: true)
        state.add(truth: 0, predicted: 0)
        state.addScore(0.9, positive: false)
        state.add(truth: 1, predicted: 0)
        state.addScore(0.1, positive: true)
        let m = ClassificationMetrics.compute(
            state, ClassificationConfig(labels: ["0", "1"], positive: 1, operatingPoints: [.init(.precision, 0.9)]))
        #expect(m.metrics["threshold@precision=0.9"]!.isNaN)
        #expect(m.metrics.undefinedReasons["threshold@precision=0.9"] == "no threshold reaches precision >= 0.9")
    }

    @Test(arguments: ZeroDivisionPolicy.allCases)
    func policyIsNotedOrUndefinedValuesHaveReasons(_ policy: ZeroDivisionPolicy) {
        var state = ClassificationState(classCount: 2)
        state.add(truth: 0, predicted: 0)
        state.add(truth: 1, predicted: 0)
        let config = ClassificationConfig(labels: ["n", "p"], positive: 1, zeroDivision: policy)
        let m = ClassificationMetrics.compute(state, config)
        #expect(agrees(m.metrics["precision"]!, policy.value, tolerance: 0))
        #expect(agrees(m.metrics["mcc"]!, policy.value, tolerance: 0))
        if policy == .nan {
            #expect(m.metrics.undefinedReasons["precision"] == "0/0: no sample was predicted as 'p'")
            #expect(m.notes.contains { $0.hasPrefix("undefined on this data, reported as null: ") })
        } else {
            #expect(m.notes.contains { $0.hasPrefix("zero_division=\(policy.rawValue) set ") && $0.contains("mcc") })
            #expect(m.metrics.undefinedReasons.isEmpty)
        }
    }

    @Test func emptyStateIsUndefinedNotZero() {
        let m = ClassificationMetrics.compute(
            ClassificationState(classCount: 3), ClassificationConfig(labels: ["a", "b", "c"], zeroDivision: .zero))
        #expect(m.metrics["accuracy"]!.isNaN)
        #expect(m.metrics["balanced_accuracy"]!.isNaN)
        #expect(m.count == 0)
    }
}
