@testable import EvalKitSession
import EvalKitData
import Foundation
import Testing

/// Input files are opened and read once, so FIFOs and standard input work as predictions and
/// ground truth (`--predictions -`); a terminal gets a progress line. Each run is killed (and the
/// test fails) if it does not finish within its time limit, so a file opened twice cannot hang CI.
@Suite struct ReadOnceCLITests {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
        var timedOut: Bool
    }

    /// Runs the built evalkit in `directory` with standard input from `stdinFile` or `stdinBytes`
    /// (through a pipe); terminates it after `limit` seconds.
    func evalkit(_ arguments: [String], in directory: String, stdinFile: String? = nil, stdinBytes: Data? = nil,
                 environment: [String: String] = [:], limit: Double = 300) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLITests.binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        var input: Pipe?
        if let stdinFile {
            process.standardInput = FileHandle(forReadingAtPath: stdinFile)
        } else if stdinBytes != nil {
            input = Pipe()
            process.standardInput = input
        }
        try process.run()
        let flag = TimeoutFlag()
        DispatchQueue.global().asyncAfter(deadline: .now() + limit) {
            if process.isRunning {
                flag.set()
                process.terminate()
            }
        }
        if let input, let stdinBytes {
            let writer = input.fileHandleForWriting
            DispatchQueue.global().async {
                try? writer.write(contentsOf: stdinBytes)
                try? writer.close()
            }
        }
        let collected = Collected()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { collected.setErr(err.fileHandleForReading.readDataToEndOfFile()) }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                       stderr: String(decoding: collected.err, as: UTF8.self), timedOut: flag.isSet)
    }

    /// A FIFO at `path` that a background `cat` fills with `source` once a reader opens it. The
    /// returned process is terminated by `stop` if nobody read the FIFO.
    func fifo(_ path: String, from source: String) throws -> Process {
        #expect(mkfifo(path, 0o600) == 0)
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/bin/sh")
        writer.arguments = ["-c", "exec cat \"$1\" > \"$2\"", "sh", source, path]
        try writer.run()
        return writer
    }

    func stop(_ writer: Process) {
        if writer.isRunning { writer.terminate() }
        writer.waitUntilExit()
    }

    /// A small binary classification: ground truth with a manifest (sha256 recorded) and
    /// predictions, in a fresh directory.
    struct Fixture {
        let directory: String
        var groundTruth: String { directory + "/truth.csv" }
        var predictions: String { directory + "/preds.csv" }

        init() throws {
            directory = NSTemporaryDirectory() + "evalkit-readonce-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            var truth = "id,label,group\n"
            var predictions = "id,pred,score\n"
            for i in 0..<400 {
                let label = (i * 7) % 5 < 2 ? 1 : 0
                let score = Double((i * 37) % 100) / 100
                truth += "\(i),\(label),\(i % 3 == 0 ? "a" : "b")\n"
                predictions += "\(i),\(score >= 0.5 ? 1 : 0),\(score)\n"
            }
            try truth.write(toFile: directory + "/truth.csv", atomically: true, encoding: .utf8)
            try predictions.write(toFile: directory + "/preds.csv", atomically: true, encoding: .utf8)
            try manifest(truthPath: "truth.csv", sha256: try sha256Hex(ofFile: directory + "/truth.csv"))
            try scheme("scheme.json", predictions: "preds.csv")
        }

        func manifest(_ name: String = "dataset.json", truthPath: String, sha256: String) throws {
            try """
                {"evalkit_dataset": 1, "name": "small",
                 "files": [{"path": "\(truthPath)", "role": "ground_truth", "sha256": "\(sha256)"}],
                 "columns": {"id": "id", "label": "label", "attributes": ["group"]}}
                """.write(toFile: directory + "/" + name, atomically: true, encoding: .utf8)
        }

        func scheme(_ name: String, predictions: String, dataset: String = "dataset.json") throws {
            try """
                {"evalkit": 1, "name": "small", "task": "classification", "dataset": "\(dataset)",
                 "predictions": {"path": "\(predictions)", "id": "id", "label": "pred", "score": "score"},
                 "options": {"positive": "1"}, "slices": [["group"]],
                 "gates": [{"metric": "accuracy", "min": 0.1}]}
                """.write(toFile: directory + "/" + name, atomically: true, encoding: .utf8)
        }

        /// The evaluations of results.json without their `path` lines (which name the files as
        /// given); the scheme's part differs between two scheme files.
        func results(_ out: String) throws -> String {
            let text = try String(contentsOfFile: directory + "/" + out + "/results.json", encoding: .utf8)
            let evaluations = try #require(text.range(of: "\"evaluations\""))
            return text[evaluations.lowerBound...].split(separator: "\n").filter { !$0.contains("\"path\"") }.joined(separator: "\n")
        }

        func resultsText(_ out: String) throws -> String {
            try String(contentsOfFile: directory + "/" + out + "/results.json", encoding: .utf8)
        }
    }

    @Test func aFIFOAsTheSchemesPredictionsGivesTheFilesResults() throws {
        let f = try Fixture()
        let plain = try evalkit(["run", "scheme.json", "--no-history", "--out", "plain"], in: f.directory)
        #expect(plain.status == 0, "\(plain.stderr)")
        let writer = try fifo(f.directory + "/pipe.csv", from: f.predictions)
        defer { stop(writer) }
        try f.scheme("piped.json", predictions: "pipe.csv")
        let piped = try evalkit(["run", "piped.json", "--no-history", "--out", "piped"], in: f.directory, limit: 120)
        #expect(!piped.timedOut, "evalkit hung on a FIFO")
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(try f.results("piped") == (try f.results("plain")))
        #expect(try f.resultsText("piped").contains("\"path\": \"pipe.csv\""))
    }

    @Test func predictionsFromStandardInputAreRecordedAsStdinWithTheirDigest() throws {
        let f = try Fixture()
        let digest = try sha256Hex(ofFile: f.predictions)
        let plain = try evalkit(["run", "scheme.json", "--no-history", "--out", "plain"], in: f.directory)
        #expect(plain.status == 0, "\(plain.stderr)")
        let redirected = try evalkit(["run", "scheme.json", "--no-history", "--predictions", "-", "--out", "redirected"],
                                     in: f.directory, stdinFile: f.predictions, limit: 120)
        let piped = try evalkit(["run", "scheme.json", "--no-history", "--predictions", "-", "--out", "piped"],
                                in: f.directory, stdinBytes: try Data(contentsOf: URL(fileURLWithPath: f.predictions)), limit: 120)
        for (outcome, out) in [(redirected, "redirected"), (piped, "piped")] {
            #expect(!outcome.timedOut)
            #expect(outcome.status == 0, "\(outcome.stderr)")
            #expect(try f.results(out) == (try f.results("plain")), "same metrics and digests as the file")
            let text = try f.resultsText(out)
            #expect(text.contains("\"path\": \"<stdin>\",\n        \"sha256\": \"\(digest)\""), "\(text.prefix(900))")
        }
    }

    @Test func aPredictionsPathOverridesTheSchemesAndNamesItsEvaluation() throws {
        let f = try Fixture()
        try FileManager.default.copyItem(atPath: f.predictions, toPath: f.directory + "/other.csv")
        let single = try evalkit(["run", "scheme.json", "--no-history", "--predictions", "other.csv", "--out", "single"], in: f.directory)
        #expect(single.status == 0, "\(single.stderr)")
        #expect(try f.resultsText("single").contains("\"path\": \"other.csv\""))

        try """
            {"evalkit": 1, "name": "two", "task": "classification", "dataset": "dataset.json",
             "predictions": {"path": "preds.csv", "id": "id", "label": "pred"}, "options": {"positive": "1"},
             "evaluations": [{"name": "first"}, {"name": "second"}]}
            """.write(toFile: f.directory + "/two.json", atomically: true, encoding: .utf8)
        let bare = try evalkit(["run", "two.json", "--no-history", "--predictions", "other.csv"], in: f.directory)
        #expect(bare.status == 2)
        #expect(bare.stderr.contains("--predictions: expected NAME=PATH"), "\(bare.stderr)")
        #expect(bare.stderr.contains("\"first\", \"second\""))
        let named = try evalkit(["run", "two.json", "--no-history", "--predictions", "second=other.csv", "--format", "json"],
                                in: f.directory)
        #expect(named.status == 0, "\(named.stderr)")
        #expect(named.stdout.contains("\"path\": \"preds.csv\"") && named.stdout.contains("\"path\": \"other.csv\""))
        let twice = try evalkit(["run", "two.json", "--no-history", "--predictions", "first=-", "--predictions", "second=-"],
                                in: f.directory, stdinFile: f.predictions)
        #expect(twice.status == 2)
        #expect(twice.stderr.contains("can be read only once"), "\(twice.stderr)")
        let missing = try evalkit(["validate", "scheme.json", "--predictions", "nowhere.csv"], in: f.directory)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nowhere.csv: file not found"), "\(missing.stderr)")
        let validated = try evalkit(["validate", "scheme.json", "--predictions", "-"], in: f.directory, stdinFile: f.predictions)
        #expect(validated.status == 0, "\(validated.stderr)")
    }

    @Test func aSchemeCannotNameStandardInput() throws {
        let f = try Fixture()
        try f.scheme("dash.json", predictions: "-")
        let outcome = try evalkit(["run", "dash.json", "--no-history"], in: f.directory, stdinFile: f.predictions)
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("dash.json:2:") && outcome.stderr.contains("accepted only on the command line"),
                "\(outcome.stderr)")
    }

    @Test func aFIFOGroundTruthIsCheckedAgainstTheManifestsDigest() throws {
        let f = try Fixture()
        let digest = try sha256Hex(ofFile: f.groundTruth)
        let writer = try fifo(f.directory + "/truth-pipe.csv", from: f.groundTruth)
        defer { stop(writer) }
        try f.manifest("piped.json", truthPath: "truth-pipe.csv", sha256: digest)
        try f.scheme("truth-piped.json", predictions: "preds.csv", dataset: "piped.json")
        let outcome = try evalkit(["run", "truth-piped.json", "--no-history", "--out", "piped"], in: f.directory, limit: 120)
        #expect(!outcome.timedOut)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(try f.resultsText("piped").contains("\"sha256\": \"\(digest)\""))

        let other = try fifo(f.directory + "/truth-pipe-2.csv", from: f.groundTruth)
        defer { stop(other) }
        let wrong = String(repeating: "0", count: 64)
        try f.manifest("wrong.json", truthPath: "truth-pipe-2.csv", sha256: wrong)
        try f.scheme("truth-wrong.json", predictions: "preds.csv", dataset: "wrong.json")
        let refused = try evalkit(["run", "truth-wrong.json", "--no-history"], in: f.directory, limit: 120)
        #expect(!refused.timedOut)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("truth-pipe-2.csv: field \"sha256\": the file differs from the one the dataset manifest describes"),
                "\(refused.stderr)")
    }

    @Test func twoEvaluationsCannotReadOneFIFO() throws {
        let f = try Fixture()
        #expect(mkfifo(f.directory + "/shared.csv", 0o600) == 0)
        try f.manifest("shared.json", truthPath: "shared.csv", sha256: try sha256Hex(ofFile: f.groundTruth))
        try """
            {"evalkit": 1, "name": "two", "task": "classification", "dataset": "shared.json",
             "predictions": {"path": "preds.csv", "id": "id", "label": "pred"}, "options": {"positive": "1"},
             "evaluations": [{"name": "first"}, {"name": "second"}]}
            """.write(toFile: f.directory + "/two.json", atomically: true, encoding: .utf8)
        let outcome = try evalkit(["run", "two.json", "--no-history"], in: f.directory, limit: 60)
        #expect(!outcome.timedOut, "refused before opening the FIFO, not blocked on it")
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("shared.csv: evaluations \"first\" and \"second\" both read this pipe"), "\(outcome.stderr)")
    }

    @Test func cocoDetectionsFromStandardInputMatchTheFile() throws {
        let f = try Fixture()
        let dataset = CLITests.root + "/Datasets/coco-val2014-100"
        try """
            {"evalkit": 1, "name": "coco", "task": "detection", "dataset": "\(dataset)/dataset.json",
             "predictions": {"path": "\(dataset)/predictions.json"}, "metrics": ["AP", "AP50", "AR100"]}
            """.write(toFile: f.directory + "/coco.json", atomically: true, encoding: .utf8)
        let plain = try evalkit(["run", "coco.json", "--no-history", "--out", "plain"], in: f.directory)
        #expect(plain.status == 0, "\(plain.stderr)")
        let piped = try evalkit(["run", "coco.json", "--no-history", "--predictions", "-", "--out", "piped"], in: f.directory,
                                stdinBytes: try Data(contentsOf: URL(fileURLWithPath: dataset + "/predictions.json")), limit: 300)
        #expect(!piped.timedOut)
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(try f.results("piped") == (try f.results("plain")))
        #expect(try f.resultsText("piped").contains("\"sha256\": \"\(try sha256Hex(ofFile: dataset + "/predictions.json"))\""))
    }

    /// `script` (util-linux) runs evalkit on a pseudo-terminal; its typescript holds what
    /// evalkit wrote to the terminal (standard output goes to a file).
    static let hasScript = FileManager.default.isExecutableFile(atPath: "/usr/bin/script")

    func onTerminal(_ arguments: String, in directory: String) throws -> (status: Int32, terminal: String) {
        let command = "EVALKIT_PROGRESS_AFTER=0 '\(CLITests.binary)' \(arguments) > stdout.txt"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", command, directory + "/typescript"]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let terminal = try String(contentsOfFile: directory + "/typescript", encoding: .utf8)
        return (process.terminationStatus, terminal)
    }

    @Test(.enabled(if: hasScript, "needs script(1) from util-linux for a pseudo-terminal"))
    func aTerminalGetsAProgressLineThatIsClearedBeforeTheReport() throws {
        let f = try Fixture()
        let shown = try onTerminal("run scheme.json --no-history", in: f.directory)
        #expect(shown.status == 0)
        #expect(shown.terminal.contains("\rreading truth.csv: "), "\(shown.terminal.debugDescription)")
        #expect(shown.terminal.contains("\rreading preds.csv: "))
        // Cleared: the last thing written is spaces over the line and a carriage return.
        let lastDraw = try #require(shown.terminal.range(of: "\r", options: .backwards))
        let cleared = shown.terminal[..<lastDraw.lowerBound]
        let blank = try #require(cleared.range(of: "\r", options: .backwards))
        #expect(cleared[blank.upperBound...].allSatisfy { $0 == " " }, "\(shown.terminal.debugDescription)")
        let report = try String(contentsOfFile: f.directory + "/stdout.txt", encoding: .utf8)
        #expect(report.contains("Result: PASSED") && !report.contains("reading"))

        let quiet = try onTerminal("run scheme.json --no-history --quiet", in: f.directory)
        #expect(quiet.status == 0)
        #expect(!quiet.terminal.contains("reading"), "\(quiet.terminal.debugDescription)")
    }

    @Test func noProgressWhenStandardErrorIsAPipe() throws {
        let f = try Fixture()
        let outcome = try evalkit(["run", "scheme.json", "--no-history"], in: f.directory,
                                  environment: [ProgressLine.delayVariable: "0"])
        #expect(outcome.status == 0)
        #expect(outcome.stderr.isEmpty, "\(outcome.stderr)")
    }

    @Test func quietSilencesTheRecordedRunNote() throws {
        let f = try Fixture()
        let loud = try evalkit(["run", "scheme.json", "--history", "h.sqlite"], in: f.directory)
        #expect(loud.status == 0, "\(loud.stderr)")
        #expect(loud.stderr.hasPrefix("recorded run 1 in h.sqlite"), "\(loud.stderr)")
        let quiet = try evalkit(["run", "scheme.json", "--history", "h.sqlite", "--quiet"], in: f.directory)
        #expect(quiet.status == 0, "\(quiet.stderr)")
        #expect(quiet.stderr.isEmpty, "\(quiet.stderr)")
    }
}

/// Set once when a run is killed for taking too long.
final class TimeoutFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}

/// Standard error collected on another thread.
final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func setErr(_ bytes: Data) { lock.withLock { data = bytes } }
    var err: Data { lock.withLock { data } }
}
