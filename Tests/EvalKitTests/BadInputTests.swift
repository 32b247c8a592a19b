import Foundation
import Testing
@testable import EvalKit
import EvalKitData

/// A small binary-classification project in a temporary directory: truth.csv, preds.csv, a
/// manifest and a scheme, each replaceable by a test.
struct Project {
    let directory: String
    var truth = "id,label,group\n1,1,a\n2,0,a\n3,1,b\n4,0,b\n"
    var predictions = "id,pred,score\n1,1,0.9\n2,0,0.2\n3,0,0.4\n4,1,0.7\n"
    var manifest = """
        {"evalkit_dataset": 1, "name": "tiny", "license": "CC0-1.0", "source": "test",
         "files": [{"path": "truth.csv", "role": "ground_truth", "format": "csv"}],
         "columns": {"id": "id", "label": "label", "attributes": ["group"]}}
        """
    var scheme = """
        {"evalkit": 1, "name": "tiny", "task": "classification", "dataset": "dataset.json",
         "predictions": {"path": "preds.csv", "label": "pred", "score": "score"},
         "options": {"positive": "1"}}
        """

    init() throws { directory = try temporaryDirectory() }

    /// Writes the files and returns the scheme's path.
    func write() throws -> String {
        try EvalKitTests.write(truth, to: "truth.csv", in: directory)
        try EvalKitTests.write(predictions, to: "preds.csv", in: directory)
        try EvalKitTests.write(manifest, to: "dataset.json", in: directory)
        return try EvalKitTests.write(scheme, to: "scheme.json", in: directory)
    }

    func error() throws -> String { runError(try write()) }
}

@Suite struct SchemeErrorTests {
    @Test func unknownKeySuggestsTheRightOne() throws {
        var p = try Project()
        p.scheme = p.scheme.replacingOccurrences(of: "\"options\"", with: "\"optons\"")
        let message = try p.error()
        #expect(message.contains("scheme.json:3:12 (optons): unknown key \"optons\" in scheme; did you mean \"options\"?"), "\(message)")
    }

    @Test func wrongTypeNamesPathExpectedAndFound() throws {
        var p = try Project()
        p.scheme = p.scheme.replacingOccurrences(of: "\"options\": {\"positive\": \"1\"}",
                                                 with: "\"options\": {\"positive\": \"1\"}, \"gates\": [{\"metric\": \"f1\", \"min\": \"0.9\"}]")
        let message = try p.error()
        #expect(message.contains("(gates[0].min): expected a number, found \"0.9\""), "\(message)")
    }

    @Test func newerVersionIsRefused() throws {
        var p = try Project()
        p.scheme = p.scheme.replacingOccurrences(of: "\"evalkit\": 1", with: "\"evalkit\": 2")
        let message = try p.error()
        #expect(message.contains("scheme format version 2 is newer than this evalkit reads: expected 1, found 2; upgrade evalkit"), "\(message)")
    }

    @Test func missingVersionIsRefused() throws {
        var p = try Project()
        p.scheme = p.scheme.replacingOccurrences(of: "\"evalkit\": 1,", with: "")
        #expect(try p.error().contains("missing required key \"evalkit\""))
    }

    @Test func unknownMetricInGateSuggests() throws {
        var p = try Project()
        p.scheme = p.scheme.replacingOccurrences(of: "\"options\": {\"positive\": \"1\"}",
                                                 with: "\"options\": {\"positive\": \"1\"}, \"gates\": [{\"metric\": \"f_1\", \"min\": 0.5}]")
        let message = try p.error()
        #expect(message.contains("(gates[0].metric): gate on unknown metric \"f_1\""), "\(message)")
        #expect(message.contains("did you mean \"f1\"?"), "\(message)")
    }

    @Test func unknownTaskSuggests() throws {
        var p = try Project()
        p.scheme = p.scheme.replacingOccurrences(of: "\"classification\"", with: "\"clasification\"")
        #expect(try p.error().contains("unknown task kind: expected one of \"classification\", \"detection\", \"text\", \"events\", \"verification\", \"tracking\", found \"clasification\"; did you mean \"classification\"?"))
    }

