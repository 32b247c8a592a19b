import Foundation
import Testing

/// `"privacy": "aggregate_only"` through the built binary (docs/schemes.md, "Privacy"): no
/// item-level file is written and no item id appears in any output, while the same scheme without
/// it writes them; reports say so; a paired test against such a baseline fails; and a suppressed
/// slice's values appear in no written file, whatever the privacy.
@Suite struct PrivacyCLITests {
    let cli = CLITests()

    /// The shipped scheme `name` written into `directory` with its paths made absolute and
    /// `changes` applied to its top level (nil removes a key). Returns the new scheme's path.
    func scheme(_ name: String, in directory: String, _ changes: [String: Any?] = [:]) throws -> String {
        let data = try Data(contentsOf: URL(fileURLWithPath: CLITests.root + "/Schemes/" + name))
        var root = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        let schemes = CLITests.root + "/Schemes/"
        root["dataset"] = schemes + (root["dataset"] as! String)
        var predictions = root["predictions"] as! [String: Any]
        predictions["path"] = schemes + (predictions["path"] as! String)
        root["predictions"] = predictions
        for (key, value) in changes { root[key] = value }
        let path = directory + "/" + name
        try JSONSerialization.data(withJSONObject: root, options: [.sortedKeys]).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Every file under `directory`, by relative path.
    func files(_ directory: String) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for file in try FileManager.default.subpathsOfDirectory(atPath: directory) {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: directory + "/" + file, isDirectory: &isDirectory), !isDirectory.boolValue {
                result[file] = FileManager.default.contents(atPath: directory + "/" + file)
            }
        }
        return result
    }

    func json(_ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
    }

    /// Classification on the corruptions sample, whose ids (`img0001-none`) are easy to find.
    @Test func classificationWritesNoOutcomesAndNoIds() throws {
        let directory = try cli.temporaryDirectory()
        let history = directory + "/history.sqlite"
        let private_ = try scheme("corruptions-robustness.json", in: directory, ["privacy": "aggregate_only", "intervals": nil])
        let run = try cli.evalkit(["run", private_, "--out", directory + "/private", "--history", history, "--tag", "private"])
        #expect(run.status == 0, "\(run.stderr)")
        let written = try files(directory + "/private")
        // Aggregate outputs only: results.json, the report and the plots (none item-level).
        #expect(Set(written.keys.filter { !$0.hasSuffix(".png") }) == ["results.json", "report.html"], "\(written.keys.sorted())")
        let results = try json(directory + "/private/results.json")
        #expect(results["privacy"] as? String == "aggregate_only")
        #expect((results["privacy_note"] as? String)?.hasPrefix("item-level outputs withheld: privacy aggregate_only") == true)
        let notes = ((results["evaluations"] as! [[String: Any]])[0]["notes"] as! [String])
        #expect(notes.contains { $0.hasPrefix("item-level outputs withheld: privacy aggregate_only") }, "\(notes)")
        #expect(run.stdout.contains("item-level outputs withheld: privacy aggregate_only"), "\(run.stdout)")
        for (file, data) in written { #expect(!String(decoding: data, as: UTF8.self).contains("img0"), "\(file) names an item") }
        #expect(!run.stdout.contains("img0") && !run.stderr.contains("img0"))
        let markdown = try cli.evalkit(["run", private_, "--format", "markdown", "--no-history"])
        #expect(markdown.stdout.contains("**item-level outputs withheld: privacy aggregate_only**"), "\(markdown.stdout)")

        // The same scheme without it writes the item outcomes.
        let full = try scheme("corruptions-robustness.json", in: try cli.temporaryDirectory(), ["intervals": nil])
        let fullRun = try cli.evalkit(["run", full, "--out", directory + "/full", "--history", history, "--tag", "full"])
        #expect(fullRun.status == 0, "\(fullRun.stderr)")
        #expect(try files(directory + "/full").keys.contains("outcomes/1.bin"))
        #expect(try json(directory + "/full/results.json")["privacy"] as? String == "full")
        #expect(!fullRun.stdout.contains("withheld: privacy"))
        // An aggregate_only run into the full run's directory leaves its item-level files, and warns.
        let reused = try cli.evalkit(["run", private_, "--out", directory + "/full", "--no-history"])
        #expect(reused.status == 0, "\(reused.stderr)")
        #expect(reused.stderr.contains("warning: \(directory)/full holds files this aggregate_only run does not write, item-level "
                                       + "outputs of an earlier run perhaps: outcomes/; they are left as they are"), "\(reused.stderr)")
        #expect(try json(directory + "/full/results.json")["privacy"] as? String == "aggregate_only")
        #expect(!fullRun.stderr.contains("aggregate_only"))

        // The history keeps no outcome of the private run: a paired test against it fails, not
        // checked, by tag and by results.json; against the full run it is made.
        let paired = try scheme("corruptions-robustness.json", in: try cli.temporaryDirectory(), [
            "intervals": ["replicates": 50], "gates": [["metric": "accuracy", "max_drop": 0.01, "require": "significant"]],
        ])
        for baseline in ["private", directory + "/private/results.json"] {
            let outcome = try cli.evalkit(["run", paired, "--history", history, "--baseline", baseline, "--allow-different-data",
                                           "--format", "json"])
            #expect(outcome.status == 1, "\(baseline): \(outcome.stderr)")
            #expect(outcome.stdout.contains("ran with \\\"privacy\\\": \\\"aggregate_only\\\" and keeps none: the gate cannot be checked"),
                    "\(baseline): \(outcome.stdout)")
            #expect(outcome.stdout.contains("\"checked\": false"))
        }
        let againstFull = try cli.evalkit(["run", paired, "--history", history, "--baseline", "full", "--allow-different-data",
                                           "--format", "json"])
        #expect(againstFull.status == 0, "\(againstFull.stderr)")
        #expect(againstFull.stdout.contains("\"paired_test\": \"McNemar"), "\(againstFull.stdout)")
        // An aggregate_only candidate makes its own paired test in memory and writes no outcome.
        let privatePaired = try scheme("corruptions-robustness.json", in: try cli.temporaryDirectory(), [
            "privacy": "aggregate_only", "intervals": ["replicates": 50],
            "gates": [["metric": "accuracy", "max_drop": 0.01, "require": "significant"]],
        ])
        let candidate = try cli.evalkit(["run", privatePaired, "--history", history, "--baseline", "full", "--allow-different-data",
                                         "--out", directory + "/candidate", "--tag", "candidate"])
        #expect(candidate.status == 0, "\(candidate.stderr)")
        #expect(Set(try files(directory + "/candidate").keys.filter { !$0.hasSuffix(".png") }) == ["results.json", "report.html"])
        let chained = try cli.evalkit(["run", paired, "--history", history, "--baseline", "candidate", "--allow-different-data"])
        #expect(chained.status == 1 && chained.stdout.contains("aggregate_only"), "\(chained.stdout)")
    }

    /// `evalkit compare` lists the items that became wrong, with their ids, between two full
    /// runs; with an aggregate_only run on either side it lists none and says so.
    @Test func compareListsNoItemsOfAnAggregateOnlyRun() throws {
        let directory = try cli.temporaryDirectory()
        func run(_ name: String, threshold: Double, privacy: String?) throws -> String {
            let path = try scheme("corruptions-robustness.json", in: try cli.temporaryDirectory(), [
                "privacy": privacy, "intervals": nil, "gates": nil,
                "predictions": ["path": CLITests.root + "/Datasets/corruptions-synthetic/predictions.csv", "score": "score"],
                "options": ["positive": "1", "threshold": threshold],
            ])
            let outcome = try cli.evalkit(["run", path, "--out", directory + "/" + name, "--no-history"])
            #expect(outcome.status == 0, "\(outcome.stderr)")
            return directory + "/" + name + "/results.json"
        }
        let a = try run("a", threshold: 0.5, privacy: nil), b = try run("b", threshold: 0.8, privacy: nil)
        let p = try run("p", threshold: 0.8, privacy: "aggregate_only")
        let full = try cli.evalkit(["compare", a, b])
        #expect(full.status == 0, "\(full.stderr)")
        #expect(full.stdout.contains("became wrong") && full.stdout.contains(" id img0"), "\(full.stdout)")
        for (before, after) in [(a, p), (p, a)] {
            let outcome = try cli.evalkit(["compare", before, after])
            #expect(outcome.status == 0, "\(outcome.stderr)")
            #expect(outcome.stdout.contains("note: item-level outputs withheld: privacy aggregate_only (\(p)): items are not compared"),
                    "\(outcome.stdout)")
            #expect(!outcome.stdout.contains("img0") && !outcome.stdout.contains("became wrong"), "\(outcome.stdout)")
            #expect(outcome.stdout.contains("accuracy"), "metrics are still compared")
        }
    }

    /// Detection's per-image table and tracking's sequence, track and event tables are withheld;
    /// aggregate tables (HOTA per alpha) stay.
    @Test func itemTablesAreWithheldAndAggregateTablesStay() throws {
        let directory = try cli.temporaryDirectory()
        for (name, itemFiles, kept) in [("plates-detection.json", ["per_image-1.csv"], [String]()),
                                        ("tracking-synthetic.json", ["sequences-1.csv", "tracks-1.csv", "track_events-1.csv"],
                                         ["hota_alphas-1.csv"])] {
            let full = try cli.evalkit(["run", try scheme(name, in: directory), "--out", directory + "/full-" + name, "--no-history"])
            let fullFiles = try files(directory + "/full-" + name)
            for file in itemFiles + kept { #expect(fullFiles[file] != nil, "\(name): \(file) without privacy (\(full.stderr))") }
            let out = directory + "/private-" + name
            let outcome = try cli.evalkit(["run", try scheme(name, in: try cli.temporaryDirectory(), ["privacy": "aggregate_only"]),
                                           "--out", out, "--no-history"])
            #expect(outcome.status == full.status, "\(name): \(outcome.stderr)")
            let written = try files(out)
            for file in itemFiles { #expect(written[file] == nil, "\(name): \(file) written with aggregate_only") }
            for file in kept { #expect(written[file] != nil, "\(name): aggregate table \(file) withheld") }
            let notes = ((try json(out + "/results.json")["evaluations"] as! [[String: Any]])[0]["notes"] as! [String])
            #expect(notes.contains("item-level outputs withheld: privacy aggregate_only (tables not written: "
                                   + itemFiles.map { String($0.dropLast("-1.csv".count)) }.joined(separator: ", ") + ")"), "\(notes)")
            if name.hasPrefix("tracking") {
                for (file, data) in written { #expect(!String(decoding: data, as: UTF8.self).contains("seq-0"), "\(file) names a sequence") }
            }
        }
    }

    @Test func privacyIsCheckedAndSchemeWide() throws {
        let directory = try cli.temporaryDirectory()
        let typo = try scheme("corruptions-robustness.json", in: directory, ["privacy": "aggregate-only"])
        let outcome = try cli.evalkit(["run", typo, "--out", directory + "/out", "--no-history"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("(privacy): expected one of \"full\", \"aggregate_only\", found \"aggregate-only\"; "
                                        + "did you mean \"aggregate_only\"?"), "\(outcome.stderr)")
        let number = try scheme("corruptions-robustness.json", in: directory, ["privacy": 1])
        let wrongType = try cli.evalkit(["validate", number])
        #expect(wrongType.status == 2 && wrongType.stderr.contains("(privacy): expected a string, found 1"), "\(wrongType.stderr)")
        let nested = directory + "/nested.json"
        try """
            {"evalkit": 1, "name": "nested", "task": "classification", "options": {"positive": "1"},
             "evaluations": [{"name": "a", "privacy": "aggregate_only",
               "dataset": "\(CLITests.root)/Datasets/corruptions-synthetic/dataset.json",
               "predictions": {"path": "\(CLITests.root)/Datasets/corruptions-synthetic/predictions.csv", "label": "pred"}}]}
            """.write(toFile: nested, atomically: true, encoding: .utf8)
        let perEvaluation = try cli.evalkit(["run", nested, "--out", directory + "/out", "--no-history"])
        #expect(perEvaluation.status == 2)
        #expect(perEvaluation.stderr.contains("(evaluations[0].privacy): \"privacy\" is a setting of the whole scheme, not of one evaluation; "
                                              + "put \"privacy\" at the top level of the scheme"), "\(perEvaluation.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory + "/out"))
    }

    /// A slice below min_slice_size (7 items) is withheld everywhere: its metrics, intervals,
    /// robustness values and gate values appear in no written file, report or history row; its
    /// count does. Its values are 3/7 (accuracy) and 1/3 (recall, precision, f1), which no other
    /// number of the run equals.
    @Test func aSuppressedSlicesValuesAppearNowhere() throws {
        let directory = try cli.temporaryDirectory()
        typealias Counts = GroupedCountsProject.Counts
        try GroupedCountsProject.write([("a", Counts(tp: 18, fn: 2, tn: 19, fp: 1)), ("b", Counts(tp: 15, fn: 5, tn: 16, fp: 4)),
                                        ("rare", Counts(tp: 1, fn: 2, tn: 2, fp: 2))],
                                       attribute: "group", name: "groups", scores: ("0.9", "0.1"), in: directory)
        try """
            {"evalkit": 1, "name": "suppressed", "task": "classification", "dataset": "dataset.json",
             "predictions": {"path": "preds.csv", "label": "pred"}, "options": {"positive": "1"},
             "metrics": ["accuracy", "precision", "recall", "f1", "fpr"],
             "slices": [["group"]], "min_slice_size": 30, "reference": {"group": "a"},
             "robustness": {"attribute": "group", "clean": "a"},
             "intervals": {"replicates": 100, "seed": 3},
             "gates": [{"metric": "recall", "slices": "all", "min": 0.2},
                       {"metric": "accuracy", "against": "clean", "max_relative_drop": 0.5},
                       {"metric": "accuracy", "across": ["group"], "max_difference": 0.5}]}
            """.write(toFile: directory + "/scheme.json", atomically: true, encoding: .utf8)
        let history = directory + "/history.sqlite"
        let table = try cli.evalkit(["run", directory + "/scheme.json", "--out", directory + "/out", "--junit", directory + "/junit.xml",
                                     "--history", history, "--tag", "t"])
        #expect(table.status == 0, "\(table.stderr)")
        let markdown = try cli.evalkit(["run", directory + "/scheme.json", "--format", "markdown", "--no-history"])
        let json = try cli.evalkit(["run", directory + "/scheme.json", "--format", "json", "--no-history"])
        // The suppressed slice is there, with its count.
        #expect(json.stdout.contains("\"group\": \"rare\""), "\(json.stdout)")
        #expect(table.stdout.contains("rare") && table.stdout.contains("suppressed"), "\(table.stdout)")
        var texts: [(String, String)] = [("table report", table.stdout), ("markdown report", markdown.stdout), ("json report", json.stdout)]
        for (file, data) in try files(directory + "/out") { texts.append((file, String(decoding: data, as: UTF8.self))) }
        texts.append(("junit.xml", try String(contentsOfFile: directory + "/junit.xml", encoding: .utf8)))
        for (what, text) in texts {
            for forbidden in ["0.42857142857142855", "0.4286", "42.9%", "0.3333333333333333", "0.3333", "33.3%", "-53.7%", "-0.4964"] {
                #expect(!text.contains(forbidden), "\(what) holds \(forbidden), a value of the suppressed slice")
            }
        }
        // The history's numbers, as SQLite stores REALs (8 bytes, big-endian).
        let database = try Data(contentsOf: URL(fileURLWithPath: history))
        for value in [3.0 / 7.0, 1.0 / 3.0] {
            let bytes = withUnsafeBytes(of: value.bitPattern.bigEndian) { Data($0) }
            #expect(database.range(of: bytes) == nil, "the history holds \(value)")
        }
    }
}
