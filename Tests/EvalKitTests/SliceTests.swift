import Foundation
import Testing
@testable import EvalKit
import EvalKitData

/// Slicing: slices are merges of cells, missing attribute values form their own slice, small
/// slices are suppressed, and slice gates name the slices.
@Suite struct SliceTests {
    /// 3 groups: a (4 rows), b (4 rows), missing (2 rows).
    func project(minSize: Int = 1, gates: String = "[]") throws -> Project {
        var p = try Project()
        p.truth = "id,label,group\n1,1,a\n2,0,a\n3,1,a\n4,0,a\n5,1,b\n6,0,b\n7,1,b\n8,0,b\n9,1,\n10,0,\n"
        p.predictions = "id,pred,score\n1,1,0.9\n2,0,0.2\n3,1,0.8\n4,1,0.6\n5,0,0.4\n6,1,0.7\n7,0,0.3\n8,0,0.1\n9,1,0.9\n10,0,0.2\n"
        p.scheme = """
            {"evalkit": 1, "name": "tiny", "task": "classification", "dataset": "dataset.json",
             "predictions": {"path": "preds.csv", "label": "pred", "score": "score"},
             "options": {"positive": "1"}, "slices": [["group"]], "min_slice_size": \(minSize), "gates": \(gates)}
            """
        return p
    }

    @Test func slicesAreComputedPerGroupWithMissingValuesAsTheirOwnGroup() throws {
        let result = try runScheme(try project().write())
        let slices = result.evaluations[0].slices
        #expect(slices.map(\.values) == [["a"], ["b"], ["<missing>"]])
        #expect(slices.map(\.count) == [4, 4, 2])
        // a: tp 2 fp 1 fn 0 tn 1; b: tp 0 fp 1 fn 2 tn 1.
        #expect(slices[0].metrics["recall"] == 1 && close(slices[0].metrics["precision"], 2.0 / 3.0))
        #expect(slices[1].metrics["recall"] == 0 && slices[1].metrics["precision"] == 0)
        #expect(result.evaluations[0].notes.contains { $0.contains("2 item(s) have no value for \"group\"") })
        // The overall value is the merge of the slices.
        #expect(result.evaluations[0].computed.metrics["tp"] == 3)
    }

    @Test func smallSlicesAreSuppressedEverywhere() throws {
        let result = try runScheme(try project(minSize: 3).write())
        let missing = try #require(result.evaluations[0].slices.first { $0.values == ["<missing>"] })
        #expect(missing.suppressed && missing.metrics.isEmpty && missing.count == 2)
        #expect(result.evaluations[0].notes.contains { $0.contains("1 slice(s) with fewer than 3 items are suppressed") })
    }

    @Test func fairnessMeasuresLeaveSuppressedSlicesOut() throws {
        let result = try runScheme(try project(minSize: 3).write())
        let odds = try #require(result.evaluations[0].disparities.first { $0.metric == "equalized_odds" })
        #expect(odds.compared == 2)
        // a: tpr 1, fpr 0.5; b: tpr 0, fpr 0.5 → worst-case difference 1.
        #expect(odds.difference == 1)
    }

