import Foundation
import Testing
@testable import EvalKit
import EvalKitData

/// A small plate-reading project in a temporary directory: truth.csv (id, plate, lighting),
/// preds.csv (id, text), a manifest and a scheme, each replaceable by a test.
struct TextProject {
    let directory: String
    var truth = """
        id,plate,lighting
        1,AB12CDE,day
        2,XY34 ZZ,day
        3,OB10IDE,night
        4,KL55MNO,night
        5,PQ78RST,dusk
        6,HJ90KLM,dusk

        """
    var predictions = """
        id,text
        1,A812CDE
        2,xy34zz
        3,0810IDE
        4,KL55MN
        5,PQ78RST
        6,HJ9KLMX

        """
    var manifest = """
        {"evalkit_dataset": 1, "name": "plates", "license": "CC0-1.0", "source": "test",
         "files": [{"path": "truth.csv", "role": "ground_truth", "format": "csv"}],
         "columns": {"id": "id", "label": "plate", "attributes": ["lighting"]}}
        """
    var options = #"{"spaces": "remove", "case": "insensitive"}"#
    var predictionsSpec = #"{"path": "preds.csv", "id": "id", "text": "text"}"#
    var extra = ""

    var scheme: String {
        """
        {"evalkit": 1, "name": "plates", "task": "text", "dataset": "dataset.json",
         "predictions": \(predictionsSpec),
         "options": \(options)\(extra)}
        """
    }

    init() throws { directory = try temporaryDirectory() }

    /// Writes the files and returns the scheme's path.
    func write() throws -> String {
        try EvalKitTests.write(truth, to: "truth.csv", in: directory)
        try EvalKitTests.write(predictions, to: "preds.csv", in: directory)
        try EvalKitTests.write(manifest, to: "dataset.json", in: directory)
        return try EvalKitTests.write(scheme, to: "scheme.json", in: directory)
    }

    func run() throws -> EvaluationResult { try runScheme(try write()).evaluations[0] }
    func error() throws -> String { runError(try write()) }
}

/// The `text` task end to end through the engine: metrics, slices, policies, CSV fidelity,
/// intervals, and every bad input with its place.
@Suite struct TextTaskTests {
    // Normalised (spaces removed, lowercased): 41 reference characters; item 1 one substitution
    // (b/8), 2 exact, 3 two substitutions (o/0, b/8), 4 one deletion, 5 exact, 6 one deletion and
    // one insertion: 6 errors, 3 substitutions, 2 deletions, 1 insertion, 36 hits.

