import Testing
@testable import EvalKitMetrics

/// Merge, row-order and target-renaming invariances of every multilabel metric.
@Suite struct MultilabelInvarianceTests {
    struct Sample: Sendable {
        var truth: [Int32]
        var predicted: [Int32]
        var scores: [Double]
    }

    static let names = ["smile", "glasses", "hat", "beard"]
    static let policies: [ZeroDivisionPolicy] = [.nan, .zero, .one]

    static func samples(seed: UInt64, count: Int = 300) -> [Sample] {
        var g = SeededGenerator(seed: seed)
        let prevalence = [0.5, 0.3, 0.1, 0.02]
        return (0..<count).map { _ in
            let truth = prevalence.map { Double.random(in: 0..<1, using: &g) < $0 ? Int32(1) : 0 }
            let scores = truth.map {
                (((Double($0) - 0.5) * 0.6 + Double.random(in: 0..<1, using: &g)) * 100).rounded() / 100
            }
            let predicted = scores.map { s -> Int32 in
                Double.random(in: 0..<1, using: &g) < 0.03 ? -1 : (s >= 0.5 ? 1 : 0)
            }
            return Sample(truth: truth, predicted: predicted, scores: scores)
        }
    }

    static func state(_ samples: some Sequence<Sample>) -> MultilabelState {
        var state = MultilabelState(targetCount: names.count, keepsScores: true)
        for s in samples { state.addRow(truth: s.truth, predicted: s.predicted, scores: s.scores) }
        return state
    }

    static func config(_ policy: ZeroDivisionPolicy, names: [String] = names) -> ClassificationConfig {
        ClassificationConfig(labels: names, zeroDivision: policy, beta: 2)
    }

    @Test(arguments: policies, [UInt64(1), 2, 3])
    func mergeOfShardsEqualsOneState(_ policy: ZeroDivisionPolicy, _ seed: UInt64) {
        let rows = Self.samples(seed: seed)
        let whole = MultilabelMetrics.compute(Self.state(rows), Self.config(policy))
        #expect(whole.metrics.keys == MultilabelMetrics.metricNames(hasScores: true, beta: true))
        var g = SeededGenerator(seed: seed &* 31)
        let states = split(rows, into: 2 + Int(seed % 4), using: &g).map { Self.state($0) }
        for (name, order) in mergeOrders(states.count, using: &g) {
            let merged = MultilabelMetrics.compute(merge(states, order: order), Self.config(policy))
            #expect(differences(merged, whole, tolerance: 1e-12) == [], "\(name)")
        }
        let tree = MultilabelMetrics.compute(mergeTree(states[...]), Self.config(policy))
        #expect(differences(tree, whole, tolerance: 1e-12) == [], "tree")
    }

    @Test(arguments: policies)
    func rowOrderDoesNotMatter(_ policy: ZeroDivisionPolicy) {
        var rows = Self.samples(seed: 7)
        let before = MultilabelMetrics.compute(Self.state(rows), Self.config(policy))
        var g = SeededGenerator(seed: 8)
        rows.shuffle(using: &g)
        let after = MultilabelMetrics.compute(Self.state(rows), Self.config(policy))
        #expect(differences(after, before, tolerance: 1e-12) == [])
    }

    @Test(arguments: policies)
    func renamingTargetsPermutesPerTargetValues(_ policy: ZeroDivisionPolicy) {
        let rows = Self.samples(seed: 9)
        let permutation = [2, 0, 3, 1]  // old target j moves to column permutation[j]
        func permuted<T>(_ values: [T]) -> [T] {
            var out = values
            for (j, p) in permutation.enumerated() { out[p] = values[j] }
            return out
        }
        let renamed = rows.map {
            Sample(truth: permuted($0.truth), predicted: permuted($0.predicted), scores: permuted($0.scores))
        }
        let before = MultilabelMetrics.compute(Self.state(rows), Self.config(policy))
        let after = MultilabelMetrics.compute(Self.state(renamed), Self.config(policy, names: permuted(Self.names)))
        #expect(differences(before, after, tolerance: 1e-12) == [])
        #expect(after.perClass.map(\.label) == permuted(Self.names))
    }

    @Test func perTargetKeysAreComplete() {
        let computed = MultilabelMetrics.compute(Self.state(Self.samples(seed: 1)), Self.config(.nan))
        for (_, values) in computed.perClass {
            #expect(values.keys == MultilabelMetrics.perTargetMetricNames(hasScores: true, beta: true))
        }
    }
}
