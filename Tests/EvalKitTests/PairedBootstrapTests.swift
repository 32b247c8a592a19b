import Foundation
import Testing
@testable import EvalKit
import EvalKitData
import EvalKitMetrics

/// evalkit's paired bootstrap of a metric's drop (joint multinomial over (truth, before, after)
/// cells) against a plain numpy paired row bootstrap on the same items
/// (Tests/Fixtures/paired/make_fixtures.py, 2,000 replicates): agreement within Monte Carlo error.
@Suite struct PairedBootstrapTests {
    struct Fixture: Decodable {
        var y: [Int]
        var before: [Int]
        var after: [Int]
        var f1_before: Double
        var f1_after: Double
        var numpy_drop_interval: [Double]
    }

    @Test func agreesWithANumpyRowBootstrap() throws {
        let url = URL(fileURLWithPath: repositoryRoot + "/Tests/Fixtures/paired/paired_bootstrap.json")
        let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
        let directory = try temporaryDirectory()
        var truth = "id,label\n"
        var before = "id,pred\n"
        var after = "id,pred\n"
        for i in fixture.y.indices {
            truth += "\(i),\(fixture.y[i])\n"
            before += "\(i),\(fixture.before[i])\n"
            after += "\(i),\(fixture.after[i])\n"
        }
        try write(truth, to: "truth.csv", in: directory)
        try write(before, to: "before.csv", in: directory)
        try write(after, to: "after.csv", in: directory)
        func scheme(_ predictions: String) throws -> String {
            try write("""
                {"evalkit": 1, "name": "paired", "task": "classification",
                 "dataset": {"name": "d", "files": [{"path": "truth.csv", "role": "ground_truth"}], "columns": {"id": "id", "label": "label"}},
                 "predictions": {"path": "\(predictions)", "label": "pred"}, "options": {"positive": "1"},
                 "intervals": {"replicates": 2000, "seed": 3}}
                """, to: "\(predictions).json", in: directory)
        }
        let first = try Engine.run(try Engine.plan(schemePath: try scheme("before.csv")), recordOutcomes: true)
        let planned = try Engine.plan(schemePath: try scheme("after.csv"))
        let second = try Engine.run(planned, recordOutcomes: true)
        #expect(close(first.evaluations[0].computed.metrics["f1"], fixture.f1_before, tolerance: 1e-12))
        #expect(close(second.evaluations[0].computed.metrics["f1"], fixture.f1_after, tolerance: 1e-12))
        let change = try #require(try (planned.evaluations[0].task as! any PairedTesting).pairedChange(
            metric: "f1", candidate: second.evaluations[0].outcomes!, baseline: first.evaluations[0].outcomes!,
            options: IntervalOptions(replicates: 2000, seed: 3), slice: nil))
        #expect(change.method == .pairedBootstrap && change.items == fixture.y.count)
        let interval = try #require(change.dropInterval)
        // Monte Carlo error of a 2,000-replicate percentile end here is about 0.002.
        #expect(abs(interval.lower - fixture.numpy_drop_interval[0]) < 0.005, "\(interval) vs \(fixture.numpy_drop_interval)")
        #expect(abs(interval.upper - fixture.numpy_drop_interval[1]) < 0.005, "\(interval) vs \(fixture.numpy_drop_interval)")
        // McNemar on accuracy for the same pair of runs.
        let accuracy = try #require(try (planned.evaluations[0].task as! any PairedTesting).pairedChange(
            metric: "accuracy", candidate: second.evaluations[0].outcomes!, baseline: first.evaluations[0].outcomes!,
            options: IntervalOptions(), slice: nil))
        #expect(accuracy.method == .mcnemar && accuracy.pValue! < 0.05)
    }
}
