import Foundation
import Testing
@testable import EvalKit
import EvalKitData

/// Class-probability columns (`"predictions": {"scores": "score_"}`): the scheme surface, bad
/// score fields (exit 2 with file and line) and a small end-to-end run with slices and intervals.
@Suite struct ProbabilityInputTests {
    /// Three classes; a `score_<label>` column per class.
    static func project(predictions: String? = nil, options: String = #"{"top_k": [1, 2]}"#,
                        predictionKeys: String = #""label": "pred", "scores": "score_""#) throws -> Project {
        var p = try Project()
        p.truth = "id,label,group\n1,a,x\n2,b,x\n3,c,y\n4,a,y\n5,b,y\n6,c,x\n"
        p.predictions = predictions ?? """
            id,pred,score_a,score_b,score_c
            1,a,0.7,0.2,0.1
            2,b,0.1,0.6,0.3
            3,b,0.2,0.5,0.3
            4,a,0.5,0.25,0.25
            5,c,0.3,0.3,0.4
            6,c,0.1,0.1,0.8

            """
        p.scheme = """
            {"evalkit": 1, "name": "p", "task": "classification", "dataset": "dataset.json",
             "predictions": {"path": "preds.csv", \(predictionKeys)}, "options": \(options),
             "slices": ["group"], "min_slice_size": 1, "intervals": {"replicates": 50}}
            """
        return p
    }

    @Test func computesTheMetricsWithSlicesAndIntervals() throws {
        let result = try runScheme(try Self.project().write())
        let e = result.evaluations[0]
        let m = e.computed.metrics
        // scikit-learn 1.9.1 with labels=["a","b","c"]: top_k_accuracy_score k=1 2/3 and k=2 1.0 (row 5's
        // tie b = a = 0.3 ranks b first: the later column wins), log_loss 0.6986228180384585,
        // roc_auc_score ovr macro 0.8958333333333334, ovo weighted 0.8958333333333333.
        #expect(m["top_k_accuracy@k=1"] == 4.0 / 6)
        #expect(m["top_k_accuracy@k=2"] == 1)
        #expect(abs(m["log_loss"]! - 0.6986228180384585) < 1e-12)
        #expect(abs(m["roc_auc_ovr_macro"]! - 0.8958333333333334) < 1e-12)
        #expect(abs(m["roc_auc_ovo_weighted"]! - 0.8958333333333333) < 1e-12)
        #expect(e.intervals["log_loss"] != nil && e.intervals["roc_auc_ovr_macro"] != nil)
        // Slice y lacks no class, slice x neither; both have every metric.
        #expect(e.slices.count == 2 && e.slices.allSatisfy { $0.metrics["log_loss"] != nil })
    }

    @Test func hardPredictionsFromTheHighestScoreWithoutALabelColumn() throws {
        let p = try Self.project(predictionKeys: #""scores": "score_""#)
        let result = try runScheme(try p.write())
        // argmax: a, b, b, a, c, c (ties would go to the first column, as numpy's argmax): 4 of 6 right.
        #expect(result.evaluations[0].computed.metrics["accuracy"] == 4.0 / 6)
    }

    /// A JSONL file has no header: the classes come from options.labels, or the scheme is refused.
    @Test func jsonlPredictionsNeedDeclaredLabels() throws {
        let jsonl = [("1", "a", 0.7, 0.2, 0.1), ("2", "b", 0.1, 0.6, 0.3), ("3", "b", 0.2, 0.5, 0.3),
                     ("4", "a", 0.5, 0.25, 0.25), ("5", "c", 0.3, 0.3, 0.4), ("6", "c", 0.1, 0.1, 0.8)]
            .map { #"{"id": "\#($0.0)", "pred": "\#($0.1)", "score_a": \#($0.2), "score_b": \#($0.3), "score_c": \#($0.4)}"# }
            .joined(separator: "\n") + "\n"
        var p = try Self.project(options: #"{"labels": ["a", "b", "c"], "top_k": [1, 2]}"#)
        p.scheme = p.scheme.replacingOccurrences(of: "preds.csv", with: "preds.jsonl")
        let path = try p.write()
        try write(jsonl, to: "preds.jsonl", in: p.directory)
        let m = try runScheme(path).evaluations[0].computed.metrics
        #expect(m["top_k_accuracy@k=1"] == 4.0 / 6 && m["top_k_accuracy@k=2"] == 1)
        #expect(abs(m["log_loss"]! - 0.6986228180384585) < 1e-12)

        var undeclared = try Self.project()
        undeclared.scheme = undeclared.scheme.replacingOccurrences(of: "preds.csv", with: "preds.jsonl")
        let other = try undeclared.write()
        try write(jsonl, to: "preds.jsonl", in: undeclared.directory)
        #expect(runError(other).contains("cannot be read from a jsonl file's header"))
    }

    @Test func nanScoreIsAnErrorWithFileAndLine() throws {
        let p = try Self.project(predictions: "id,pred,score_a,score_b,score_c\n1,a,0.7,nan,0.1\n")
        #expect(try p.error().contains("preds.csv:2: field \"score_b\": expected a finite number, found \"nan\""))
    }

    @Test func negativeScoreIsAnError() throws {
        let p = try Self.project(predictions: "id,pred,score_a,score_b,score_c\n1,a,0.7,0.4,-0.1\n")
        #expect(try p.error().contains("preds.csv:2: field \"score_c\": expected a probability (a number >= 0), found \"-0.1\""))
    }

    @Test func emptyScoreIsAnError() throws {
        let p = try Self.project(predictions: "id,pred,score_a,score_b,score_c\n1,a,0.7,,0.1\n")
        #expect(try p.error().contains("preds.csv:2: field \"score_b\": expected a number, found an empty field"))
    }

    @Test func declaredLabelWithoutItsColumn() throws {
        let p = try Self.project(options: #"{"labels": ["a", "b", "c", "d"]}"#)
        #expect(try p.error().contains("score_d"))
    }

    @Test func prefixMatchingNoColumn() throws {
        let p = try Self.project(predictionKeys: #""label": "pred", "scores": "prob_""#)
        #expect(try p.error().contains("preds.csv:1: field \"prob_<label>\": expected a column \"prob_<label>\" for each of at least two classes, found no such column"))
    }

    @Test func scoresNeedMulticlass() throws {
        let p = try Self.project(options: #"{"positive": "a"}"#)
        #expect(try p.error().contains("a score column per class needs multiclass classification"))
    }

    @Test func multilabelDatasetsRefuseScores() throws {
        let root = repositoryRoot + "/Datasets/face-attributes-synthetic"
        let directory = try temporaryDirectory()
        let scheme = try write("""
            {"evalkit": 1, "name": "faces", "task": "classification", "dataset": "\(root)/dataset.json",
             "predictions": {"path": "\(root)/predictions.csv", "scores": "score_", "targets": {
               "eyeglasses": {"label": "eyeglasses_pred"}, "beard": {"label": "beard_pred"},
               "hat": {"label": "hat_pred"}, "mask": {"label": "mask_pred"}}}}
            """, to: "faces.json", in: directory)
        #expect(runError(scheme).contains("\"scores\" (a score column per class) is for multiclass classification"))
    }

    @Test func topKNeedsScoresAndAWholeNumber() throws {
        let noScores = try Self.project(options: #"{"top_k": [2]}"#, predictionKeys: #""label": "pred""#)
        #expect(try noScores.error().contains("top-k accuracy needs a score column per class"))
        let zero = try Self.project(options: #"{"top_k": [0]}"#)
        #expect(try zero.error().contains("expected a whole number k >= 1, found 0"))
    }
}
