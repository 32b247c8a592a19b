import Foundation
import Testing

/// The robustness view through the built binary (docs/schemes.md, "Robustness"): results.json's
/// values against a computation from per-condition counts written here, intervals, gates
/// `"against": "clean"` that pass, fail and check nothing, and every bad input (exit 2, its
/// message, nothing written).
@Suite struct RobustnessCLITests {
    let cli = CLITests()

    /// One condition's confusion counts (positive label 1).
    typealias Counts = GroupedCountsProject.Counts

    /// The small project's conditions: `none` is clean (fpr 0, so fpr's relative change is
    /// undefined); `rare` has 5 items, below min_slice_size 30.
    static let conditions: [(String, Counts)] = [
        ("none", Counts(tp: 18, fn: 2, tn: 20, fp: 0)),
        ("blur", Counts(tp: 16, fn: 4, tn: 18, fp: 2)),
        ("noise", Counts(tp: 10, fn: 10, tn: 19, fp: 1)),
        ("rare", Counts(tp: 1, fn: 1, tn: 2, fp: 1)),
    ]

    /// Writes truth.csv (id,label,condition), preds.csv (id,pred,score), dataset.json and a
    /// scheme whose evaluation keys are `keys` (JSON members without braces). Returns the scheme.
    func project(_ keys: String, top: String = "", in directory: String) throws -> String {
        try GroupedCountsProject.write(Self.conditions, attribute: "condition", name: "conditions", scores: ("0.8", "0.2"), in: directory)
        try """
            {"evalkit": 1, "name": "robust", "task": "classification", "dataset": "dataset.json",\(top)
             "predictions": {"path": "preds.csv", "label": "pred", "score": "score"},
             "options": {"positive": "1"}, \(keys)}
            """.write(toFile: directory + "/scheme.json", atomically: true, encoding: .utf8)
        return directory + "/scheme.json"
    }

    func json(_ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
    }

    func close(_ a: Any?, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
        guard let a = a as? NSNumber else { return false }
        return abs(a.doubleValue - b) <= tolerance
    }

