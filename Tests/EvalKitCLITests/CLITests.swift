import Foundation
import Testing

/// Runs the built `evalkit` binary as a user would, checking exit codes, streams and files.
@Suite struct CLITests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// The evalkit binary next to the test bundle (`swift build` puts both in .build/<config>/).
    static var binary: String {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("evalkit").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return root + "/.build/debug/evalkit"
    }

    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    func evalkit(_ arguments: [String], environment: [String: String] = [:]) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: Self.root)
        var env = ProcessInfo.processInfo.environment
        // Each run gets a history of its own unless the test names one (--history wins over the
        // variable): parallel tests would otherwise all write the repository's history at once.
        env["EVALKIT_HISTORY"] = NSTemporaryDirectory() + "evalkit-cli-history-" + UUID().uuidString + ".sqlite"
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                       stderr: String(decoding: stderr, as: UTF8.self))
    }

    func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "evalkit-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func versionPrintsTheVersion() throws {
        let outcome = try evalkit(["--version"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout == "0.1.0\n")
    }

    /// `--generate-completion-script` writes each shell's script (exit 0, nothing on stderr) naming
    /// every command, with evalkit's path completions: schemes `.json`, shard states `.state`, `--out` a directory.
    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScripts(_ shell: String) throws {
        let outcome = try evalkit(["--generate-completion-script", shell])
        #expect(outcome.status == 0 && outcome.stderr.isEmpty, "\(outcome.stderr)")
        let script = outcome.stdout
        #expect(!script.isEmpty)
        for command in ["run", "merge", "validate", "compare", "history"] { #expect(script.contains(command), "\(shell): \(command)") }
        for option in ["out", "junit", "state-out", "baseline", "predictions", "threads"] { #expect(script.contains(option), "\(shell): --\(option)") }
        #expect(script.contains("json") && script.contains("state"), "\(shell): the scheme and state file extensions")
        #expect(script.contains(shell == "bash" ? "-d" : shell == "zsh" ? "_files -/" : "__fish_complete_directories"), "\(shell): --out completes directories")
    }

    @Test func helpListsTheCommands() throws {
        let outcome = try evalkit(["help"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("run") && outcome.stdout.contains("validate"))
    }

    @Test func quickstartPassesAndWritesResults() throws {
        let out = try temporaryDirectory() + "/results"
        let outcome = try evalkit(["run", "Schemes/quickstart.json", "--out", out])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("Result: PASSED (5 of 5 gates passed)"))
        #expect(!outcome.stdout.contains("\u{1B}["), "no colours when stdout is not a terminal")
        let data = try Data(contentsOf: URL(fileURLWithPath: out + "/results.json"))
        let json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        #expect((json["evalkit"] as! [String: Any])["version"] as? String == "0.1.0")
        #expect(json["passed"] as? Bool == true)
        let scheme = json["scheme"] as! [String: Any]
        #expect((scheme["sha256"] as! String).count == 64)
        let evaluation = (json["evaluations"] as! [[String: Any]])[0]
        #expect(evaluation["task"] as? String == "classification")
        #expect(evaluation["count"] as? Int == 16281)
        let dataset = evaluation["dataset"] as! [String: Any]
        #expect(dataset["sha256"] as? String == "cfced1d4d41d0c9cfc2b59d259e0ffcd1b830978fcc72d388ad878776f3a6cd3")
        let predictions = evaluation["predictions"] as! [String: Any]
        #expect(predictions["sha256"] as? String == "9e691d9aae2cab71a7687de8e70c392a231be34f17e7f535bacf0db551d42ce4")
        let metrics = evaluation["metrics"] as! [String: Any]
        #expect(abs((metrics["f1"] as! Double) - 0.6537578886976477) < 1e-12)
        #expect(metrics["tp"] as? Int == 2279)
        let confusion = evaluation["confusion_matrix"] as! [String: Any]
        #expect(confusion["labels"] as? [String] == ["0", "1"])
        #expect(confusion["counts"] as? [[Int]] == [[11588, 847], [1567, 2279]])
        let gates = json["gates"] as! [[String: Any]]
        #expect(gates.count == 5)
        #expect(gates[0]["gate"] as? String == "f1 >= 0.6")
        #expect(gates[0]["passed"] as? Bool == true)
        #expect(gates[0]["slice"] is NSNull)
    }

    @Test func failingGateExitsOneAndNamesTheGate() throws {
        let directory = try temporaryDirectory()
        let scheme = directory + "/strict.json"
        try """
            {"evalkit": 1, "name": "strict", "task": "classification",
             "dataset": "\(Self.root)/Datasets/adult/dataset.json",
             "predictions": {"path": "\(Self.root)/Datasets/adult/predictions.csv", "label": "pred", "score": "score"},
             "options": {"positive": "1"},
             "gates": [{"metric": "f1", "min": 0.9}, {"metric": "fpr", "max": 0.1}]}
            """.write(toFile: scheme, atomically: true, encoding: .utf8)
        let outcome = try evalkit(["run", scheme, "--out", directory + "/out"])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("FAIL  f1 >= 0.9"))
        #expect(outcome.stdout.contains("observed 0.6538"))
        #expect(outcome.stdout.contains("Result: FAILED (1 of 2 gates failed)"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/out/results.json"))) as! [String: Any]
        #expect(json["passed"] as? Bool == false)
        let gate = (json["gates"] as! [[String: Any]])[0]
        // Compared as text: Foundation's JSON parser on Linux may be off by an ulp; the file is exact.
        let text = try String(contentsOfFile: directory + "/out/results.json", encoding: .utf8)
        #expect(text.contains("\"observed\": 0.6537578886976477,"))
        #expect(gate["observed"] != nil)
        #expect(gate["limit"] as? Double == 0.9)
    }

    @Test func badInputExitsTwoWritesNothingAndExplainsOnStderr() throws {
        let directory = try temporaryDirectory()
        let scheme = directory + "/bad.json"
        try """
            {"evalkit": 1, "name": "bad", "task": "classification",
             "dataset": "\(Self.root)/Datasets/adult/dataset.json",
             "predictions": {"path": "\(Self.root)/Datasets/adult/predictions.csv", "label": "pred"},
             "gates": [{"metric": "f1_macro", "min": 0.5}], "metrcs": ["f1"]}
            """.write(toFile: scheme, atomically: true, encoding: .utf8)
        let outcome = try evalkit(["run", scheme, "--out", directory + "/out"])
        #expect(outcome.status == 2)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr.contains("error: \(scheme):4:59 (metrcs): unknown key \"metrcs\" in scheme; did you mean \"metrics\"?"), "\(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory + "/out/results.json"))
    }

    @Test func detectionExitCodes() throws {
        let directory = try temporaryDirectory()
        let plates = Self.root + "/Datasets/plates-detection-synthetic"
        // A NaN score (Python's json writes it): exit 2, the place on stderr, nothing written.
        try #"[{"image_id": 1, "category_id": 1, "bbox": [1, 2, 3, 4], "score": NaN}]"#
            .write(toFile: directory + "/dt.json", atomically: true, encoding: .utf8)
        func scheme(_ predictions: String, gates: String) throws -> String {
            let path = directory + "/scheme-\(gates.count).json"
            try """
                {"evalkit": 1, "name": "det", "task": "detection", "dataset": "\(plates)/dataset.json",
                 "predictions": {"path": "\(predictions)"}, "gates": \(gates)}
                """.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        let bad = try evalkit(["run", try scheme(directory + "/dt.json", gates: "[]"), "--out", directory + "/out", "--no-history"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("dt.json:1:67 ([0].score): field \"score\": NaN is not a JSON number"), "\(bad.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory + "/out/results.json"))
        // A failing gate: exit 1, results and per-image counts written.
        let failing = try evalkit(["run", try scheme(plates + "/predictions.json", gates: #"[{"metric": "AP", "min": 0.99}]"#),
                                   "--out", directory + "/out", "--no-history"])
        #expect(failing.status == 1, "\(failing.stderr)")
        #expect(failing.stdout.contains("FAIL  AP >= 0.99"))
        #expect(FileManager.default.fileExists(atPath: directory + "/out/results.json"))
        #expect(FileManager.default.fileExists(atPath: directory + "/out/per_image-1.csv"))
    }

    @Test func unknownFlagIsAUsageErrorWithStatusTwo() throws {
        let outcome = try evalkit(["run", "Schemes/quickstart.json", "--colour"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("Unknown option '--colour'"))
    }

    @Test func missingSchemeFile() throws {
        let outcome = try evalkit(["run", "Schemes/nope.json"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr == "error: Schemes/nope.json: file not found\n")
    }

    @Test func jsonFormatIsTheResultsDocument() throws {
        let outcome = try evalkit(["run", "Schemes/digits-multiclass.json", "--format", "json"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as! [String: Any]
        let metrics = (json["evaluations"] as! [[String: Any]])[0]["metrics"] as! [String: Any]
        #expect(abs((metrics["accuracy"] as! Double) - 0.9693934335002783) < 1e-12)
    }

    /// The digits sample's class probabilities, through the built binary: scikit-learn 1.9.1's
    /// values (Datasets/digits/reference_metrics.json; OvO and top-k from the same file with
    /// `roc_auc_score(multi_class="ovo")` and `top_k_accuracy_score`).
    @Test func multiclassProbabilityMetricsOfTheDigitsSample() throws {
        let outcome = try evalkit(["run", "Schemes/digits-multiclass.json", "--format", "json", "--no-history"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as! [String: Any]
        let metrics = (json["evaluations"] as! [[String: Any]])[0]["metrics"] as! [String: Any]
        let expected: [String: Double] = [
            "roc_auc_ovr_macro": 0.9990958713575614, "roc_auc_ovr_weighted": 0.9990976325888591,
            "roc_auc_ovo_macro": 0.9990946116630072, "roc_auc_ovo_weighted": 0.9990959870004157,
            "log_loss": 0.10785064966908288, "top_k_accuracy@k=2": 0.9888703394546466,
            "top_k_accuracy@k=3": 0.9955481357818586,
        ]
        for (key, value) in expected {
            #expect(abs((metrics[key] as? Double ?? .nan) - value) < 1e-12, "\(key): \(metrics[key] ?? "missing")")
        }
    }

    /// A small scheme with a class missing a score column: exit 2, file and line on stderr.
    @Test func probabilityColumnsMissingForATruthLabelExitTwo() throws {
        let directory = try temporaryDirectory()
        try "id,label\n1,a\n2,b\n3,c\n".write(toFile: directory + "/truth.csv", atomically: true, encoding: .utf8)
        try "id,pred,p_a,p_b\n1,a,0.9,0.1\n2,b,0.2,0.8\n3,b,0.5,0.5\n".write(toFile: directory + "/preds.csv", atomically: true, encoding: .utf8)
        try """
            {"evalkit": 1, "name": "p", "task": "classification",
             "dataset": {"name": "d", "files": [{"path": "truth.csv", "role": "ground_truth"}], "columns": {"id": "id", "label": "label"}},
             "predictions": {"path": "preds.csv", "label": "pred", "scores": "p_"}}
            """.write(toFile: directory + "/scheme.json", atomically: true, encoding: .utf8)
        let outcome = try evalkit(["run", directory + "/scheme.json", "--no-history"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("truth.csv:4: field \"label\": expected a class with a score column: one of \"a\", \"b\", found \"c\""), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("p_c"), "\(outcome.stderr)")
    }

    @Test func markdownFormatStartsWithTheVerdict() throws {
        let outcome = try evalkit(["run", "Schemes/face-attributes.json", "--format", "markdown"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.hasPrefix("# evalkit: face-attributes — ✅ passed\n"))
        #expect(outcome.stdout.contains("| ✅ | `f1_macro >= 0.7` |"))
        #expect(outcome.stdout.contains("| eyeglasses |"))
    }

    @Test func validateChecksWithoutComputing() throws {
        let outcome = try evalkit(["validate", "Schemes/quickstart.json"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout == """
            Schemes/quickstart.json: valid; 1 evaluation(s)
              adult-income-quickstart (classification): 16281 ground-truth item(s), 16281 with a prediction; 2 file(s) read

            """)
        let bad = try evalkit(["validate", "Schemes/scheme.schema.json"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("missing required key \"evalkit\""), "\(bad.stderr)")
    }

    @Test func thresholdWarningGoesToStderr() throws {
        let directory = try temporaryDirectory()
        let scheme = directory + "/warn.json"
        try """
            {"evalkit": 1, "name": "warn", "task": "classification",
             "dataset": "\(Self.root)/Datasets/adult/dataset.json",
             "predictions": {"path": "\(Self.root)/Datasets/adult/predictions.csv", "score": "score"},
             "options": {"positive": "1", "threshold": 2}}
            """.write(toFile: scheme, atomically: true, encoding: .utf8)
        let outcome = try evalkit(["run", scheme])
        #expect(outcome.status == 0)
        #expect(outcome.stderr.contains("warning: [warn] threshold 2 is outside the range of the scores"), "\(outcome.stderr)")
    }

    @Test func compareListsRegressionsFirstAndBaselineGatesCatchThem() throws {
        let directory = try temporaryDirectory()
        func scheme(_ name: String, threshold: Double) throws -> String {
            let path = directory + "/\(name).json"
            try """
                {"evalkit": 1, "name": "adult", "task": "classification",
                 "dataset": "\(Self.root)/Datasets/adult/dataset.json",
                 "predictions": {"path": "\(Self.root)/Datasets/adult/predictions.csv", "score": "score"},
                 "options": {"positive": "1", "threshold": \(threshold)}, "metrics": ["f1", "recall", "fpr"],
                 "gates": [{"metric": "recall", "max_drop": 0.05}]}
                """.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        let first = try evalkit(["run", try scheme("a", threshold: 0.5), "--out", directory + "/a"])
        #expect(first.status == 0, "\(first.stderr)")
        // A change gate without a baseline passed without checking anything: the table says so.
        #expect(first.stdout.contains("SKIP  recall drop from baseline"), "\(first.stdout)")
        #expect(first.stdout.contains("no baseline: not checked"))
        let second = try evalkit(["run", try scheme("b", threshold: 0.7), "--out", directory + "/b",
                                  "--baseline", directory + "/a/results.json", "--allow-different-data"])
        #expect(second.status == 1, "\(second.stderr)")
        #expect(second.stdout.contains("FAIL  recall drop from baseline <= 0.05"), "\(second.stdout)")
        let refused = try evalkit(["run", try scheme("c", threshold: 0.7), "--baseline", directory + "/a/results.json"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("differs from the baseline's (setup_sha256"), "\(refused.stderr)")
        let compare = try evalkit(["compare", directory + "/a/results.json", directory + "/b/results.json"])
        #expect(compare.status == 0, "\(compare.stderr)")
        let lines = compare.stdout.split(separator: "\n")
        let firstRow = try #require(lines.first { $0.hasPrefix("adult ") })
        #expect(firstRow.contains("recall") && firstRow.hasSuffix("worse"), "\(compare.stdout)")
        #expect(compare.stdout.contains("fpr") && compare.stdout.contains("better"))
        // Per-item outcomes (written by --out): the items that changed, with their ids.
        #expect(compare.stdout.contains("adult: 16281 items compared;"), "\(compare.stdout)")
        #expect(compare.stdout.contains("became wrong") && compare.stdout.contains(" id "), "\(compare.stdout)")
        #expect(compare.stdout.contains("paired 95% interval of the change [") && compare.stdout.contains("McNemar exact p = "))
        let recallRow = try #require(lines.first { $0.hasPrefix("adult ") && $0.contains(" recall ") })
        #expect(recallRow.contains("[-"), "a paired interval of the recall delta: \(recallRow)")
    }

    @Test func runsAreRecordedTaggedAndUsableAsBaselines() throws {
        let directory = try temporaryDirectory()
        let history = directory + "/history.sqlite"
        let scheme = directory + "/digits.json"
        try """
            {"evalkit": 1, "name": "digits", "task": "classification",
             "dataset": "\(Self.root)/Datasets/digits/dataset.json",
             "predictions": {"path": "\(Self.root)/Datasets/digits/predictions.csv", "label": "pred"},
             "gates": [{"metric": "accuracy", "max_drop": 0.01}]}
            """.write(toFile: scheme, atomically: true, encoding: .utf8)
        let first = try evalkit(["run", scheme, "--history", history, "--tag", "release-1"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("recorded run 1 in \(history) as \"release-1\""), "\(first.stderr)")
        let second = try evalkit(["run", scheme, "--history", history, "--baseline", "release-1", "--format", "json"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("\"baseline\": 0.9693934335002783"), "\(second.stdout)")
        let again = try evalkit(["run", scheme, "--history", history, "--tag", "release-1"])
        #expect(again.status == 2 && again.stderr.contains("tag \"release-1\" already names run 1"), "\(again.stderr)")
        let missingFile = try evalkit(["run", scheme, "--history", history, "--baseline", directory + "/old/results.json"])
        #expect(missingFile.status == 2 && missingFile.stderr.contains("results.json: file not found"), "\(missingFile.stderr)")
        let unknown = try evalkit(["run", scheme, "--history", history, "--baseline", "release-9"])
        #expect(unknown.status == 2 && unknown.stderr.contains("no run tagged \"release-9\""), "\(unknown.stderr)")
        let list = try evalkit(["history", "--history", history])
        #expect(list.status == 0)
        #expect(list.stdout.split(separator: "\n").count == 3, "\(list.stdout)")
        let trend = try evalkit(["history", "--history", history, "--metric", "accuracy"])
        #expect(trend.stdout.contains("0.9694"), "\(trend.stdout)")
    }

    @Test func junitReportIsWritten() throws {
        let file = try temporaryDirectory() + "/junit.xml"
        let outcome = try evalkit(["run", "Schemes/digits-multiclass.json", "--junit", file, "--no-history"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let xml = try String(contentsOfFile: file, encoding: .utf8)
        #expect(xml.contains("<testcase classname=\"evalkit.digits-multiclass\" name=\"accuracy &gt;= 0.95\""), "\(xml)")
    }

    @Test func taggedRunsKeepOutcomesForPairedTests() throws {
        let directory = try temporaryDirectory()
        let history = directory + "/history.sqlite"
        func scheme(_ name: String, threshold: Double) throws -> String {
            let path = directory + "/\(name).json"
            try """
                {"evalkit": 1, "name": "adult", "task": "classification",
                 "dataset": "\(Self.root)/Datasets/adult/dataset.json",
                 "predictions": {"path": "\(Self.root)/Datasets/adult/predictions.csv", "score": "score"},
                 "options": {"positive": "1", "threshold": \(threshold)}, "intervals": {"replicates": 100},
                 "gates": [{"metric": "recall", "max_drop": 0.01, "require": "significant"}]}
                """.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        let release = try evalkit(["run", try scheme("release", threshold: 0.5), "--history", history, "--tag", "release"])
        #expect(release.status == 0, "\(release.stderr)")
        let candidate = try evalkit(["run", try scheme("candidate", threshold: 0.7), "--history", history,
                                     "--baseline", "release", "--allow-different-data"])
        #expect(candidate.status == 1, "\(candidate.stderr)")
        #expect(candidate.stdout.contains("FAIL  recall drop from baseline <= 0.01 (significant)"), "\(candidate.stdout)")
    }
}
