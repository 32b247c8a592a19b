import Foundation
import Testing
import EvalKit
import EvalKitData
@testable import EvalKitStore

/// One real run through the engine (a tiny scheme, no intervals), recorded beside its scheme.
@Suite struct EngineRecordTests {
    @Test func anEngineRunRecordsBesideItsScheme() throws {
        let directory = try temporaryDirectory()
        let files = [
            "truth.csv": "id,label,group\n1,1,a\n2,0,a\n3,1,a\n4,0,a\n5,1,b\n6,0,b\n7,1,b\n8,0,b\n",
            "preds.csv": "id,pred,score\n1,1,0.9\n2,0,0.2\n3,1,0.8\n4,1,0.6\n5,0,0.4\n6,1,0.7\n7,0,0.3\n8,0,0.1\n",
            "dataset.json": """
                {"evalkit_dataset": 1, "name": "tiny", "license": "CC0-1.0", "source": "test",
                 "files": [{"path": "truth.csv", "role": "ground_truth", "format": "csv"}],
                 "columns": {"id": "id", "label": "label", "attributes": ["group"]}}
                """,
            "scheme.json": """
                {"evalkit": 1, "name": "tiny", "task": "classification", "dataset": "dataset.json",
                 "predictions": {"path": "preds.csv", "label": "pred", "score": "score"},
                 "options": {"positive": "1"}, "slices": [["group"]], "min_slice_size": 1,
                 "gates": [{"metric": "f1", "min": 0.9}]}
                """,
        ]
        for (name, text) in files { try text.write(toFile: directory + "/" + name, atomically: true, encoding: .utf8) }
        let schemePath = directory + "/scheme.json"
        let started = Date()
        let result = try Engine.run(try Engine.plan(schemePath: schemePath))
        let path = RunHistory.location(override: nil, environment: [:], directory: directory)
        #expect(path == directory + "/.evalkit/history.sqlite")
        let history = try RunHistory(path: path)
        let status: Int32 = result.passed ? 0 : 1
        let id = try history.record(
            result, provenance: .capture(schemePath: schemePath, startedAt: started, finishedAt: Date(), exitStatus: status),
            tag: nil)
        let run = try #require(try history.latestRun(scheme: "tiny"))
        #expect(run.id == id && !run.passed && run.provenance.exitStatus == 1 && run.provenance.gitCommit == nil)
        #expect(run.schemeSHA256 == result.schemeSHA256 && run.schemeSHA256.count == 64)
        let evaluation = run.evaluations[0]
        #expect(evaluation.datasetSHA256 == result.evaluations[0].datasetSHA256 && evaluation.count == 8)
        expectSame(evaluation.metrics, result.evaluations[0].computed.metrics, result.evaluations[0].intervals)
        #expect(evaluation.slices.map(\.key) == ["group=a", "group=b"])
        for (stored, original) in zip(evaluation.slices, result.evaluations[0].slices) {
            expectSame(stored.metrics, original.metrics, original.intervals)
        }
        #expect(run.gates.map(\.passed) == [false] && run.gates[0].observed == result.gates[0].observed)
        #expect(try history.trend(scheme: "tiny", metric: "recall", evaluation: nil, slice: "group=b").map(\.value) == [0])
    }
}
