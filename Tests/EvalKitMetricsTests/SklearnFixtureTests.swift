import Testing
@testable import EvalKitMetrics

/// Every metric value against scikit-learn 1.9.1 (Tests/Fixtures/sklearn/make_fixtures.py),
/// absolute tolerance 1e-9, NaN equal to NaN.
@Suite struct SklearnFixtureTests {
    static let tolerance = 1e-9

    @Test func fixtureFileLoads() throws {
        let cases = try SklearnFixtures.load()
        #expect(cases.count >= 20)
        #expect(Set(cases.map(\.kind)) == ["binary", "multiclass", "multilabel"])
    }

    @Test(arguments: SklearnFixtures.cases)
    func agreesWithScikitLearn(_ fixture: FixtureCase) {
        let computed: ComputedMetrics
        let expectedOrder: [String]
        let perClassOrder: [String]
        if fixture.kind == "multilabel" {
            computed = MultilabelMetrics.compute(Self.multilabelState(fixture), fixture.config)
            expectedOrder = MultilabelMetrics.metricNames(hasScores: true, beta: true)
            perClassOrder = MultilabelMetrics.perTargetMetricNames(hasScores: true, beta: true)
        } else {
            let rowByRow = ClassificationMetrics.compute(Self.stateRowByRow(fixture), fixture.config)
            computed = ClassificationMetrics.compute(Self.stateInBatches(fixture), fixture.config)
            #expect(differences(rowByRow, computed, tolerance: 0) == [], "batch and row updates differ")
            expectedOrder = ClassificationMetrics.metricNames(
                binary: fixture.isBinary, hasScores: fixture.scores != nil, beta: true)
                + fixture.config.operatingPoints.flatMap(\.metricKeys)
            perClassOrder = ClassificationMetrics.perClassMetricNames(beta: true)
        }

        #expect(computed.metrics.keys == expectedOrder)
        #expect(Set(computed.metrics.keys) == Set(fixture.expectedMetrics.keys))
        for (key, expected) in fixture.expectedMetrics.sorted(by: { $0.key < $1.key }) {
            let got = computed.metrics[key] ?? -.infinity
            #expect(agrees(got, expected, tolerance: Self.tolerance), "\(key): evalkit \(got), sklearn \(expected)")
            if got.isNaN { #expect(computed.metrics.undefinedReasons[key] != nil, "\(key) NaN without reason") }
        }

        #expect(computed.perClass.map(\.label) == fixture.config.labels)
        for (label, values) in computed.perClass {
            let expected = fixture.expectedPerClass[label] ?? [:]
            #expect(values.keys == perClassOrder, "per class '\(label)' keys")
            #expect(Set(values.keys) == Set(expected.keys), "per class '\(label)' key set")
            for (key, value) in expected.sorted(by: { $0.key < $1.key }) {
                let got = values[key] ?? -.infinity
                #expect(agrees(got, value, tolerance: Self.tolerance),
                        "'\(label)'.\(key): evalkit \(got), sklearn \(value)")
            }
        }

        if let confusion = fixture.expectedConfusion {
            #expect(computed.confusion?.counts == confusion)
            #expect(computed.confusion?.labels == fixture.config.labels)
        }
        #expect(computed.count == max(fixture.truth.count, fixture.truthRows.count))
    }

    static func stateRowByRow(_ f: FixtureCase) -> ClassificationState {
        var state = ClassificationState(classCount: f.config.labels.count, keepsScores: f.scores != nil)
        for i in f.truth.indices {
            state.add(truth: f.truth[i], predicted: f.predicted[i])
            if let scores = f.scores {
                state.addScore(scores[i], positive: f.truth[i] == Int32(f.config.positive!))
            }
        }
        return state
    }

    static func stateInBatches(_ f: FixtureCase) -> ClassificationState {
        var state = ClassificationState(classCount: f.config.labels.count, keepsScores: f.scores != nil)
        let cut = f.truth.count / 3
        for range in [0..<cut, cut..<f.truth.count] {
            let truth = Array(f.truth[range])
            let predicted = Array(f.predicted[range])
            truth.withUnsafeBufferPointer { t in
                predicted.withUnsafeBufferPointer { state.add(truth: t, predicted: $0) }
            }
            if let scores = f.scores {
                let slice = Array(scores[range])
                slice.withUnsafeBufferPointer { s in
                    truth.withUnsafeBufferPointer {
                        state.addScores(s, truth: $0, positiveClass: Int32(f.config.positive!))
                    }
                }
            }
        }
        return state
    }

    static func multilabelState(_ f: FixtureCase) -> MultilabelState {
        var state = MultilabelState(targetCount: f.config.labels.count, keepsScores: true)
        for i in f.truthRows.indices {
            state.addRow(truth: f.truthRows[i], predicted: f.predictedRows[i], scores: f.scoreRows[i])
        }
        return state
    }
}
