import Foundation
import Testing
@testable import EvalKit
import EvalKitData

/// A scheme with several evaluations: top-level keys are defaults, each entry may override them.
@Suite struct MultiEvaluationTests {
    @Test func twoModelsOneDatasetWithSharedDefaults() throws {
        let p = try Project()
        _ = try p.write()
        try write("id,pred,score\n1,1,0.9\n2,1,0.6\n3,1,0.8\n4,0,0.3\n", to: "preds-b.csv", in: p.directory)
        let scheme = try write("""
            {"evalkit": 1, "name": "compare", "task": "classification", "dataset": "dataset.json",
             "options": {"positive": "1"}, "metrics": ["f1", "precision", "recall"],
             "gates": [{"metric": "recall", "min": 0.75}],
             "evaluations": [
               {"name": "model-a", "predictions": {"path": "preds.csv", "label": "pred", "score": "score"}},
               {"name": "model-b", "predictions": {"path": "preds-b.csv", "label": "pred", "score": "score"},
                "gates": [{"metric": "precision", "min": 0.9}]}
             ]}
            """, to: "multi.json", in: p.directory)
        let result = try runScheme(scheme)
        #expect(result.evaluations.map(\.name) == ["model-a", "model-b"])
        #expect(result.evaluations[0].computed.metrics.keys == ["precision", "recall", "f1"])
        // model-a: tp 1 (id 1), fn 1 (id 3), fp 1 (id 4): recall 0.5 < 0.75 fails the shared gate.
        #expect(result.gates.map(\.evaluation) == ["model-a", "model-b"])
        #expect(result.gates[0].gate == "recall >= 0.75" && !result.gates[0].passed)
        // model-b overrides the gates: precision 2/3 < 0.9 fails.
        #expect(result.gates[1].gate == "precision >= 0.9" && !result.gates[1].passed)
        #expect(close(result.evaluations[1].computed.metrics["precision"], 2.0 / 3.0))
        #expect(!result.passed)
    }

    @Test func duplicateEvaluationNamesAreRefused() throws {
        let p = try Project()
        _ = try p.write()
        let scheme = try write("""
            {"evalkit": 1, "name": "dup", "task": "classification", "dataset": "dataset.json",
             "predictions": {"path": "preds.csv", "label": "pred"},
             "evaluations": [{"name": "a"}, {"name": "a"}]}
            """, to: "dup.json", in: p.directory)
        #expect(runError(scheme).contains("duplicate evaluation name \"a\""))
    }

    @Test func undefinedMetricFailsItsGateWithTheReason() throws {
        var p = try Project()
        p.predictions = "id,pred,score\n1,0,0.1\n2,0,0.2\n3,0,0.4\n4,0,0.3\n"
        p.scheme = p.scheme.replacingOccurrences(
            of: "\"options\": {\"positive\": \"1\"}", with: "\"options\": {\"positive\": \"1\"}, \"gates\": [{\"metric\": \"precision\", \"min\": 0.5}]")
        let result = try runScheme(try p.write())
        #expect(result.evaluations[0].computed.metrics["precision"]!.isNaN)
        #expect(!result.gates[0].passed)
        #expect(result.gates[0].observed == nil)
        #expect(result.gates[0].message.contains("precision is undefined"), "\(result.gates[0].message)")
        #expect(result.evaluations[0].notes.contains { $0.hasPrefix("precision is undefined") })
    }
}
