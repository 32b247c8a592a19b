import Foundation
import Testing
@testable import EvalKit
import EvalKitData

/// End to end: the engine's slices, disparities, reference comparisons and intervals.
@Suite struct FairnessEngineTests {
    /// Fairlearn's user-guide example (Tests/Fixtures/Conformance/fairlearn), with a row id added
    /// because evalkit joins by id.
    func fairlearnExample(extra: String = "") throws -> RunResult {
        let csv = try String(contentsOfFile: repositoryRoot + "/Tests/Fixtures/Conformance/fairlearn/assessment_example.csv",
                             encoding: .utf8)
        let lines = csv.split(whereSeparator: \.isNewline)
        var withIds = "id," + lines[0] + "\n"
        for (i, line) in lines.dropFirst().enumerated() { withIds += "\(i + 1),\(line)\n" }
        let directory = try temporaryDirectory()
        try write(withIds, to: "example.csv", in: directory)
        let scheme = try write("""
            {"evalkit": 1, "name": "fairlearn-guide", "task": "classification",
             "dataset": {"name": "fairlearn", "files": [{"path": "example.csv", "role": "ground_truth"}],
                         "columns": {"id": "id", "label": "y_true", "attributes": ["sensitive_feature"]}},
             "predictions": {"path": "example.csv", "label": "y_pred"},
             "options": {"positive": "1"}, "metrics": ["recall", "fpr", "selection_rate"],
             "slices": [["sensitive_feature"]], "min_slice_size": 1\(extra)}
            """, to: "scheme.json", in: directory)
        return try runScheme(scheme)
    }

    func disparity(_ result: RunResult, _ metric: String) throws -> DisparityResult {
        try #require(result.evaluations[0].disparities.first { $0.metric == metric }, "\(metric)")
    }

    @Test func fairlearnUserGuideValues() throws {
        let result = try fairlearnExample()
        let e = result.evaluations[0]
        // mf.overall: tpr 0.5, fpr 0.666667, sel 0.555556
        #expect(close(e.computed.metrics["recall"], 0.5) && close(e.computed.metrics["fpr"], 2.0 / 3.0))
        #expect(close(e.computed.metrics["selection_rate"], 10.0 / 18.0))
        // mf.by_group: a 0.5 1.0 0.75 (4); b 0.6 0.0 0.5 (6); c 0.4 0.666667 0.5 (8)
        let expected: [String: (Double, Double, Double, Int)] = [
            "a": (0.5, 1, 0.75, 4), "b": (0.6, 0, 0.5, 6), "c": (0.4, 2.0 / 3.0, 0.5, 8)]
        for slice in e.slices {
            let (tpr, fpr, sel, count) = try #require(expected[slice.values[0]])
            #expect(close(slice.metrics["recall"], tpr) && close(slice.metrics["fpr"], fpr))
            #expect(close(slice.metrics["selection_rate"], sel) && slice.count == count)
        }
        // mf.difference(): tpr 0.20, fpr 1.00, sel 0.25; mf.ratio(): 0.666667, 0, 0.666667
        let fpr = try disparity(result, "fpr")
        let recall = try disparity(result, "recall")
        #expect(close(recall.difference, 0.2) && close(recall.ratio, 2.0 / 3.0))
        #expect(close(fpr.difference, 1) && close(fpr.ratio, 0))
        #expect(close(try disparity(result, "selection_rate").difference, 0.25))
        // demographic_parity_difference 0.25, demographic_parity_ratio 0.66666..., equalized_odds_ratio 0.0
        #expect(close(try disparity(result, "demographic_parity").difference, 0.25))
        #expect(close(try disparity(result, "demographic_parity").ratio, 2.0 / 3.0))
        #expect(close(try disparity(result, "equalized_odds").ratio, 0))
        #expect(close(try disparity(result, "equalized_odds").difference, 1))
        #expect(fpr.minSlice == ["b"] && fpr.maxSlice == ["a"])
    }