    @Test func metricsSlicesAndGates() throws {
        var p = try TextProject()
        p.extra = #"""
            , "slices": [["lighting"]], "min_slice_size": 1,
             "gates": [{"metric": "cer", "max": 0.2}, {"metric": "cer", "slices": "all", "max": 0.2},
                       {"metric": "exact_match", "min": 0.3}]
            """#
        let result = try runScheme(try p.write())
        let evaluation = result.evaluations[0]
        #expect(evaluation.task == "text")
        let m = evaluation.computed.metrics
        #expect(m.keys == ["exact_match", "cer", "char_accuracy", "items"])
        #expect(close(m["cer"], 6.0 / 41.0, tolerance: 1e-15))
        #expect(close(m["char_accuracy"], 36.0 / 41.0, tolerance: 1e-15))
        #expect(close(m["exact_match"], 2.0 / 6.0, tolerance: 1e-15))
        #expect(m["items"] == 6 && evaluation.computed.count == 6)
        #expect(evaluation.notes.contains {
            $0.contains("36 hits, 3 substitutions, 2 deletions, 1 insertions; 41 reference and 40 predicted characters")
        }, "\(evaluation.notes)")
        let slices = evaluation.slices
        #expect(slices.map(\.values) == [["day"], ["dusk"], ["night"]])
        #expect(slices.map(\.count) == [2, 2, 2])
        #expect(close(slices[0].metrics["cer"], 1.0 / 13.0, tolerance: 1e-15))
        #expect(close(slices[1].metrics["cer"], 2.0 / 14.0, tolerance: 1e-15))
        #expect(close(slices[2].metrics["cer"], 3.0 / 14.0, tolerance: 1e-15))
        #expect(slices[2].metrics["exact_match"] == 0)
        let cerDisparity = try #require(evaluation.disparities.first { $0.metric == "cer" })
        #expect(close(cerDisparity.max, 3.0 / 14.0, tolerance: 1e-15))
        #expect(result.gates.map(\.passed) == [true, false, true])
        #expect(result.gates[1].slice == ["lighting": "night"])
    }

    @Test func confusablesMakeMisreadsExact() throws {
        var p = try TextProject()
        p.options = #"{"spaces": "remove", "case": "insensitive", "confusables": {"O": "0", "I": "1", "B": "8"}}"#
        let m = try p.run().computed.metrics
        // Items 1 and 3 become exact; 4 keeps its deletion, 6 its deletion and insertion.
        #expect(close(m["exact_match"], 4.0 / 6.0, tolerance: 1e-15))
        #expect(close(m["cer"], 3.0 / 41.0, tolerance: 1e-15))
    }

    @Test func defaultOptionsCompareExactly() throws {
        var p = try TextProject()
        p.predictionsSpec = #"{"path": "preds.csv", "text": "text"}"#
        p.options = "{}"
        let m = try p.run().computed.metrics
        // Only item 5 is exact as written; item 2 ("XY34 ZZ" read "xy34zz") now has four
        // substitutions and a deletion: 11 errors in 42 reference characters.
        #expect(close(m["exact_match"], 1.0 / 6.0, tolerance: 1e-15))
        #expect(close(m["cer"], 11.0 / 42.0, tolerance: 1e-15))
    }

    // MARK: Missing predictions

    func projectWithoutItem6(_ policy: String?) throws -> TextProject {
        var p = try TextProject()
        p.predictions = "id,text\n1,A812CDE\n2,xy34zz\n3,0810IDE\n4,KL55MN\n5,PQ78RST\n"
        if let policy { p.extra = #", "missing": "\#(policy)""# }
        return p
    }

    @Test func missingPredictionIsAnErrorByDefault() throws {
        let message = try projectWithoutItem6(nil).error()
        #expect(message.contains("1 ground-truth id(s) have no prediction"), "\(message)")
    }

    @Test func missingPredictionCountedAsWrongDeletesEveryCharacter() throws {
        let evaluation = try projectWithoutItem6("count_as_wrong").run()
        let m = evaluation.computed.metrics
        #expect(close(m["cer"], 11.0 / 41.0, tolerance: 1e-15))
        #expect(close(m["exact_match"], 2.0 / 6.0, tolerance: 1e-15))
        #expect(evaluation.inputs.missing == 1 && evaluation.computed.count == 6)
        #expect(evaluation.notes.contains { $0.contains("deletion of every reference character") })
    }

    @Test func missingPredictionIgnoredIsLeftOut() throws {
        let evaluation = try projectWithoutItem6("ignore").run()
        #expect(close(evaluation.computed.metrics["cer"], 4.0 / 34.0, tolerance: 1e-15))
        #expect(evaluation.computed.count == 5)
    }

    // MARK: Files

    /// CSV fields are compared exactly as written: no trimming; quoted fields keep their commas
    /// and spaces; an empty field is the empty string.
    @Test func csvFieldsAreKeptExactly() throws {
        var p = try TextProject()
        p.truth = "id,plate,lighting\n1, AB12,day\n2,\"A,B \",day\n3,,day\n"
        p.predictions = "id,text\n1,AB12\n2,\"A,B \"\n3,\n"
        p.options = "{}"
        let m = try p.run().computed.metrics
        // 1: one deletion (the leading space); 2: exact; 3: "" = "" exact. 9 reference characters.
        #expect(close(m["exact_match"], 2.0 / 3.0, tolerance: 1e-15))
        #expect(close(m["cer"], 1.0 / 9.0, tolerance: 1e-15))
        p.options = #"{"spaces": "strip"}"#
        #expect(close(try p.run().computed.metrics["cer"], 0, tolerance: 0))
    }

    @Test func onlyEmptyReferencesLeaveTheRatesUndefined() throws {
        var p = try TextProject()
        p.truth = "id,plate,lighting\n1,,day\n2,,day\n"
        p.predictions = "id,text\n1,\n2,AB\n"
        let evaluation = try p.run()
        #expect(evaluation.computed.metrics["cer"]!.isNaN)
        #expect(evaluation.computed.metrics["exact_match"] == 0.5)
        #expect(evaluation.notes.contains { $0.contains("cer is undefined: 0/0: the references have no characters") },
                "\(evaluation.notes)")
    }

    @Test func predictionsInTheGroundTruthFile() throws {
        var p = try TextProject()
        p.truth = "id,plate,ocr,lighting\n1,AB12,AB12,day\n2,CD34,CD3,night\n"
        p.predictionsSpec = #"{"path": "truth.csv", "text": "ocr"}"#
        let evaluation = try p.run()
        #expect(close(evaluation.computed.metrics["cer"], 1.0 / 8.0, tolerance: 1e-15))
        #expect(evaluation.files.count == 1)
    }

    @Test func jsonlNullTextCountsAsNoReading() throws {
        var p = try TextProject()
        p.predictionsSpec = #"{"path": "preds.jsonl", "text": "text"}"#
        try EvalKitTests.write("""
            {"id": "1", "text": "AB12CDE"}
            {"id": "2", "text": null}
            {"id": "3", "text": "OB10IDE"}
            {"id": "4"}
            {"id": "5", "text": "PQ78RST"}
            {"id": "6", "text": "HJ90KLM"}

            """, to: "preds.jsonl", in: p.directory)
        let evaluation = try p.run()
        // Items 2 (6 characters) and 4 (7) are all deletions: 13 of 41.
        #expect(close(evaluation.computed.metrics["cer"], 13.0 / 41.0, tolerance: 1e-15))
        #expect(close(evaluation.computed.metrics["exact_match"], 4.0 / 6.0, tolerance: 1e-15))
        #expect(evaluation.notes.contains { $0.contains("2 prediction(s) had no text value") }, "\(evaluation.notes)")
    }

    @Test func bootstrapIntervalsAreSeededAndContainTheValue() throws {
        var p = try TextProject()
        p.extra = #", "slices": [["lighting"]], "min_slice_size": 1, "intervals": {"replicates": 200, "seed": 3}"#
        let first = try p.run()
        let second = try p.run()
        let cer = try #require(first.intervals["cer"])
        #expect(cer.lower <= 6.0 / 41.0 && 6.0 / 41.0 <= cer.upper && cer.lower < cer.upper)
        #expect(first.intervals["cer"] == second.intervals["cer"])
        #expect(first.intervals["exact_match"] != nil && first.intervals["char_accuracy"] != nil)
        #expect(first.slices[0].intervals["cer"] != nil)
    }

    // MARK: The shipped sample

    /// Datasets/plate-reads-synthetic against jiwer's values in its reference_metrics.json
    /// (reference_metrics.py), overall and per slice, to 1e-12.
    @Test func plateReadsSampleAgreesWithJiwer() throws {
        let root = repositoryRoot + "/Datasets/plate-reads-synthetic"
        let directory = try temporaryDirectory()
        let path = try write("""
            {"evalkit": 1, "name": "plate-reads", "task": "text", "dataset": "\(root)/dataset.json",
             "predictions": {"path": "\(root)/predictions.csv", "text": "text"},
             "options": {"spaces": "remove", "case": "insensitive"},
             "slices": [["lighting"], ["camera"]]}
            """, to: "scheme.json", in: directory)
        let evaluation = try runScheme(path).evaluations[0]
        let reference = try loadJSON(root + "/reference_metrics.json")
        func check(_ metrics: MetricValues, _ expected: [String: Any], _ what: String) {
            for key in ["cer", "char_accuracy", "exact_match", "items"] {
                let value = (expected[key] as! NSNumber).doubleValue
                #expect(close(metrics[key], value, tolerance: 1e-12), "\(what) \(key): evalkit \(metrics[key] ?? .nan), jiwer \(value)")
            }
        }
        let overall = reference["overall"] as! [String: Any]
        check(evaluation.computed.metrics, overall, "overall")
        let counts = ["hits", "substitutions", "deletions", "insertions"].map { "\(overall[$0] as! Int) \($0)" }
        #expect(evaluation.notes.contains { $0.contains(counts.joined(separator: ", ")) }, "\(evaluation.notes)")
        let slices = reference["slices"] as! [[String: Any]]
        for expected in slices {
            let by = expected["by"] as! [String: String]
            let slice = try #require(evaluation.slices.first { $0.by == by }, "slice \(by)")
            check(slice.metrics, expected["metrics"] as! [String: Any], "\(by)")
        }
        #expect(evaluation.slices.count == slices.count)
    }

    @Test func plateReadsSchemePasses() throws {
        let result = try runScheme(repositoryRoot + "/Schemes/plate-reads.json")
        #expect(result.passed)
        #expect(result.gates.count == 3)
        #expect(result.evaluations[0].intervals["cer"] != nil)
    }

    // MARK: Bad input

    @Test func unknownOptionSuggests() throws {
        var p = try TextProject()
        p.options = #"{"cas": "insensitive"}"#
        let message = try p.error()
        #expect(message.contains("(options.cas): unknown key \"cas\" in text options; did you mean \"case\"?"), "\(message)")
    }

    @Test func wrongOptionTypeNamesThePath() throws {
        var p = try TextProject()
        p.options = #"{"spaces": 1, "case": "lower", "unicode": "nfd"}"#
        let message = try p.error()
        #expect(message.contains("(options.spaces): expected a string, found 1"), "\(message)")
        #expect(message.contains("(options.case): expected one of \"sensitive\", \"insensitive\", found \"lower\""), "\(message)")
        #expect(message.contains("(options.unicode): expected one of \"none\", \"nfc\", \"nfkc\", found \"nfd\""), "\(message)")
    }

    @Test func badConfusablesNameTheEntry() throws {
        var p = try TextProject()
        p.options = #"{"confusables": {"OO": "0", "I": 1, "B": "88"}}"#
        var message = try p.error()
        #expect(message.contains("(options.confusables.OO): confusable \"OO\" is not a single character"), "\(message)")
        #expect(message.contains("(options.confusables.I): expected the canonical character"), "\(message)")
        #expect(message.contains("(options.confusables.B): the replacement of \"B\", \"88\", is neither one character"), "\(message)")
        p.options = #"{"case": "insensitive", "confusables": {"O": "0", "o": "Q"}}"#
        message = try p.error()
        #expect(message.contains("(options.confusables.o): confusables \"O\" and \"o\" are the same character"), "\(message)")
        p.options = #"{"confusables": ["O", "0"]}"#
        #expect(try p.error().contains("(options.confusables): expected an object mapping single characters"))
    }

    @Test func missingTextKeyNamesThePath() throws {
        var p = try TextProject()
        p.predictionsSpec = #"{"path": "preds.csv", "id": "id"}"#
        let message = try p.error()
        #expect(message.contains("(predictions.text): missing required key \"text\""), "\(message)")
    }

    @Test func classificationKeysAreRefused() throws {
        var p = try TextProject()
        p.predictionsSpec = #"{"path": "preds.csv", "text": "text", "label": "text"}"#
        let message = try p.error()
        #expect(message.contains("(predictions.label): \"label\" is for classification"), "\(message)")
    }

    @Test func missingTextColumnNamesTheFileAndColumn() throws {
        var p = try TextProject()
        p.predictionsSpec = #"{"path": "preds.csv", "text": "txt"}"#
        let message = try p.error()
        #expect(message.contains("preds.csv:1: field \"txt\": no such column (the header has: \"id\", \"text\")"), "\(message)")
        #expect(message.contains("did you mean \"text\"?"), "\(message)")
    }

    @Test func missingReferenceColumnNamesTheFile() throws {
        var p = try TextProject()
        p.manifest = p.manifest.replacingOccurrences(of: "\"label\": \"plate\"", with: "\"label\": \"plates\"")
        let message = try p.error()
        #expect(message.contains("truth.csv:1: field \"plates\": no such column"), "\(message)")
    }

    @Test func pairedChangeGatesAreRefused() throws {
        var p = try TextProject()
        p.extra = #", "gates": [{"metric": "cer", "max_drop": 0.01, "require": "significant"}]"#
        let message = try p.error()
        #expect(message.contains("(gates[0].require): a text evaluation has no paired test"), "\(message)")
    }

    @Test func unknownMetricSuggests() throws {
        var p = try TextProject()
        p.extra = #", "metrics": ["cer", "wer"]"#
        let message = try p.error()
        #expect(message.contains("\"wer\""), "\(message)")
    }
}
