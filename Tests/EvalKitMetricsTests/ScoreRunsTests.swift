import Testing
@testable import EvalKitMetrics

/// ScoreRuns compaction, merging and rank metrics against direct computations.
@Suite struct ScoreRunsTests {
    struct Scored: Sendable {
        var score: Double
        var positive: Bool
    }

    static func data(_ count: Int, seed: UInt64, decimals: Double = 2) -> [Scored] {
        var g = SeededGenerator(seed: seed)
        let scale = decimals == 1 ? 10.0 : 100.0
        return (0..<count).map { _ in
            let positive = Double.random(in: 0..<1, using: &g) < 0.3
            var score = ((positive ? 0.3 : -0.3) + Double.random(in: -1...1, using: &g)) * scale
            score = score.rounded() / scale
            if Int.random(in: 0..<50, using: &g) == 0 { score = -0.0 }
            return Scored(score: score, positive: positive)
        }
    }

    /// Runs built by grouping equal scores (ascending).
    static func referenceRuns(_ data: [Scored]) -> [ScoreRuns.Run] {
        var groups: [Double: (Int64, Int64)] = [:]
        for d in data {
            let key = d.score == 0 ? 0.0 : d.score
            groups[key, default: (0, 0)].0 += d.positive ? 1 : 0
            groups[key, default: (0, 0)].1 += d.positive ? 0 : 1
        }
        return groups.keys.sorted().map { ScoreRuns.Run(score: $0, positives: groups[$0]!.0, negatives: groups[$0]!.1) }
    }

    static func runs(_ data: some Sequence<Scored>, limit: Int) -> ScoreRuns {
        var runs = ScoreRuns(pendingLimit: limit)
        for d in data { runs.add(d.score, positive: d.positive) }
        return runs
    }

    @Test(arguments: [1, 7, 64, 1000, ScoreRuns.defaultPendingLimit], [UInt64(1), 2])
    func compactionMatchesGrouping(_ limit: Int, _ seed: UInt64) {
        let data = Self.data(3000, seed: seed)
        let runs = Self.runs(data, limit: limit)
        #expect(runs.pendingCount < max(limit, runs.runCount))  // the bound follows the runs
        #expect(runs.runs == Self.referenceRuns(data))
        #expect(runs.count == 3000)
        #expect(runs.positiveCount == Int64(data.filter(\.positive).count))
    }

    @Test(arguments: [5, 300, ScoreRuns.defaultPendingLimit])
    func batchAddEqualsSingleAdds(_ limit: Int) {
        let data = Self.data(2000, seed: 3)
        let scores = data.map(\.score)
        let positives = data.map(\.positive)
        let truth = data.map { $0.positive ? Int32(1) : 0 }
        var a = ScoreRuns(pendingLimit: limit)
        var b = ScoreRuns(pendingLimit: limit)
        scores.withUnsafeBufferPointer { s in positives.withUnsafeBufferPointer { a.add(scores: s, positives: $0) } }
        scores.withUnsafeBufferPointer { s in
            truth.withUnsafeBufferPointer { b.add(scores: s, truth: $0, positiveClass: 1) }
        }
        let expected = Self.runs(data, limit: limit).runs
        #expect(a.runs == expected)
        #expect(b.runs == expected)
    }

    @Test(arguments: [UInt64(1), 2, 3, 4])
    func mergeInAnyOrderGivesTheSameRuns(_ seed: UInt64) {
        let data = Self.data(2500, seed: seed)
        var g = SeededGenerator(seed: seed)
        let shards = split(data, into: 2 + Int(seed % 4), using: &g).enumerated().map {
            Self.runs($0.element, limit: [3, 50, 1 << 20][$0.offset % 3])
        }
        let expected = Self.referenceRuns(data)
        for (_, order) in mergeOrders(shards.count, using: &g) {
            #expect(merge(shards, order: order).runs == expected)
        }
        #expect(mergeTree(shards[...]).runs == expected)
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func rocAUCIsThePairwiseProbability(_ seed: UInt64) {
        let data = Self.data(600, seed: seed, decimals: 1)
        let positives = data.filter(\.positive).map(\.score)
        let negatives = data.filter { !$0.positive }.map(\.score)
        var wins = 0.0
        for p in positives {
            for n in negatives { wins += p > n ? 1 : (p == n ? 0.5 : 0) }
        }
        let expected = wins / Double(positives.count * negatives.count)
        let auc = Self.runs(data, limit: 100).rocAUC()!
        #expect(abs(auc - expected) < 1e-12)
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func averagePrecisionIsTheStepSum(_ seed: UInt64) {
        let data = Self.data(600, seed: seed, decimals: 1)
        let total = Double(data.filter(\.positive).count)
        var expected = 0.0
        var previousRecall = 0.0
        for t in Set(data.map { $0.score == 0 ? 0 : $0.score }).sorted(by: >) {
            let chosen = data.filter { $0.score >= t }
            let tp = Double(chosen.filter(\.positive).count)
            expected += (tp / total - previousRecall) * (tp / Double(chosen.count))
            previousRecall = tp / total
        }
        #expect(abs(Self.runs(data, limit: 64).averagePrecision()! - expected) < 1e-12)
    }

    @Test func undefinedRankMetrics() {
        var onlyNegatives = ScoreRuns()
        onlyNegatives.add(0.3, positive: false)
        #expect(onlyNegatives.rocAUC() == nil)
        #expect(onlyNegatives.averagePrecision() == nil)
        var onlyPositives = ScoreRuns()
        onlyPositives.add(0.3, positive: true)
        #expect(onlyPositives.rocAUC() == nil)
        #expect(onlyPositives.averagePrecision() == 1)
        #expect(ScoreRuns().runs.isEmpty)
    }

    @Test func bothZerosAreOneRun() {
        var runs = ScoreRuns(pendingLimit: 2)
        runs.add(-0.0, positive: true)
        runs.add(0.0, positive: false)
        runs.add(-0.0, positive: false)
        #expect(runs.runs == [ScoreRuns.Run(score: 0, positives: 1, negatives: 2)])
    }
}