    @Test func valuesChangesIntervalsAndGates() throws {
        let directory = try cli.temporaryDirectory()
        let scheme = try project("""
            "metrics": ["accuracy", "recall", "fpr"],
            "robustness": {"attribute": "condition", "clean": "none"},
            "intervals": {"replicates": 200, "seed": 7},
            "gates": [
              {"metric": "accuracy", "against": "clean", "max_relative_drop": 0.3},
              {"metric": "accuracy", "against": "clean", "max_relative_drop": 0.2},
              {"metric": "fpr", "against": "clean", "max_relative_drop": 0.5},
              {"metric": "fpr", "against": "clean", "max_relative_drop": 0.5, "when_undefined": "pass"},
              {"metric": "fpr", "against": "clean", "max_drop": 0.08},
              {"metric": "recall", "against": "clean", "max_drop": 0.5}
            ]
            """, in: directory)
        let outcome = try cli.evalkit(["run", scheme, "--out", directory + "/out", "--no-history"])
        #expect(outcome.status == 1, "\(outcome.stderr)")
        let results = try json(directory + "/out/results.json")
        let evaluation = (results["evaluations"] as! [[String: Any]])[0]
        // The conditions are not among the slices: `slices` lists no grouping.
        #expect((evaluation["slices"] as! [Any]).isEmpty)
        let view = try #require(evaluation["robustness"] as? [String: Any])
        #expect(view["attribute"] as? String == "condition")
        #expect(view["clean"] as? String == "none")
        #expect(view["clean_count"] as? Int == 40)
        #expect(view["clean_suppressed"] as? Bool == false)
        #expect(view["metrics"] as? [String] == ["accuracy", "recall", "fpr"])
        let conditions = view["conditions"] as! [[String: Any]]
        #expect(conditions.map { $0["value"] as! String } == ["blur", "noise", "rare"])
        let clean = Self.conditions[0].1
        for (name, counts) in Self.conditions.dropFirst(1).prefix(2) {
            let entry = try #require(conditions.first { $0["value"] as? String == name })
            #expect(entry["count"] as? Int == counts.n)
            #expect(entry["suppressed"] as? Bool == false)
            let metrics = entry["metrics"] as! [String: [String: Any]]
            #expect(Set(metrics.keys) == ["accuracy", "recall", "fpr"])
            for metric in ["accuracy", "recall", "fpr"] {
                let m = metrics[metric]!
                let value = counts.value(metric), reference = clean.value(metric)
                #expect(close(m["value"], value), "\(name) \(metric) value \(m["value"] ?? "nil") vs \(value)")
                #expect(close(m["clean"], reference), "\(name) \(metric) clean")
                #expect(close(m["change"], value - reference), "\(name) \(metric) change")
                if reference == 0 {
                    #expect(m["relative_change"] is NSNull, "\(name) \(metric): relative change with a clean value of 0")
                } else {
                    #expect(close(m["relative_change"], (value - reference) / abs(reference)), "\(name) \(metric) relative")
                }
                let intervals = try #require(m["intervals"] as? [String: Any], "\(name) \(metric) intervals")
                let change = try #require(intervals["change"] as? [Double], "\(name) \(metric) change interval")
                #expect(change[0] <= value - reference + 1e-12 && value - reference <= change[1] + 1e-12, "\(name) \(metric) \(change)")
                if reference == 0 {
                    #expect(intervals["relative_change"] is NSNull)
                } else {
                    let relative = try #require(intervals["relative_change"] as? [Double])
                    #expect(relative[0] <= relative[1])
                }
            }
        }
        // The suppressed condition: its count only, its values withheld.
        let rare = try #require(conditions.first { $0["value"] as? String == "rare" })
        #expect(rare["count"] as? Int == 5 && rare["suppressed"] as? Bool == true)
        #expect((rare["metrics"] as? [String: Any])?.isEmpty == true)
        let notes = view["notes"] as! [String]
        #expect(notes.contains { $0.contains("1 condition(s) with fewer than 30 items are suppressed") }, "\(notes)")
        #expect(notes.contains { $0.contains("fpr [condition=blur]: the clean value of fpr is 0") }, "\(notes)")

        // Gates: pass, fail (noise), unchecked fail, unchecked pass, fail (blur, lower is better), pass.
        let gates = results["gates"] as! [[String: Any]]
        #expect(gates.map { $0["passed"] as! Bool } == [true, false, false, true, false, true])
        #expect(gates.map { $0["checked"] as! Bool } == [true, true, false, false, true, true])
        #expect(gates[0]["gate"] as? String == "accuracy relative drop from clean <= 0.3 in every condition")
        #expect(gates.allSatisfy { $0["against"] as? String == "clean" })
        #expect(gates[1]["slice"] as? [String: String] == ["condition": "noise"])
        #expect(close(gates[1]["observed"], Self.conditions[2].1.accuracy) && close(gates[1]["baseline"], clean.accuracy))
        #expect(close(gates[1]["drop"], clean.accuracy - Self.conditions[2].1.accuracy))
        #expect((gates[1]["message"] as? String)?.contains("1 of 2 condition(s) drop more than 0.2 from clean condition=none") == true,
                "\(gates[1]["message"] ?? "")")
        #expect((gates[2]["message"] as? String)?.contains("no condition of condition has a defined relative drop of fpr") == true,
                "\(gates[2]["message"] ?? "")")
        #expect((gates[3]["message"] as? String)?.hasPrefix("not checked:") == true)
        #expect(gates[4]["slice"] as? [String: String] == ["condition": "blur"])
        #expect(close(gates[4]["drop"], 0.1))
        // The reports: a Robustness section, worst relative drop first.
        #expect(outcome.stdout.contains("Robustness: accuracy by condition, clean none: 0.9500 (n 40)"), "\(outcome.stdout)")
        let table = outcome.stdout
        let noise = try #require(table.range(of: "  noise "))
        let blur = try #require(table.range(of: "  blur "))
        #expect(noise.lowerBound < blur.lowerBound, "worst relative drop first")
        #expect(table.contains("FAIL  accuracy relative drop from clean <= 0.2 in every condition"), "\(table)")
        #expect(table.contains("(clean 0.9500, change -0.2250, limit 0.2)"), "\(table)")
        let markdown = try cli.evalkit(["run", scheme, "--no-history", "--format", "markdown"])
        #expect(markdown.stdout.contains("### Robustness"))
        #expect(markdown.stdout.contains("| noise | 40 | 0.7250 | -0.2250 ["), "\(markdown.stdout)")
        #expect(markdown.stdout.contains("| rare (suppressed) | 5 | — | — | — |"))
    }

    /// The shipped sample (Schemes/corruptions-robustness.json): every value of the view equals
    /// the computation from the conditions' confusion counts written here, and
    /// Datasets/corruptions-synthetic/reference_metrics.json; fog (12 items) is suppressed.
    @Test func theShippedSampleAgreesWithItsCounts() throws {
        let counts: [String: Counts] = [
            "none": Counts(tp: 193, fn: 5, tn: 292, fp: 10),
            "blur": Counts(tp: 181, fn: 17, tn: 284, fp: 18),
            "noise": Counts(tp: 177, fn: 21, tn: 259, fp: 43),
            "jpeg": Counts(tp: 191, fn: 7, tn: 293, fp: 9),
        ]
        let directory = try cli.temporaryDirectory()
        let outcome = try cli.evalkit(["run", "Schemes/corruptions-robustness.json", "--out", directory, "--no-history"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let view = ((try json(directory + "/results.json")["evaluations"] as! [[String: Any]])[0]["robustness"] as! [String: Any])
        let reference = (try json(CLITests.root + "/Datasets/corruptions-synthetic/reference_metrics.json")["robustness"]
            as! [String: Any])["conditions"] as! [[String: Any]]
        let conditions = view["conditions"] as! [[String: Any]]
        #expect(conditions.map { $0["value"] as! String } == ["blur", "fog", "jpeg", "noise"])
        #expect(view["clean_count"] as? Int == 500)
        let clean = counts["none"]!
        var compared = 0
        for condition in conditions {
            let name = condition["value"] as! String
            let expected = try #require(reference.first { $0["value"] as? String == name })
            #expect(condition["count"] as? Int == expected["count"] as? Int)
            #expect(condition["suppressed"] as? Bool == expected["suppressed"] as? Bool)
            guard let c = counts[name] else {
                #expect(name == "fog" && condition["suppressed"] as? Bool == true && condition["count"] as? Int == 12)
                #expect((condition["metrics"] as? [String: Any])?.isEmpty == true)
                continue
            }
            let metrics = condition["metrics"] as! [String: [String: Any]]
            let references = expected["metrics"] as! [String: [String: Any]]
            for metric in ["accuracy", "precision", "recall", "f1", "fpr"] {
                let m = metrics[metric]!, r = references[metric]!
                let value = c.value(metric), base = clean.value(metric)
                for (key, hand) in [("value", value), ("clean", base), ("change", value - base),
                                    ("relative_change", (value - base) / abs(base))] {
                    #expect(close(m[key], hand), "\(name) \(metric) \(key): \(m[key] ?? "nil") vs \(hand)")
                    #expect(close(m[key], (r[key] as! NSNumber).doubleValue, 1e-15), "\(name) \(metric) \(key) vs reference")
                    compared += 1
                }
                let intervals = m["intervals"] as? [String: [Double]]
                #expect(intervals?["change"]?.count == 2 && intervals?["relative_change"]?.count == 2, "\(name) \(metric)")
            }
            #expect(metrics["roc_auc"]?["intervals"] != nil)
        }
        #expect(compared == 60)
    }

    /// `"require": "significant"`: a drop counts only when the bootstrap interval of the change
    /// puts the whole drop above the limit (shipped sample: blur and noise do, jpeg's -0.002 does not).
    @Test func requireSignificantCountsOnlyConfirmedDrops() throws {
        let directory = try cli.temporaryDirectory()
        let data = CLITests.root + "/Datasets/corruptions-synthetic"
        try """
            {"evalkit": 1, "name": "significant", "task": "classification", "dataset": "\(data)/dataset.json",
             "predictions": {"path": "\(data)/predictions.csv", "label": "pred"}, "options": {"positive": "1"},
             "metrics": ["accuracy"], "robustness": {"attribute": "condition", "clean": "none"},
             "intervals": {"replicates": 1000, "seed": 1},
             "gates": [{"metric": "accuracy", "against": "clean", "max_drop": 0, "require": "significant"},
                       {"metric": "accuracy", "against": "clean", "max_drop": 0}]}
            """.write(toFile: directory + "/scheme.json", atomically: true, encoding: .utf8)
        let outcome = try cli.evalkit(["run", directory + "/scheme.json", "--out", directory + "/out", "--no-history"])
        #expect(outcome.status == 1, "\(outcome.stderr)")
        let root = try json(directory + "/out/results.json")
        let view = (root["evaluations"] as! [[String: Any]])[0]["robustness"] as! [String: Any]
        let jpeg = (view["conditions"] as! [[String: Any]]).first { $0["value"] as? String == "jpeg" }!
        let interval = ((jpeg["metrics"] as! [String: [String: Any]])["accuracy"]!["intervals"] as! [String: [Double]])["change"]!
        #expect(interval[0] < 0 && interval[1] > 0, "jpeg's change interval includes 0: \(interval)")
        let gates = root["gates"] as! [[String: Any]]
        let significant = gates[0]["message"] as! String, plain = gates[1]["message"] as! String
        #expect(significant.hasPrefix("2 of 3 condition(s) drop more than 0") && significant.contains("noise") && significant.contains("blur"),
                "\(significant)")
        #expect(significant.contains("not significant (the interval includes the limit): jpeg"), "\(significant)")
        #expect(plain.hasPrefix("3 of 3 condition(s) drop more than 0"), "\(plain)")
        #expect(gates[0]["gate"] as? String == "accuracy drop from clean <= 0 in every condition (significant)")
    }

    /// Listed in `slices` or not, the conditions are computed once and the view is the same.
    @Test func listingTheAttributeInSlicesChangesNothingInTheView() throws {
        let keys = """
            "metrics": ["accuracy", "recall"], "robustness": {"attribute": "condition", "clean": "none"},
            "intervals": {"replicates": 100}
            """
        let a = try cli.temporaryDirectory(), b = try cli.temporaryDirectory()
        let plain = try cli.evalkit(["run", try project(keys, in: a), "--format", "json", "--no-history"])
        let listed = try cli.evalkit(["run", try project(keys + #", "slices": [["condition"]]"#, in: b), "--format", "json",
                                      "--no-history"])
        #expect(plain.status == 0 && listed.status == 0, "\(plain.stderr) \(listed.stderr)")
        func view(_ text: String) throws -> (NSDictionary, [Any]) {
            let root = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
            let evaluation = (root["evaluations"] as! [[String: Any]])[0]
            return (evaluation["robustness"] as! NSDictionary, evaluation["slices"] as! [Any])
        }
        let (first, noSlices) = try view(plain.stdout)
        let (second, slices) = try view(listed.stdout)
        #expect(first == second)
        #expect(noSlices.isEmpty)
        #expect(slices.count == 4, "each condition once among the slices")
    }

    @Test func theCleanConditionSuppressedLeavesGatesUnchecked() throws {
        let directory = try cli.temporaryDirectory()
        let scheme = try project("""
            "min_slice_size": 41, "robustness": {"attribute": "condition", "clean": "none"},
            "gates": [{"metric": "accuracy", "against": "clean", "max_drop": 0.1},
                      {"metric": "accuracy", "against": "clean", "max_drop": 0.1, "when_undefined": "pass"}]
            """, in: directory)
        let outcome = try cli.evalkit(["run", scheme, "--out", directory + "/out", "--no-history"])
        #expect(outcome.status == 1, "\(outcome.stderr)")
        let results = try json(directory + "/out/results.json")
        let view = ((results["evaluations"] as! [[String: Any]])[0]["robustness"] as! [String: Any])
        #expect(view["clean_suppressed"] as? Bool == true)
        for condition in view["conditions"] as! [[String: Any]] {
            #expect(condition["suppressed"] as? Bool == true && (condition["metrics"] as? [String: Any])?.isEmpty == true)
        }
        let gates = results["gates"] as! [[String: Any]]
        #expect(gates.map { $0["passed"] as! Bool } == [false, true])
        #expect(gates.map { $0["checked"] as! Bool } == [false, false])
        #expect((gates[0]["message"] as? String)?.contains("the clean condition condition=none has 40 items, fewer than min_slice_size 41") == true)
    }

    /// Every bad input: exit 2, the message with its JSON path, nothing written.
    @Test func badInputsAreClearErrors() throws {
        func expectBad(_ keys: String, top: String = "", _ fragments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
            let directory = try cli.temporaryDirectory()
            let scheme = try project(keys, top: top, in: directory)
            let outcome = try cli.evalkit(["run", scheme, "--out", directory + "/out", "--no-history"])
            #expect(outcome.status == 2, "\(keys): \(outcome.stderr)", sourceLocation: sourceLocation)
            for fragment in fragments {
                #expect(outcome.stderr.contains(fragment), "\(keys): \(outcome.stderr)", sourceLocation: sourceLocation)
            }
            #expect(outcome.stdout.isEmpty, sourceLocation: sourceLocation)
            #expect(!FileManager.default.fileExists(atPath: directory + "/out"), "nothing written", sourceLocation: sourceLocation)
        }
        try expectBad(#""robustness": {"attribute": "conditon", "clean": "none"}"#,
                      ["(robustness.attribute): unknown attribute \"conditon\"", "did you mean \"condition\"?"])
        try expectBad(#""robustness": {"attribute": "condition", "clean": "nome"}"#,
                      ["(robustness.clean): the clean condition condition=nome does not occur in the data",
                       "did you mean \"none\"?", "values of \"condition\" found: \"blur\", \"noise\", \"none\", \"rare\""])
        try expectBad(#""robustness": {"attribute": "condition", "clean": "sunny"}"#,
                      ["does not occur in the data; values of \"condition\" found: \"blur\", \"noise\", \"none\", \"rare\""])
        try expectBad(#""robustness": {"attribute": "condition", "clean": "none", "metrics": ["acuracy"]}"#,
                      ["(robustness.metrics[0]): unknown metric \"acuracy\" in robustness", "did you mean \"accuracy\"?"])
        try expectBad(#""gates": [{"metric": "accuracy", "against": "clean", "max_drop": 0.1}]"#,
                      ["(gates[0].against): \"against\": \"clean\" compares each condition with the clean one, but the evaluation has no \"robustness\""])
        try expectBad(#""robustness": {"attribute": "condition", "clean": "none"}, "gates": [{"metric": "accuracy", "against": "clen", "max_drop": 0.1}]"#,
                      ["(gates[0].against): expected one of \"clean\", found \"clen\"; did you mean \"clean\"?"])
        try expectBad(#""robustness": {"attribute": "condition", "clean": "none"}, "gates": [{"metric": "accuracy", "against": "clean", "min": 0.1}]"#,
                      ["(gates[0]): \"against\": \"clean\" bounds the drop from the clean condition: use \"max_drop\" or \"max_relative_drop\""])
        try expectBad(#""robustness": {"attribute": "condition", "clean": "none"}, "gates": [{"metric": "tp", "against": "clean", "max_drop": 1}]"#,
                      ["(gates[0].metric): \"tp\" has no better direction, so a drop is not defined"])
        try expectBad(#""robustness": {"attribute": "condition", "clean": "none"}, "gates": [{"metric": "accuracy", "against": "clean", "max_drop": 0.1, "require": "significant"}]"#,
                      ["(gates[0].require): \"require\": \"significant\" needs intervals"])
        // Wrong types.
        try expectBad(#""robustness": ["condition"]"#, ["(robustness): expected robustness (a JSON object), found an array"])
        try expectBad(#""robustness": {"attribute": 3, "clean": "none"}"#, ["(robustness.attribute): expected a string, found 3"])
        try expectBad(#""robustness": {"attribute": "condition", "clean": ["none"]}"#,
                      ["(robustness.clean): expected a value (string, number or boolean), found an array"])
        try expectBad(#""robustness": {"attribute": "condition", "clean": "none", "metrics": "accuracy"}"#,
                      ["(robustness.metrics): expected an array of strings, found \"accuracy\""])
        try expectBad(#""robustness": {"attribute": "condition"}"#, ["(robustness.clean): missing required key \"clean\""])
        try expectBad(#""robustness": {"attribute": "condition", "clean": "none", "baseline": "none"}"#,
                      ["(robustness.baseline): unknown key \"baseline\" in robustness"])
    }
}

/// The metrics of one condition's counts, computed here to check results.json.
extension GroupedCountsProject.Counts {
    var n: Int { tp + fn + tn + fp }
    var accuracy: Double { Double(tp + tn) / Double(n) }
    var recall: Double { Double(tp) / Double(tp + fn) }
    var precision: Double { Double(tp) / Double(tp + fp) }
    var fpr: Double { Double(fp) / Double(fp + tn) }
    var f1: Double { 2 * Double(tp) / Double(2 * tp + fp + fn) }
    func value(_ metric: String) -> Double {
        switch metric {
        case "accuracy": accuracy
        case "recall": recall
        case "precision": precision
        case "fpr": fpr
        default: f1
        }
    }
}
