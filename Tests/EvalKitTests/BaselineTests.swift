import Foundation
import Testing
@testable import EvalKit
import EvalKitData
import EvalKitMetrics
import EvalKitReports

/// Change gates against a baseline run's results.json.
@Suite struct BaselineTests {
    /// Runs the project, writes its results.json as the baseline, and returns its path.
    func baselineRun(_ p: Project) throws -> String {
        let result = try runScheme(try p.write())
        let path = p.directory + "/baseline.json"
        try ResultsJSON.text(result).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func withGates(_ p: inout Project, _ gates: String) {
        p.scheme = p.scheme.replacingOccurrences(of: "\"options\": {\"positive\": \"1\"}", with: "\"options\": {\"positive\": \"1\"}, \"gates\": \(gates)")
    }

    @Test(arguments: [
        // (gate, candidate predictions, passes): the baseline has tp 1 fp 1 fn 1 tn 1 (f1 0.5, fpr 0.5).
        (#"{"metric": "f1", "max_drop": 0.1}"#, "id,pred,score\n1,1,0.9\n2,0,0.2\n3,1,0.4\n4,1,0.7\n", true),   // f1 0.8: better
        (#"{"metric": "f1", "max_drop": 0.1}"#, "id,pred,score\n1,0,0.9\n2,0,0.2\n3,0,0.4\n4,1,0.7\n", false),  // f1 0: drop 0.5
        (#"{"metric": "fpr", "max_drop": 0.1}"#, "id,pred,score\n1,1,0.9\n2,1,0.2\n3,0,0.4\n4,1,0.7\n", false), // fpr 1: rise 0.5
        (#"{"metric": "fpr", "max_drop": 0.1}"#, "id,pred,score\n1,1,0.9\n2,0,0.2\n3,0,0.4\n4,0,0.7\n", true),  // fpr 0: better
        (#"{"metric": "recall", "max_relative_drop": 0.5}"#, "id,pred,score\n1,1,0.9\n2,0,0.2\n3,0,0.4\n4,1,0.7\n", true),
        (#"{"metric": "precision", "max_relative_drop": 0.2}"#, "id,pred,score\n1,1,0.9\n2,1,0.2\n3,0,0.4\n4,1,0.7\n", false), // 1/3 vs 1/2: a relative drop of 1/3
    ])
    func changeGates(_ gate: String, _ candidate: String, _ passes: Bool) throws {
        var p = try Project()
        withGates(&p, "[\(gate)]")
        let baseline = try baselineRun(p)
        p.predictions = candidate
        let planned = try Engine.plan(schemePath: try p.write())
        let result = try Engine.run(planned, baseline: try Baseline.load(resultsPath: baseline))
        #expect(result.gates[0].passed == passes, "\(gate): \(result.gates[0].message)")
        #expect(result.gates[0].baseline != nil)
    }

    @Test func withoutABaselineTheGateIsSkippedOrFailsAsAsked() throws {
        var p = try Project()
        withGates(&p, #"[{"metric": "f1", "max_drop": 0.1}, {"metric": "f1", "max_drop": 0.1, "without_baseline": "fail"}]"#)
        let result = try runScheme(try p.write())
        #expect(result.gates[0].passed && result.gates[0].message.contains("no baseline: not checked"))
        #expect(!result.gates[1].passed)
    }

    @Test func baselineOfOtherDataIsRefusedUnlessAllowed() throws {
        var p = try Project()
        withGates(&p, #"[{"metric": "f1", "max_drop": 0.1}]"#)
        let baseline = try baselineRun(p)
        p.truth = "id,label,group\n1,1,a\n2,0,a\n3,0,b\n4,0,b\n"
        let planned = try Engine.plan(schemePath: try p.write())
        let error = #expect(throws: InputError.self) {
            _ = try Engine.run(planned, baseline: try Baseline.load(resultsPath: baseline))
        }
        #expect(error?.message?.contains("the baseline was computed on different inputs") == true)
        let allowed = try Engine.run(planned, baseline: try Baseline.load(resultsPath: baseline), allowDifferentData: true)
        #expect(allowed.evaluations[0].notes.contains { $0.contains("allowed by --allow-different-data") })
    }

    @Test func baselineMissingTheMetricIsAnError() throws {
        var p = try Project()
        p.scheme = p.scheme.replacingOccurrences(of: "\"options\": {\"positive\": \"1\"}", with: "\"options\": {\"positive\": \"1\"}, \"metrics\": [\"recall\"]")
        let baseline = try baselineRun(p)
        var q = p
        q.scheme = p.scheme.replacingOccurrences(of: "\"metrics\": [\"recall\"]", with: "\"metrics\": [\"recall\"], \"gates\": [{\"metric\": \"f1\", \"max_drop\": 0.1}]")
        let planned = try Engine.plan(schemePath: try q.write())
        let error = #expect(throws: InputError.self) {
            _ = try Engine.run(planned, baseline: try Baseline.load(resultsPath: baseline), allowDifferentData: true)
        }
        #expect(error?.message?.contains("the baseline has no value of \"f1\"") == true)
    }

    @Test func changeGatesRefuseSignificanceAndNeutralMetrics() throws {
        var p = try Project()
        withGates(&p, #"[{"metric": "tp", "max_drop": 1}]"#)
        #expect(try p.error().contains("has no better direction"))
    }

    @Test func sliceChangeGatesArePairedOnTheSlicesItems() throws {
        let directory = try temporaryDirectory()
        let root = repositoryRoot + "/Datasets/adult"
        func scheme(_ threshold: Double) throws -> String {
            try write("""
                {"evalkit": 1, "name": "adult", "task": "classification", "dataset": "\(root)/dataset.json",
                 "predictions": {"path": "\(root)/predictions.csv", "score": "score"},
                 "options": {"positive": "1", "threshold": \(threshold)}, "slices": [["sex"]],
                 "gates": [{"metric": "recall", "slice": {"sex": "Female"}, "max_drop": 0.01, "require": "significant"}]}
                """, to: "slice-\(threshold).json", in: directory)
        }
        let before = try Engine.run(try Engine.plan(schemePath: try scheme(0.5)), recordOutcomes: true)
        try ResultFiles.write(before, to: directory + "/before")
        let baseline = try Baseline.load(resultsPath: directory + "/before/results.json")
        let outcomes = try #require(baseline.evaluations["adult"]?.outcomes)
        #expect(outcomes.cellAttributes == ["sex"] && outcomes.cellKeys.count == 2)
        let after = try Engine.run(try Engine.plan(schemePath: try scheme(0.7)), baseline: baseline, allowDifferentData: true)
        #expect(!after.gates[0].passed, "\(after.gates[0].message)")
        // The test runs on the slice's items (McNemar then counts recall's items: its positives).
        #expect(after.gates[0].pairedTest?.contains("on 5421 paired items") == true, "\(after.gates[0].pairedTest ?? "")")
    }

    /// Writes a run's results.json and outcome sidecars, as `evalkit run --out` does.
    func writeBaseline(_ p: Project) throws -> String {
        let result = try Engine.run(try Engine.plan(schemePath: try p.write()), recordOutcomes: true)
        let directory = p.directory + "/baseline"
        try ResultFiles.write(result, to: directory)
        return directory + "/results.json"
    }

    @Test func smallDropsAreNotSignificant() throws {
        var p = try Project()
        withGates(&p, #"[{"metric": "accuracy", "max_drop": 0.1, "require": "significant"}, {"metric": "f1", "max_drop": 0.1, "require": "significant"}]"#)
        let baseline = try writeBaseline(p)
        p.predictions = "id,pred,score\n1,0,0.9\n2,0,0.2\n3,0,0.4\n4,1,0.7\n"   // one more item wrong
        let result = try Engine.run(try Engine.plan(schemePath: try p.write()), baseline: try Baseline.load(resultsPath: baseline))
        #expect(result.gates.allSatisfy { $0.passed }, "\(result.gates.map(\.message))")
        #expect(result.gates[0].message.contains("not significant") && result.gates[0].pairedTest!.contains("McNemar"))
        #expect(result.gates[1].pairedTest!.contains("paired bootstrap"))
    }

    @Test func realDropsOnTheAdultSampleAreSignificant() throws {
        let directory = try temporaryDirectory()
        let root = repositoryRoot + "/Datasets/adult"
        func scheme(_ threshold: Double) throws -> String {
            try write("""
                {"evalkit": 1, "name": "adult", "task": "classification", "dataset": "\(root)/dataset.json",
                 "predictions": {"path": "\(root)/predictions.csv", "score": "score"},
                 "options": {"positive": "1", "threshold": \(threshold)}, "intervals": {"replicates": 200},
                 "gates": [{"metric": "recall", "max_drop": 0.01, "require": "significant"},
                           {"metric": "f1", "max_drop": 0.01, "require": "significant"}]}
                """, to: "scheme-\(threshold).json", in: directory)
        }
        let before = try Engine.run(try Engine.plan(schemePath: try scheme(0.5)), recordOutcomes: true)
        try ResultFiles.write(before, to: directory + "/before")
        let baseline = try Baseline.load(resultsPath: directory + "/before/results.json")
        #expect(baseline.evaluations["adult"]?.outcomes?.truth.count == 16281)
        let after = try Engine.run(try Engine.plan(schemePath: try scheme(0.7)), baseline: baseline, allowDifferentData: true)
        #expect(after.gates.map(\.passed) == [false, false], "\(after.gates.map(\.message))")
        #expect(after.gates[0].message.contains("McNemar exact p = "), "\(after.gates[0].message)")
        #expect(after.gates[1].message.contains("paired bootstrap drop interval"), "\(after.gates[1].message)")
    }

    @Test func outcomeSidecarsRoundTrip() throws {
        var outcomes = ItemOutcomes(evaluation: "e", groundTruthSHA256: "abc", labels: ["0", "1", "2"])
        outcomes.set(row: 0, truth: 1, predicted: 2)
        outcomes.set(row: 2, truth: 0, predicted: ItemOutcomes.noPrediction)
        outcomes.finish(rows: 4)
        let decoded = try ItemOutcomes.decode(outcomes.encoded(), file: "x")
        #expect(decoded.truth == [1, -2, 0, -2] && decoded.predicted == [2, -2, -1, -2])
        #expect(decoded.labels == ["0", "1", "2"] && decoded.groundTruthSHA256 == "abc")
        var wide = ItemOutcomes(evaluation: "w", groundTruthSHA256: "", labels: (0..<300).map(String.init))
        wide.set(row: 0, truth: 299, predicted: 280)
        wide.finish(rows: 1)
        #expect(try ItemOutcomes.decode(wide.encoded(), file: "y").predicted == [280])
        #expect(throws: InputError.self) { try ItemOutcomes.decode(outcomes.encoded().dropLast(), file: "z") }
    }

    @Test func directions() {
        let c = ClassificationTask.catalog
        #expect(c.direction("f1") == .higherIsBetter && c.direction("f1_macro") == .higherIsBetter)
        #expect(c.direction("fpr") == .lowerIsBetter && c.direction("fnr_weighted") == .lowerIsBetter)
        #expect(c.direction("hamming_loss") == .lowerIsBetter && c.direction("recall@fpr=0.01") == .higherIsBetter)
        #expect(c.direction("threshold@fpr=0.01") == nil && c.direction("selection_rate") == nil)
    }
}
