import Foundation
import Testing
@testable import EvalKit
import EvalKitData

/// `--predictions [NAME=]PATH`: which evaluation it names, and the format it implies.
@Suite struct PredictionsOverrideTests {
    @Test func aNameBeforeEqualsMustBeAnEvaluation() {
        let names = ["model-a", "model-b"]
        #expect(PredictionsOverride.parse("model-b=out/b.csv", evaluations: names) == .init(evaluation: "model-b", path: "out/b.csv"))
        #expect(PredictionsOverride.parse("runs/x=1.csv", evaluations: names) == .init(evaluation: nil, path: "runs/x=1.csv"))
        #expect(PredictionsOverride.parse("model-a=-", evaluations: names) == .init(evaluation: "model-a", path: "-"))
        #expect(PredictionsOverride.parse("-", evaluations: names) == .init(evaluation: nil, path: "-"))
    }

    func scheme(_ predictions: String, in directory: String) throws -> Scheme {
        try write("id,label\n1,a\n", to: "truth.csv", in: directory)
        try write("""
            {"evalkit": 1, "name": "s", "task": "classification",
             "dataset": {"name": "d", "files": [{"path": "truth.csv", "role": "ground_truth"}], "columns": {"id": "id", "label": "label"}},
             "predictions": \(predictions)}
            """, to: "s.json", in: directory)
        return try SchemeLoader.load(path: directory + "/s.json")
    }

    @Test func theFormatFollowsTheNewPathsExtensionElseTheSchemes() throws {
        let directory = try temporaryDirectory()
        var s = try scheme(#"{"path": "p.dat", "format": "csv", "delimiter": ";", "id": "id", "label": "label"}"#, in: directory)
        try PredictionsOverride.apply(["runs/new.jsonl"], to: &s)
        var p = s.evaluations[0].predictions
        #expect(p.resolvedPath == "runs/new.jsonl" && p.displayPath == "runs/new.jsonl", "relative to the current directory")
        #expect(p.format == .jsonl)

        s = try scheme(#"{"path": "p.dat", "format": "csv", "delimiter": ";", "id": "id", "label": "label"}"#, in: directory)
        try PredictionsOverride.apply(["-"], to: &s)
        p = s.evaluations[0].predictions
        #expect(p.displayPath == "<stdin>" && p.format == .csv && p.csv.delimiter == UInt8(ascii: ";"))

        s = try scheme(#"{"path": "p.csv", "id": "id", "label": "label"}"#, in: directory)
        try PredictionsOverride.apply(["new.tsv"], to: &s)
        #expect(s.evaluations[0].predictions.csv.delimiter == 0x09)
    }

    @Test func emptyAndRepeatedArgumentsAreRefused() throws {
        let directory = try temporaryDirectory()
        var s = try scheme(#"{"path": "p.csv", "id": "id", "label": "label"}"#, in: directory)
        #expect(throws: InputError.self) { try PredictionsOverride.apply([""], to: &s) }
        #expect(throws: InputError.self) { try PredictionsOverride.apply(["a.csv", "b.csv"], to: &s) }
    }
}