    @Test func severalErrorsAreReportedTogether() throws {
        var p = try Project()
        p.scheme = """
            {"evalkit": 1, "name": "tiny", "task": "classification", "dataset": "dataset.json",
             "predictions": {"path": "preds.csv", "label": "pred"}, "metrcs": ["f1"], "missing": "drop"}
            """
        let message = try p.error()
        #expect(message.contains("unknown key \"metrcs\""))
        #expect(message.contains("(missing): expected one of \"error\", \"count_as_wrong\", \"ignore\", found \"drop\""), "\(message)")
    }

    @Test func malformedJSONGivesLineAndColumn() throws {
        var p = try Project()
        p.scheme = "{\"evalkit\": 1,\n \"name\": \"x\",,\n}"
        #expect(try p.error().contains("scheme.json:2:14: invalid JSON object: expected a quoted key, found \",\""))
    }

    @Test func duplicateKeyIsRefused() throws {
        var p = try Project()
        p.scheme = "{\"evalkit\": 1, \"name\": \"a\",\n \"name\": \"b\"}"
        #expect(try p.error().contains("scheme.json:2 (name): duplicate key \"name\" (first on line 1)"))
    }

    @Test func unknownSliceAttributeSuggests() throws {
        var p = try Project()
        p.scheme = p.scheme.replacingOccurrences(of: "\"task\"", with: "\"slices\": [[\"grup\"]], \"task\"")
        let message = try p.error()
        #expect(message.contains("(slices[0][0]): unknown attribute \"grup\": the dataset \"tiny\" has no such attribute column; did you mean \"group\"?"), "\(message)")
    }
}

@Suite struct DataErrorTests {
    @Test func missingFile() throws {
        var p = try Project()
        p.scheme = p.scheme.replacingOccurrences(of: "preds.csv", with: "nope.csv")
        #expect(try p.error().contains("nope.csv: file not found"))
    }

    @Test func directoryInsteadOfFile() throws {
        var p = try Project()
        p.scheme = p.scheme.replacingOccurrences(of: "preds.csv", with: ".")
        let message = try p.error()
        #expect(message.contains("directory"), "\(message)")
    }

    @Test func emptyFile() throws {
        var p = try Project()
        p.predictions = ""
        #expect(try p.error().contains("preds.csv: file is empty"))
    }

    @Test func headerOnlyTruth() throws {
        var p = try Project()
        p.truth = "id,label,group\n"
        #expect(try p.error().contains("truth.csv: no data rows, expected at least one"))
    }

    @Test func missingColumnSuggests() throws {
        var p = try Project()
        p.scheme = p.scheme.replacingOccurrences(of: "\"score\": \"score\"", with: "\"score\": \"scores\"")
        let message = try p.error()
        #expect(message.contains("preds.csv:1"), "\(message)")
        #expect(message.contains("\"scores\""), "\(message)")
        #expect(message.contains("did you mean \"score\"?"), "\(message)")
    }

    @Test func duplicateIdInTruth() throws {
        var p = try Project()
        p.truth += "2,1,b\n"
        #expect(try p.error().contains("truth.csv:6: field \"id\": duplicate id \"2\" (first on line 3)"))
    }

    @Test func duplicateIdInPredictions() throws {
        var p = try Project()
        p.predictions += "3,1,0.8\n"
        #expect(try p.error().contains("preds.csv:6: field \"id\": duplicate id \"3\" (first on line 4)"))
    }

    @Test func predictionIdAbsentFromTruth() throws {
        var p = try Project()
        p.predictions += "9,1,0.8\n"
        #expect(try p.error().contains("preds.csv:6: field \"id\": id \"9\" is not in the ground truth"))
    }

    @Test func predictionIdAbsentFromTruthIgnoredAndCounted() throws {
        var p = try Project()
        p.predictions += "9,1,0.8\n"
        p.scheme = p.scheme.replacingOccurrences(of: "\"task\"", with: "\"extra\": \"ignore\", \"task\"")
        let result = try runScheme(try p.write())
        #expect(result.evaluations[0].inputs.extra == 1)
        #expect(result.evaluations[0].computed.count == 4)
        #expect(result.evaluations[0].notes.contains { $0.contains("1 prediction(s) with ids not in the ground truth were left out") })
    }

    @Test func truthIdWithoutPrediction() throws {
        var p = try Project()
        p.predictions = "id,pred,score\n1,1,0.9\n2,0,0.2\n4,1,0.7\n"
        #expect(try p.error().contains("truth.csv: field \"id\": 1 ground-truth id(s) have no prediction in"))
    }

