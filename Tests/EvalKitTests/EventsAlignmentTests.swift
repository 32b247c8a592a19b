import Foundation
import Testing
@testable import EvalKit
import EvalKitData

/// `event_alignment-<n>.csv`: every reference and system event with its outcome under the
/// event-based criterion, from the matching that counts the metrics, so its rows add up to the
/// reported counts (docs/schemes.md, "Task `events`").
@Suite struct EventsAlignmentTests {
    /// Two videos, two classes (v3 has no events). Under the default collars (0.2 s, 50%):
    /// v1: fall s0 matches r0; run s1 starts 0.3 s late (r1 missed, s1 a false alarm);
    /// v2: run s0 fits fall r0 with another label (a substitution); r1 missed; s1 a false alarm.
    static func tinyScheme(extra: String = "") throws -> String {
        let directory = try temporaryDirectory()
        try write("video,onset,offset,label\nv1,1.0,3.5,fall\nv1,5.0,9.0,run\nv2,0.5,2.0,fall\nv2,10.0,12.5,run\n",
                  to: "reference.csv", in: directory)
        try write("video,onset,offset,label\nv1,1.1,3.4,fall\nv1,5.3,7.0,run\nv2,0.4,2.1,run\nv2,15.0,16.0,fall\n",
                  to: "estimated.csv", in: directory)
        try write("video,duration,camera\nv1,20,a\nv2,30.5,b\nv3,10,a\n", to: "videos.csv", in: directory)
        try write("""
            {"evalkit_dataset": 1, "name": "tiny-events", "files": [
             {"path": "reference.csv", "role": "ground_truth"}, {"path": "videos.csv", "role": "metadata"}],
             "columns": {"id": "video", "label": "label", "attributes": ["camera"]}}
            """, to: "dataset.json", in: directory)
        return try write("""
            {"evalkit": 1, "name": "tiny", "task": "events", "dataset": "dataset.json", "predictions": {"path": "estimated.csv"},
             "slices": [["camera"]], "min_slice_size": 1 \(extra)}
            """, to: "scheme.json", in: directory)
    }

    static func table(_ computed: ComputedMetrics) -> ItemTable? {
        computed.itemTables.first { $0.name == "event_alignment" }
    }

    @Test func everyEventWithItsOutcomeAndPartner() throws {
        let result = try runScheme(try Self.tinyScheme())
        let computed = result.evaluations[0].computed
        let table = try #require(Self.table(computed))
        #expect(table.columns == ["video", "source", "id", "label", "onset", "offset", "outcome", "partner"])
        #expect(table.rows == [
            ["v1", "reference", "r0", "fall", "1", "3.5", "matched", "s0"],
            ["v1", "reference", "r1", "run", "5", "9", "missed", ""],
            ["v1", "system", "s0", "fall", "1.1", "3.4", "matched", "r0"],
            ["v1", "system", "s1", "run", "5.3", "7", "false_alarm", ""],
            ["v2", "reference", "r0", "fall", "0.5", "2", "substituted", "s0"],
            ["v2", "reference", "r1", "run", "10", "12.5", "missed", ""],
            ["v2", "system", "s0", "run", "0.4", "2.1", "substituted", "r0"],
            ["v2", "system", "s1", "fall", "15", "16", "false_alarm", ""],
        ])
        let m = computed.metrics
        #expect(m["event_tp"] == 1 && m["event_substitutions"] == 1 && m["event_fn"] == 2 && m["event_fp"] == 2)
        // A slice computes its own videos' rows (v1 and v3 have camera a).
        #expect(result.evaluations[0].slices.count == 2)
    }

    /// Greedy matching: the same table shape, the pairs greedy matching chose.
    @Test func followsGreedyMatching() throws {
        let result = try runScheme(try Self.tinyScheme(extra: #", "options": {"matching": "greedy", "t_collar": 0.5}"#))
        let table = try #require(Self.table(result.evaluations[0].computed))
        // With a 0.5 s collar, v1's run s1 (0.3 s late) matches r1.
        #expect(table.rows.filter { $0[0] == "v1" }.map { $0[6] } == ["matched", "matched", "matched", "matched"])
        Self.expectRowsAddUp(table, result.evaluations[0].computed.metrics)
    }

    /// On the shipped synthetic videos (Schemes/events-dcase.json's data and event options, without
    /// its intervals and PSDS, to keep the test short): the rows add up to the reported counts,
    /// every partner points back, and the state (alignment included) reads back from its bytes
    /// as written.
    @Test func rowsAddUpToTheReportedCounts() throws {
        let data = repositoryRoot + "/Datasets/video-events-synthetic/"
        let scheme = try write("""
            {"evalkit": 1, "name": "dcase-like", "task": "events", "dataset": "\(data)dataset.json",
             "predictions": {"path": "\(data)estimated.csv", "score": "score"},
             "options": {"time_resolution": 1.0, "t_collar": 0.2, "percentage_of_length": 0.5, "matching": "optimal"},
             "slices": [["camera"], ["lighting"]], "min_slice_size": 5}
            """, to: "scheme.json", in: try temporaryDirectory())
        let planned = try Engine.plan(schemePath: scheme)
        let result = try Engine.run(planned)
        let computed = result.evaluations[0].computed
        let table = try #require(Self.table(computed))
        #expect(table.rows.count > 100)
        Self.expectRowsAddUp(table, computed.metrics)
        var ids: [String: [String]] = [:]
        for row in table.rows { ids[row[0] + " " + row[2]] = row }
        for row in table.rows where !row[7].isEmpty {
            #expect(ids[row[0] + " " + row[7]]?[7] == row[2], "\(row): its partner does not point back")
            #expect(ids[row[0] + " " + row[7]]?[6] == row[6], "\(row): its partner has another outcome")
        }
        for (spec, task) in planned.evaluations { try PortableStateTests.roundTrips(task, spec: spec) }
    }

    static func expectRowsAddUp(_ table: ItemTable, _ metrics: MetricValues, sourceLocation: SourceLocation = #_sourceLocation) {
        func count(_ source: String, _ outcome: String) -> Double {
            Double(table.rows.filter { $0[1] == source && $0[6] == outcome }.count)
        }
        #expect(count("reference", "matched") == metrics["event_tp"], sourceLocation: sourceLocation)
        #expect(count("system", "matched") == metrics["event_tp"], sourceLocation: sourceLocation)
        #expect(count("reference", "substituted") == metrics["event_substitutions"], sourceLocation: sourceLocation)
        #expect(count("system", "substituted") == metrics["event_substitutions"], sourceLocation: sourceLocation)
        #expect(count("reference", "missed") == metrics["event_fn"], sourceLocation: sourceLocation)
        #expect(count("system", "false_alarm") == metrics["event_fp"], sourceLocation: sourceLocation)
        #expect(Double(table.rows.filter { $0[1] == "reference" }.count) == metrics["reference_events"], sourceLocation: sourceLocation)
        #expect(Double(table.rows.filter { $0[1] == "system" }.count) == metrics["system_events"], sourceLocation: sourceLocation)
    }
}