    @Test func everySliceGateNamesTheFailingSlices() throws {
        let result = try runScheme(try project(minSize: 3, gates: #"[{"metric": "recall", "slices": "all", "min": 0.5}]"#).write())
        let gate = result.gates[0]
        #expect(!gate.passed)
        #expect(gate.gate == "recall >= 0.5 in every slice of group")
        #expect(gate.slice == ["group": "b"])
        #expect(gate.message == "1 of 2 slice(s) fail: group=b (0); 1 suppressed slice(s) not checked", "\(gate.message)")
    }

    @Test func oneSliceGate() throws {
        let result = try runScheme(try project(gates: #"[{"metric": "precision", "slice": {"group": "a"}, "min": 0.6}]"#).write())
        #expect(result.gates[0].passed)
        #expect(result.gates[0].gate == "precision >= 0.6 for group=a")
    }

    @Test func gateOnAnAbsentSliceIsAnError() throws {
        let message = runError(try project(gates: #"[{"metric": "precision", "slice": {"group": "z"}, "min": 0.6}]"#).write())
        #expect(message.contains("the gate's slice group=z does not occur in the data"), "\(message)")
    }

    @Test func gateOnASuppressedSliceFailsSayingSo() throws {
        let result = try runScheme(try project(minSize: 3, gates: #"[{"metric": "recall", "slice": {"group": "<missing>"}, "min": 0.5}]"#).write())
        #expect(!result.gates[0].passed)
        #expect(result.gates[0].message.contains("fewer than min_slice_size 3"))
    }

    @Test func disparityGateNeedsAcross() throws {
        let message = runError(try project(gates: #"[{"metric": "fpr", "max_ratio": 1.25}]"#).write())
        #expect(message.contains("a disparity bound needs \"across\""), "\(message)")
    }

    @Test func acrossMustBeASliceOfTheScheme() throws {
        let message = runError(try project(gates: #"[{"metric": "fpr", "across": ["sex"], "max_ratio": 1.25}]"#).write())
        #expect(message.contains("no slice of the scheme groups by sex"), "\(message)")
    }

    @Test func significanceNeedsIntervals() throws {
        let message = runError(try project(gates: #"[{"metric": "fpr", "across": ["group"], "max_difference": 0.1, "require": "significant"}]"#).write())
        #expect(message.contains("\"require\": \"significant\" needs intervals"), "\(message)")
    }

    @Test func attributeColumnMissingFromTheFile() throws {
        var p = try project()
        p.truth = "id,label\n1,1\n2,0\n"
        let message = try p.error()
        #expect(message.contains("truth.csv:1"), "\(message)")
        #expect(message.contains("\"group\""), "\(message)")
    }

    @Test func cellMergesEqualDirectSlices() throws {
        // Slicing by [group] and by [group, other] then merging over `other` gives the same slice.
        var p = try project()
        p.truth = "id,label,group,other\n1,1,a,x\n2,0,a,y\n3,1,a,x\n4,0,a,y\n5,1,b,x\n6,0,b,y\n7,1,b,y\n8,0,b,x\n9,1,a,x\n10,0,b,y\n"
        p.manifest = p.manifest.replacingOccurrences(of: "\"attributes\": [\"group\"]", with: "\"attributes\": [\"group\", \"other\"]")
        p.scheme = p.scheme.replacingOccurrences(of: "[[\"group\"]]", with: "[[\"group\"], [\"group\", \"other\"]]")
        let result = try runScheme(try p.write())
        let bySlice = result.evaluations[0].slices
        let a = try #require(bySlice.first { $0.values == ["a"] })
        let ax = try #require(bySlice.first { $0.values == ["a", "x"] })
        let ay = try #require(bySlice.first { $0.values == ["a", "y"] })
        #expect(a.count == ax.count + ay.count)
        #expect(a.metrics["tp"]! == ax.metrics["tp"]! + ay.metrics["tp"]!)
    }
}

@Suite struct MetadataTests {
    @Test func attributesFromAMetadataFileJoinedById() throws {
        var p = try Project()
        p.truth = "id,label\n1,1\n2,0\n3,1\n4,0\n5,1\n"
        p.predictions = "id,pred,score\n1,1,0.9\n2,0,0.2\n3,0,0.4\n4,1,0.7\n5,1,0.8\n"
        p.manifest = """
            {"evalkit_dataset": 1, "name": "tiny", "license": "CC0-1.0", "source": "test",
             "files": [{"path": "truth.csv", "role": "ground_truth"}, {"path": "meta.jsonl", "role": "metadata"}],
             "columns": {"id": "id", "label": "label", "attributes": ["group"]}}
            """
        p.scheme = p.scheme.replacingOccurrences(of: "\"task\"", with: "\"slices\": [[\"group\"]], \"min_slice_size\": 1, \"task\"")
        let path = try p.write()
        try write("""
            {"id": 3, "group": "b"}
            {"id": 1, "group": "a"}
            {"id": 2, "group": "a"}
            {"id": 4, "group": "b"}
            {"id": 99, "group": "c"}
            """, to: "meta.jsonl", in: p.directory)
        let result = try runScheme(path)
        let e = result.evaluations[0]
        #expect(e.slices.map(\.values) == [["a"], ["b"], ["<missing>"]])
        #expect(e.slices.map(\.count) == [2, 2, 1])
        #expect(e.files.map(\.role) == ["ground_truth", "predictions", "metadata"])
        #expect(e.notes.contains { $0.contains("1 item(s) have no row in the metadata file") })
        #expect(e.slices[1].metrics["tp"] == 0 && e.slices[1].metrics["fn"] == 1)
    }
}