    @Test func truthIdWithoutPredictionCountedAsWrong() throws {
        var p = try Project()
        p.predictions = "id,pred,score\n1,1,0.9\n2,0,0.2\n4,1,0.7\n"
        p.scheme = p.scheme.replacingOccurrences(of: "\"task\"", with: "\"missing\": \"count_as_wrong\", \"task\"")
        let result = try runScheme(try p.write())
        let metrics = result.evaluations[0].computed.metrics
        #expect(result.evaluations[0].inputs.missing == 1)
        // id 3 is a positive without prediction: a false negative. tp 1 (id 1), fn 1 (id 3), fp 1 (id 4), tn 1 (id 2).
        #expect(metrics["tp"] == 1 && metrics["fn"] == 1 && metrics["fp"] == 1 && metrics["tn"] == 1)
        #expect(result.evaluations[0].notes.contains { $0.contains("counted as wrong") })
    }

    @Test func truthIdWithoutPredictionIgnored() throws {
        var p = try Project()
        p.predictions = "id,pred,score\n1,1,0.9\n2,0,0.2\n4,1,0.7\n"
        p.scheme = p.scheme.replacingOccurrences(of: "\"task\"", with: "\"missing\": \"ignore\", \"task\"")
        let result = try runScheme(try p.write())
        #expect(result.evaluations[0].computed.count == 3)
        #expect(result.evaluations[0].inputs.missing == 1)
    }

    @Test func unknownPredictedLabel() throws {
        var p = try Project()
        p.predictions = "id,pred,score\n1,1,0.9\n2,2,0.2\n3,0,0.4\n4,1,0.7\n"
        let message = try p.error()
        #expect(message.contains("preds.csv:3: field \"pred\": expected one of the labels \"1\", \"0\", found \"2\""), "\(message)")
    }

    @Test func unknownLabelAgainstDeclaredLabels() throws {
        var p = try Project()
        p.truth = "id,label,group\n1,cat,a\n2,dog,a\n3,cow,b\n"
        p.predictions = "id,pred\n1,cat\n2,dog\n3,cat\n"
        p.scheme = """
            {"evalkit": 1, "name": "tiny", "task": "classification", "dataset": "dataset.json",
             "predictions": {"path": "preds.csv", "label": "pred"}, "options": {"labels": ["cat", "dog"]}}
            """
        #expect(try p.error().contains("truth.csv:4: field \"label\": expected one of the labels \"cat\", \"dog\", found \"cow\""))
    }

    @Test func predictedLabelAbsentFromTruthNeedsDeclaration() throws {
        var p = try Project()
        p.truth = "id,label,group\n1,cat,a\n2,dog,a\n3,dog,b\n"
        p.predictions = "id,pred\n1,cat\n2,dog\n3,cow\n"
        p.scheme = """
            {"evalkit": 1, "name": "tiny", "task": "classification", "dataset": "dataset.json",
             "predictions": {"path": "preds.csv", "label": "pred"}}
            """
        #expect(try p.error().contains("preds.csv:4: field \"pred\": predicted label \"cow\" does not occur in the ground truth"))
    }

    @Test func nanScore() throws {
        var p = try Project()
        p.predictions = "id,pred,score\n1,1,0.9\n2,0,nan\n3,0,0.4\n4,1,0.7\n"
        #expect(try p.error().contains("preds.csv:3: field \"score\": expected a finite number, found \"nan\""))
    }

    @Test func infiniteScore() throws {
        var p = try Project()
        p.predictions = "id,pred,score\n1,1,inf\n2,0,0.2\n3,0,0.4\n4,1,0.7\n"
        #expect(try p.error().contains("preds.csv:2: field \"score\": expected a finite number, found \"inf\""))
    }

    @Test func nonNumericScore() throws {
        var p = try Project()
        p.predictions = "id,pred,score\n1,1,0.9\n2,0,n/a\n3,0,0.4\n4,1,0.7\n"
        #expect(try p.error().contains("preds.csv:3: field \"score\": expected a number, found \"n/a\""))
    }

    @Test func thresholdOutsideScoresWarns() throws {
        var p = try Project()
        p.scheme = """
            {"evalkit": 1, "name": "tiny", "task": "classification", "dataset": "dataset.json",
             "predictions": {"path": "preds.csv", "score": "score"}, "options": {"positive": "1", "threshold": 1.5}}
            """
        let result = try runScheme(try p.write())
        #expect(result.evaluations[0].notes.contains { $0.hasPrefix("warning: threshold 1.5 is outside the range of the scores [0.2, 0.9]") })
        #expect(result.evaluations[0].computed.metrics["tp"] == 0)
    }

