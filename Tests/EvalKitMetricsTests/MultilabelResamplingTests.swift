import Foundation
import Testing
@testable import EvalKitMetrics

/// The multilabel bootstrap (`MultilabelState+Resampling`): rows drawn whole through their
/// outcome-pattern counts.
@Suite struct MultilabelResamplingTests {
    struct Fixture: Decodable {
        var replicates: Int
        var truth: [[Int32]]
        var pred: [[Int32]]
        var values: [String: Double]
        var intervals: [String: [Double]]
        var std: [String: Double]
    }

    static let fixture: Fixture? = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/multilabel/bootstrap.json")
        return try? JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }()

    static let config = ClassificationConfig(labels: ["a", "b", "c", "d"], positive: 1)

    /// The fixture's rows split into three cells (row i in cell i % 3).
    static func cells(_ f: Fixture) -> [MultilabelState] {
        var cells = Array(repeating: MultilabelState(targetCount: 4), count: 3)
        for i in f.truth.indices { cells[i % 3].addRow(truth: f.truth[i], predicted: f.pred[i]) }
        return cells
    }

    static func merged(_ states: [MultilabelState]) -> MultilabelState {
        var total = MultilabelState(targetCount: 4)
        for s in states { total.merge(s) }
        return total
    }

    @Test func pointValuesAgreeWithScikitLearn() throws {
        let f = try #require(Self.fixture)
        let metrics = MultilabelMetrics.compute(Self.merged(Self.cells(f)), Self.config).metrics
        for (key, expected) in f.values {
            #expect(agrees(metrics[key] ?? .infinity, expected, tolerance: 1e-12), "\(key): \(metrics[key] ?? .nan) vs \(expected)")
        }
    }

    /// Rebuilding a state from its patterns, each drawn exactly once per row (the replicate in
    /// which every item is drawn once), gives the data's metrics bit for bit.
    @Test func everyItemOnceReplicateEqualsTheData() throws {
        let f = try #require(Self.fixture)
        let state = Self.merged(Self.cells(f))
        var rebuilt = MultilabelState(targetCount: 4)
        for (pattern, count) in try #require(state.patterns) { rebuilt.add(pattern, count: count) }
        let a = MultilabelMetrics.compute(state, Self.config).metrics
        let b = MultilabelMetrics.compute(rebuilt, Self.config).metrics
        #expect(a.keys == b.keys)
        for key in a.keys { #expect(a[key]!.bitPattern == b[key]!.bitPattern || (a[key]!.isNaN && b[key]!.isNaN), "\(key)") }
        #expect(rebuilt.patterns == state.patterns && rebuilt.rowCount == state.rowCount)
    }

    /// Same seed, same replicate; the joint draw keeps the total number of rows.
    @Test func replicatesAreSeededAndKeepTheRowCount() throws {
        let f = try #require(Self.fixture)
        let cells = Self.cells(f)
        let options = IntervalOptions(replicates: 10, seed: 5)
        var g1 = options.generator(replicate: 3)
        var g2 = options.generator(replicate: 3)
        let a = try #require(MultilabelState.resampledCounts(cells, using: &g1))
        let b = try #require(MultilabelState.resampledCounts(cells, using: &g2))
        #expect(a.map(\.patterns) == b.map(\.patterns))
        #expect(a.map(\.rowCount).reduce(0, +) == Int64(f.truth.count))
        #expect(a.map(\.rowCount) != cells.map(\.rowCount) || a.map(\.patterns) != cells.map(\.patterns))
        // Each replicate row has one of the data's patterns.
        let seen = Set(cells.flatMap { $0.patterns!.keys })
        #expect(a.allSatisfy { $0.patterns!.keys.allSatisfy(seen.contains) })
    }

    /// 1,000 replicates against numpy's row bootstrap (2,000 replicates): the percentile ends
    /// agree within 0.01 and the standard deviations within 15% (Monte Carlo error of each is
    /// about a third of that).
    @Test func agreesWithANumpyRowBootstrap() throws {
        let f = try #require(Self.fixture)
        let cells = Self.cells(f)
        let replicates = 1000
        let options = IntervalOptions(replicates: replicates, seed: 1)
        var series: [String: [Double]] = [:]
        for r in 0..<replicates {
            var generator = options.generator(replicate: r)
            let replicate = try #require(MultilabelState.resampledCounts(cells, using: &generator))
            let metrics = MultilabelMetrics.compute(Self.merged(replicate), Self.config).metrics
            for key in f.intervals.keys { series[key, default: []].append(metrics[key]!) }
        }
        for (key, expected) in f.intervals {
            let values = series[key]!
            let bounds = try #require(Intervals.bootstrapInterval(values, level: 0.95).bounds)
            #expect(abs(bounds.lower - expected[0]) < 0.01 && abs(bounds.upper - expected[1]) < 0.01,
                    "\(key): \(bounds) vs numpy \(expected)")
            let mean = values.reduce(0, +) / Double(values.count)
            let sd = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)).squareRoot()
            #expect(abs(sd / f.std[key]! - 1) < 0.15, "\(key): sd \(sd) vs numpy \(f.std[key]!)")
        }
    }

    /// More targets than a pattern holds: no count bootstrap (the engine then reports none).
    @Test func tooManyTargetsHaveNoPatterns() {
        var state = MultilabelState(targetCount: OutcomePattern.maxTargets + 1)
        state.addRow(truth: [Int32](repeating: 1, count: OutcomePattern.maxTargets + 1),
                     predicted: [Int32](repeating: 0, count: OutcomePattern.maxTargets + 1))
        var g = Xoshiro256StarStar(seed: 1)
        #expect(state.patterns == nil)
        #expect(MultilabelState.resampledCounts([state], using: &g) == nil)
    }

    /// Scored rows: two identical targets (same truth, same scores) and a third.
    static func scoredState(rows: Int, seed: UInt64) -> MultilabelState {
        var g = SeededGenerator(seed: seed)
        var state = MultilabelState(targetCount: 3, keepsScores: true)
        for _ in 0..<rows {
            let t: Int32 = Bool.random(using: &g) ? 1 : 0
            let u: Int32 = Bool.random(using: &g) ? 1 : 0
            let s = (Double(t) * 0.3 + Double.random(in: 0..<0.7, using: &g) * 100).rounded() / 100
            let v = Double.random(in: 0..<1, using: &g)
            state.addRow(truth: [t, t, u], predicted: [t, t, u], scores: [s, s, v])
        }
        return state
    }

    /// With the rows' own weights the rebuilt runs are the state's runs, so the replicate machinery
    /// starts from exactly the data.
    @Test func ownWeightsRebuildTheRuns() throws {
        var state = Self.scoredState(rows: 500, seed: 3)
        state.compactScoreRows()
        let rows = try #require(state.scoreRows)
        let rebuilt = rows.weightedRuns(rows.rowWeight)
        for j in 0..<3 {
            #expect(rebuilt[j].runs == state.targets[j].scores!.runs, "target \(j)")
        }
    }

    /// A replicate weights a row the same in every target: two identical targets keep identical
    /// AUCs in every replicate (drawn per target, they would differ), and the draws are seeded.
    @Test func scoreReplicatesCoupleTheTargets() throws {
        let state = Self.scoredState(rows: 300, seed: 4)
        var differs = false
        for r in 0..<20 {
            var g1 = Xoshiro256StarStar(seed: 9, stream: UInt64(r))
            var g2 = Xoshiro256StarStar(seed: 9, stream: UInt64(r))
            let a = state.poissonResampledScores(using: &g1)
            let b = state.poissonResampledScores(using: &g2)
            let auc0 = try #require(a.targets[0].scores!.rocAUC())
            #expect(auc0 == a.targets[1].scores!.rocAUC())
            #expect(auc0 == b.targets[0].scores!.rocAUC())
            if auc0 != state.targets[0].scores!.rocAUC() { differs = true }
        }
        #expect(differs)
    }

    @Test func patternRoundTrip() {
        var pattern = OutcomePattern()
        let outcomes: [(Int32, Int32)] = (0..<OutcomePattern.maxTargets).map { j in (Int32(j % 2), Int32(j % 3) - 1) }
        for (j, o) in outcomes.enumerated() { pattern.set(j, truth: o.0, predicted: o.1) }
        for (j, o) in outcomes.enumerated() { #expect(pattern.outcome(j) == o) }
    }
}
