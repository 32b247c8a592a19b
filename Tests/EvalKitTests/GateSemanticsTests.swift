import Foundation
import Testing
@testable import EvalKit
import EvalKitData

/// Every kind of gate, both directions, pass and fail, overall and per slice, on one small data
/// set: a: tp 2 fp 1 fn 0 tn 1 (precision 2/3, recall 1, fpr 0.5); b: tp 0 fp 1 fn 2 tn 1
/// (precision 0, recall 0, fpr 0.5); overall tp 2 fp 2 fn 2 tn 2 (every rate 0.5).
@Suite struct GateSemanticsTests {
    static let table: [(gate: String, passes: Bool)] = [
        (#"{"metric": "recall", "min": 0.5}"#, true),
        (#"{"metric": "recall", "min": 0.6}"#, false),
        (#"{"metric": "fpr", "max": 0.5}"#, true),
        (#"{"metric": "fpr", "max": 0.4}"#, false),
        (#"{"metric": "recall", "slice": {"group": "a"}, "min": 0.9}"#, true),
        (#"{"metric": "recall", "slice": {"group": "b"}, "min": 0.1}"#, false),
        (#"{"metric": "fpr", "slice": {"group": "b"}, "max": 0.5}"#, true),
        (#"{"metric": "fpr", "slices": "all", "max": 0.5}"#, true),
        (#"{"metric": "recall", "slices": "all", "min": 0.5}"#, false),
        (#"{"metric": "recall", "across": ["group"], "max_difference": 0.9}"#, false),
        (#"{"metric": "fpr", "across": ["group"], "max_difference": 0.1}"#, true),
        (#"{"metric": "precision", "across": ["group"], "min_ratio": 0.8}"#, false),
        (#"{"metric": "fpr", "across": ["group"], "max_ratio": 1.25}"#, true),
        (#"{"metric": "selection_rate", "across": ["group"], "min_ratio": 0.3}"#, true),  // 0.25 / 0.75
        (#"{"metric": "equalized_odds", "across": ["group"], "max_difference": 0.5}"#, false),
        (#"{"metric": "f1", "max_drop": 0.1}"#, true),
        (#"{"metric": "f1", "max_drop": 0.1, "without_baseline": "fail"}"#, false),
    ]

    @Test(arguments: table.indices)
    func gate(_ index: Int) throws {
        let (gate, passes) = Self.table[index]
        var p = try Project()
        p.truth = "id,label,group\n1,1,a\n2,0,a\n3,1,a\n4,0,a\n5,1,b\n6,0,b\n7,1,b\n8,0,b\n"
        p.predictions = "id,pred,score\n1,1,0.9\n2,0,0.2\n3,1,0.8\n4,1,0.6\n5,0,0.4\n6,1,0.7\n7,0,0.3\n8,0,0.1\n"
        p.scheme = """
            {"evalkit": 1, "name": "gates", "task": "classification", "dataset": "dataset.json",
             "predictions": {"path": "preds.csv", "label": "pred", "score": "score"}, "options": {"positive": "1"},
             "slices": [["group"]], "min_slice_size": 1, "gates": [\(gate)]}
            """
        let result = try runScheme(try p.write())
        #expect(result.gates[0].passed == passes, "\(gate): \(result.gates[0].message)")
        #expect(result.passed == passes)
        if !passes { #expect(!result.gates[0].message.isEmpty, "a failed gate says why") }
    }
}