    @Test func raggedRow() throws {
        var p = try Project()
        p.predictions = "id,pred,score\n1,1,0.9\n2,0\n3,0,0.4\n4,1,0.7\n"
        let message = try p.error()
        #expect(message.contains("preds.csv:3"), "\(message)")
        #expect(message.contains("expected 3 fields (as in the header), found 2"), "\(message)")
    }

    @Test func invalidUTF8() throws {
        var p = try Project()
        let path = try p.write()
        var bytes = Array("id,label,group\n1,1,a\n2,0,".utf8)
        bytes += [0xC3, 0x28]
        bytes += Array("\n3,1,b\n4,0,b\n".utf8)
        _ = FileManager.default.createFile(atPath: p.directory + "/truth.csv", contents: Data(bytes))
        let message = runError(path)
        #expect(message.contains("truth.csv:3"), "\(message)")
        #expect(message.contains("UTF-8"), "\(message)")
        p.truth = ""
    }

    @Test func emptyLabelField() throws {
        var p = try Project()
        p.truth = "id,label,group\n1,1,a\n2,,a\n3,1,b\n4,0,b\n"
        #expect(try p.error().contains("truth.csv:3: field \"label\": expected a label, found an empty field"))
    }

    @Test func fileChangedSinceManifest() throws {
        var p = try Project()
        p.manifest = p.manifest.replacingOccurrences(
            of: "\"format\": \"csv\"", with: "\"format\": \"csv\", \"sha256\": \"\(String(repeating: "0", count: 64))\"")
        let message = try p.error()
        #expect(message.contains("truth.csv: field \"sha256\": the file differs from the one the dataset manifest describes"), "\(message)")
    }

    @Test func binaryWithThreeLabels() throws {
        var p = try Project()
        p.truth = "id,label,group\n1,1,a\n2,0,a\n3,2,b\n4,0,b\n"
        let message = try p.error()
        #expect(message.contains("truth.csv:4: field \"label\": expected one of the labels"), "\(message)")
    }
}

@Suite struct OptionErrorTests {
    @Test func thresholdWithLabelColumnIsRefused() throws {
        var p = try Project()
        p.scheme = p.scheme.replacingOccurrences(of: "{\"positive\": \"1\"}", with: "{\"positive\": \"1\", \"threshold\": 0.3}")
        #expect(try p.error().contains("(options.threshold): the threshold would be unused"))
    }

    @Test func positiveNotAmongDeclaredLabels() throws {
        var p = try Project()
        p.scheme = p.scheme.replacingOccurrences(of: "{\"positive\": \"1\"}", with: "{\"positive\": \"yes\", \"labels\": [\"0\", \"1\"]}")
        #expect(try p.error().contains("(options.positive): the positive label is not among the declared labels"))
    }

    @Test func operatingPointOutOfRange() throws {
        var p = try Project()
        p.scheme = p.scheme.replacingOccurrences(of: "{\"positive\": \"1\"}", with: "{\"positive\": \"1\", \"operating_points\": [{\"fpr\": 5}]}")
        #expect(try p.error().contains("(options.operating_points[0].fpr): expected a rate between 0 and 1, found 5"))
    }

    @Test func unknownOptionSuggests() throws {
        var p = try Project()
        p.scheme = p.scheme.replacingOccurrences(of: "{\"positive\": \"1\"}", with: "{\"postive\": \"1\"}")
        #expect(try p.error().contains("unknown key \"postive\" in classification options; did you mean \"positive\"?"))
    }
}

@Suite struct PermissionTests {
    /// Root reads any file whatever its mode, so this runs only for other users.
    @Test(.enabled(if: getuid() != 0, "running as root: file modes do not stop reads"))
    func unreadableFile() throws {
        let p = try Project()
        let path = try p.write()
        chmod(p.directory + "/preds.csv", 0)
        defer { chmod(p.directory + "/preds.csv", 0o644) }
        let message = runError(path)
        #expect(message.contains("preds.csv"), "\(message)")
        #expect(message.contains("permission denied"), "\(message)")
    }
}
