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

    /// 2,000 replicates against numpy's row bootstrap (2,000 replicates): the percentile ends
    /// agree within 0.01 and the standard deviations within 15% (Monte Carlo error of each is
    /// about a third of that).
    @Test func agreesWithANumpyRowBootstrap() throws {
        let f = try #require(Self.fixture)
        let cells = Self.cells(f)
        let options = IntervalOptions(replicates: f.replicates, seed: 1)
        var series: [String: [Double]] = [:]
        for r in 0..<f.replicates {
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

    @Test func patternRoundTrip() {
        var pattern = OutcomePattern()
        let outcomes: [(Int32, Int32)] = (0..<OutcomePattern.maxTargets).map { j in (Int32(j % 2), Int32(j % 3) - 1) }
        for (j, o) in outcomes.enumerated() { pattern.set(j, truth: o.0, predicted: o.1) }
        for (j, o) in outcomes.enumerated() { #expect(pattern.outcome(j) == o) }
    }
}