    @Test func disparityGatesUseTheDisparities() throws {
        let result = try fairlearnExample(extra: """
            , "gates": [{"metric": "selection_rate", "across": ["sensitive_feature"], "min_ratio": 0.8},
                        {"metric": "recall", "across": ["sensitive_feature"], "max_difference": 0.25},
                        {"metric": "equalized_odds", "across": ["sensitive_feature"], "max_difference": 0.5}]
            """)
        #expect(result.gates.map(\.passed) == [false, true, false])
        #expect(close(result.gates[0].observed, 2.0 / 3.0))
        #expect(result.gates[0].message.contains("min 0.5 (b), max 0.75 (a)"), "\(result.gates[0].message)")
    }

    @Test func referenceGroupComparison() throws {
        let result = try fairlearnExample(extra: #", "reference": {"sensitive_feature": "b"}"#)
        let d = try disparity(result, "selection_rate")
        #expect(d.reference == ["b"] && d.referenceValue == 0.5)
        let a = try #require(d.relativeToReference.first { $0.values == ["a"] })
        #expect(close(a.ratio, 1.5) && close(a.difference, 0.25))
    }

    @Test func unknownReferenceGroupIsAnError() throws {
        let message = "\(#expect(throws: (any Error).self) { try fairlearnExample(extra: #", "reference": {"sensitive_feature": "z"}"#) }!)"
        #expect(message.contains("reference group"), "\(message)")
        #expect(message.contains("\"a\""), "\(message)")
    }

    @Test func intervalsAreSeededAndCoverTheEstimate() throws {
        let options = #", "intervals": {"replicates": 200, "seed": 7}"#
        let first = try fairlearnExample(extra: options)
        let second = try fairlearnExample(extra: options)
        let other = try fairlearnExample(extra: #", "intervals": {"replicates": 200, "seed": 8}"#)
        let a = try #require(first.evaluations[0].intervals["recall"])
        #expect(a == second.evaluations[0].intervals["recall"])
        #expect(a != other.evaluations[0].intervals["recall"])
        #expect(a.lower <= 0.5 && 0.5 <= a.upper)
        let d = try disparity(first, "selection_rate")
        #expect(d.differenceInterval != nil && d.ratioInterval != nil)
        #expect(first.evaluations[0].slices.allSatisfy { $0.intervals["recall"] != nil })
    }

    @Test func wilsonIntervalsForProportions() throws {
        let result = try fairlearnExample(extra: #", "intervals": {"method": "wilson", "replicates": 100}"#)
        let recall = try #require(result.evaluations[0].intervals["recall"])
        // Wilson 95% for 6 of 12 (statsmodels proportion_confint(6, 12, method="wilson")).
        #expect(abs(recall.lower - 0.253781597633706) < 1e-12 && abs(recall.upper - 0.746218402366294) < 1e-12)
    }
}

@Suite struct IntervalNoteTests {
    @Test func multilabelIntervalsAreComputed() throws {
        let directory = try temporaryDirectory()
        let root = repositoryRoot + "/Datasets/face-attributes-synthetic"
        let scheme = try write("""
            {"evalkit": 1, "name": "faces", "task": "classification", "dataset": "\(root)/dataset.json",
             "predictions": {"path": "\(root)/predictions.csv", "targets": {
               "eyeglasses": {"label": "eyeglasses_pred"}, "beard": {"label": "beard_pred"},
               "hat": {"label": "hat_pred"}, "mask": {"label": "mask_pred"}}},
             "slices": [["lighting"]], "intervals": {"replicates": 50}}
            """, to: "faces.json", in: directory)
        let result = try runScheme(scheme)
        let e = result.evaluations[0]
        #expect(e.slices.map(\.values) == [["day"], ["indoor"], ["night"]])
        // Rows are drawn whole (all targets jointly): every count metric has an interval around its value.
        for key in ["accuracy", "hamming_loss", "f1_macro", "f1_micro", "f1_samples"] {
            let interval = try #require(e.intervals[key], "\(key)")
            let value = try #require(e.computed.metrics[key])
            #expect(interval.lower <= value && value <= interval.upper && interval.lower < interval.upper, "\(key)")
        }
        #expect(e.slices.allSatisfy { $0.intervals["f1_macro"] != nil })
        #expect(!e.notes.contains { $0.contains("no intervals were computed") })
        // Slicing works for multilabel: the night slice is worse, as the generator made it.
        let f1 = e.slices.map { $0.metrics["f1_macro"]! }
        #expect(f1[2] < f1[0])
    }
}
