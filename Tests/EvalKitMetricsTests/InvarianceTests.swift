import Testing
@testable import EvalKitMetrics

/// The invariances every single-target metric must have (scikit-learn's test_common.py style):
/// merging shards (docs/design.md §2), row order, and renaming the classes. Each test compares every
/// key of `metricNames`, every per-class value and the operating points.
@Suite struct InvarianceTests {
    static let seeds: [UInt64] = [1, 2, 3, 4]
    static let tolerance = 1e-12

    @Test(arguments: Scenario.all, seeds)
    func mergeOfShardsEqualsOneState(_ scenario: Scenario, _ seed: UInt64) {
        let rows = scenario.makeRows(seed: seed)
        let whole = scenario.compute(scenario.state(rows))
        #expect(whole.metrics.keys == scenario.expectedKeys)
        var g = SeededGenerator(seed: seed &* 7919)
        let shards = split(rows, into: 2 + Int(seed % 4), using: &g)
        let states = shards.map { scenario.state($0) }
        for (name, order) in mergeOrders(states.count, using: &g) {
            let merged = merge(states, order: order)
            #expect(differences(scenario.compute(merged), whole, tolerance: Self.tolerance) == [], "\(name)")
        }
        let tree = mergeTree(states[...])
        #expect(differences(scenario.compute(tree), whole, tolerance: Self.tolerance) == [], "tree")
        #expect(tree.count == Int64(rows.count))
    }

    @Test(arguments: Scenario.all, seeds)
    func rowOrderDoesNotMatter(_ scenario: Scenario, _ seed: UInt64) {
        var rows = scenario.makeRows(seed: seed)
        let before = scenario.compute(scenario.state(rows))
        var g = SeededGenerator(seed: seed &+ 99)
        rows.shuffle(using: &g)
        #expect(differences(scenario.compute(scenario.state(rows)), before, tolerance: Self.tolerance) == [])
    }

    @Test(arguments: Scenario.all, seeds)
    func renamingClassesPermutesPerClassValues(_ scenario: Scenario, _ seed: UInt64) {
        let rows = scenario.makeRows(seed: seed)
        let before = scenario.compute(scenario.state(rows))
        var g = SeededGenerator(seed: seed &+ 12345)
        var permutation = Array(0..<Int32(scenario.classCount))
        repeat { permutation.shuffle(using: &g) } while scenario.classCount > 1 && permutation == permutation.sorted()
        let renamed = rows.map {
            Row(truth: permutation[Int($0.truth)], predicted: $0.predicted < 0 ? -1 : permutation[Int($0.predicted)],
                score: $0.score)
        }
        var config = scenario.config
        for (old, new) in permutation.enumerated() { config.labels[Int(new)] = scenario.config.labels[old] }
        config.positive = scenario.config.positive.map { Int(permutation[$0]) }
        var moved = scenario
        moved.config = config
        let after = moved.compute(moved.state(renamed))

        #expect(differences(before, after, tolerance: Self.tolerance) == [])
        #expect(after.perClass.map(\.label) == config.labels)
        let b = before.confusion!.counts
        let a = after.confusion!.counts
        for i in 0..<scenario.classCount {
            for j in 0..<scenario.classCount {
                #expect(a[Int(permutation[i])][Int(permutation[j])] == b[i][j])
            }
        }
    }

    @Test func everyReportedKeyIsCoveredByTheTables() {
        for scenario in Scenario.all {
            let computed = scenario.compute(scenario.state(scenario.makeRows(seed: 1)))
            #expect(computed.metrics.keys == scenario.expectedKeys, "\(scenario.name)")
            for (_, values) in computed.perClass {
                #expect(values.keys == ClassificationMetrics.perClassMetricNames(beta: scenario.config.beta != nil))
            }
        }
    }
}

/// Splits `rows` at random cut points into `count` shards (some may be empty).
func split<T>(_ rows: [T], into count: Int, using g: inout SeededGenerator) -> [[T]] {
    let cuts = (0..<(count - 1)).map { _ in Int.random(in: 0...rows.count, using: &g) }.sorted()
    var shards: [[T]] = []
    var start = 0
    for cut in cuts + [rows.count] {
        shards.append(Array(rows[start..<cut]))
        start = cut
    }
    return shards
}

/// Merge orders to try: forward, backward and a random permutation.
func mergeOrders(_ count: Int, using g: inout SeededGenerator) -> [(String, [Int])] {
    let forward = Array(0..<count)
    return [("forward", forward), ("backward", forward.reversed()), ("random", forward.shuffled(using: &g))]
}

func merge<S: MergeableState>(_ states: [S], order: [Int]) -> S {
    var result = states[order[0]]
    for i in order.dropFirst() { result.merge(states[i]) }
    return result
}

/// Pairwise (balanced tree) merge.
func mergeTree<S: MergeableState>(_ states: ArraySlice<S>) -> S {
    if states.count == 1 { return states.first! }
    let middle = states.startIndex + states.count / 2
    var left = mergeTree(states[..<middle])
    left.merge(mergeTree(states[middle...]))
    return left
}
