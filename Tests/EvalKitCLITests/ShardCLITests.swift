import Foundation
import Testing

/// Sharded runs through the built binary (docs/scale.md): 4 shards as separate processes run in
/// parallel, merged with `evalkit merge`, against the single run — for each task kind — and every
/// class of bad shard input (exit 2, the file named, nothing written).
@Suite struct ShardCLITests {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func start(_ arguments: [String], environment: [String: String] = [:]) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLITests.binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: CLITests.root)
        var env = ProcessInfo.processInfo.environment
        for key in ["EVALKIT_HISTORY", "JOB_COMPLETION_INDEX", "EVALKIT_SHARDS", "SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT",
                    "SLURM_ARRAY_TASK_MIN"] { env[key] = nil }
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return (process, out, err)
    }

    static func finish(_ started: (Process, Pipe, Pipe)) -> Outcome {
        let (process, out, err) = started
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit, "evalkit died of a signal")
        return Outcome(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                       stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func evalkit(_ arguments: [String], environment: [String: String] = [:]) throws -> Outcome {
        finish(try start(arguments, environment: environment))
    }

    static func temporary() throws -> String {
        let path = NSTemporaryDirectory() + "evalkit-shards-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Writes the 4 shards' states of `scheme` into `directory` (processes in parallel).
    static func shardStates(_ scheme: String, in directory: String, count: Int = 4) throws -> [String] {
        let paths = (0..<count).map { "\(directory)/shard-\($0).state" }
        let running = try (0..<count).map { try start(["run", scheme, "--shard", "\($0)/\(count)", "--state-out", paths[$0], "--quiet"]) }
        for outcome in running.map(finish) { #expect(outcome.status == 0, "\(outcome.stderr)") }
        return paths
    }

    /// Binary (adult), multiclass with probabilities (digits), multilabel (face attributes),
    /// text (plates), detection (COCO, with intervals): the merge's report, results.json and
    /// every other result file equal the single run's.
    @Test(arguments: ["quickstart.json", "digits-multiclass.json", "face-attributes.json", "plate-reads.json", "coco-detection.json",
                      "events-dcase.json", "tracking-synthetic.json", "corruptions-robustness.json"])
    func fourShardProcessesMergeToTheSingleRun(_ name: String) throws {
        let directory = try Self.temporary()
        let scheme = "Schemes/" + name
        let states = try Self.shardStates(scheme, in: directory)
        let merged = try Self.evalkit(["merge"] + states.reversed() + ["--out", directory + "/merged", "--no-history", "--format", "json"])
        let single = try Self.evalkit(["run", scheme, "--out", directory + "/single", "--no-history", "--format", "json"])
        #expect(merged.status == single.status, "\(merged.stderr)")
        #expect(merged.stdout == single.stdout)
        let files = try FileManager.default.subpathsOfDirectory(atPath: directory + "/merged").sorted()
        for file in files where !file.hasPrefix("outcomes") {
            let a = ResultFileBytes.comparable(FileManager.default.contents(atPath: directory + "/single/" + file), file: file)
            let b = ResultFileBytes.comparable(FileManager.default.contents(atPath: directory + "/merged/" + file), file: file)
            #expect(a == b, "\(name): \(file) differs")
        }
    }

    @Test func kubernetesAndSlurmEnvironmentsChooseTheShard() throws {
        let directory = try Self.temporary()
        let scheme = "Schemes/plate-reads.json"
        let k8s = try Self.evalkit(["run", scheme, "--state-out", directory + "/k.state", "--quiet"],
                                   environment: ["JOB_COMPLETION_INDEX": "1", "EVALKIT_SHARDS": "2"])
        #expect(k8s.status == 0, "\(k8s.stderr)")
        let slurm = try Self.evalkit(["run", scheme, "--state-out", directory + "/s.state", "--quiet"],
                                     environment: ["SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_COUNT": "2"])
        #expect(slurm.status == 0, "\(slurm.stderr)")
        let merged = try Self.evalkit(["merge", directory + "/k.state", directory + "/s.state", "--no-history", "--format", "json"])
        let single = try Self.evalkit(["run", scheme, "--no-history", "--format", "json"])
        #expect(merged.status == single.status && merged.stdout == single.stdout, "\(merged.stderr)")
        let noCount = try Self.evalkit(["run", scheme, "--state-out", directory + "/x.state"], environment: ["JOB_COMPLETION_INDEX": "0"])
        #expect(noCount.status == 2 && noCount.stderr.contains("JOB_COMPLETION_INDEX") && noCount.stderr.contains("--shards"))
        #expect(!FileManager.default.fileExists(atPath: directory + "/x.state"))
    }

    @Test func badShardInputsAreClearErrors() throws {
        let directory = try Self.temporary()
        let scheme = "Schemes/plate-reads.json"
        func expectBad(_ arguments: [String], _ fragments: [String], environment: [String: String] = [:],
                       sourceLocation: SourceLocation = #_sourceLocation) throws {
            let outcome = try Self.evalkit(arguments, environment: environment)
            #expect(outcome.status == 2, "\(arguments): \(outcome.stderr)", sourceLocation: sourceLocation)
            for fragment in fragments {
                #expect(outcome.stderr.contains(fragment), "\(arguments): \(outcome.stderr)", sourceLocation: sourceLocation)
            }
            #expect(!FileManager.default.fileExists(atPath: directory + "/out"), sourceLocation: sourceLocation)
        }
        try expectBad(["run", scheme, "--shard", "4/4", "--state-out", directory + "/a.state"], ["--shard", "from 0 to 3"])
        try expectBad(["run", scheme, "--shard", "x", "--state-out", directory + "/a.state"], ["--shard", "I/N"])
        try expectBad(["run", scheme, "--shard", "0/2"], ["--state-out"])
        try expectBad(["run", scheme, "--shard", "0/2", "--state-out", directory + "/a.state", "--out", directory + "/out"], ["--out"])
        #expect(!FileManager.default.fileExists(atPath: directory + "/a.state"))

        let states = try Self.shardStates(scheme, in: directory, count: 3)
        let out = ["--out", directory + "/out", "--no-history"]
        try expectBad(["merge", states[0], states[2]] + out, ["shard 1 of 3 is missing"])
        try expectBad(["merge", states[0], states[1], states[1], states[2]] + out, [states[1], "given twice"])
        // Truncated, corrupt, not a state.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: states[2]))
        try bytes.prefix(bytes.count - 10).write(to: URL(fileURLWithPath: directory + "/truncated.state"))
        try expectBad(["merge", states[0], states[1], directory + "/truncated.state"] + out, ["truncated.state", "truncated"])
        var corrupt = bytes
        corrupt[corrupt.count - 5] ^= 0xFF
        try corrupt.write(to: URL(fileURLWithPath: directory + "/corrupt.state"))
        try expectBad(["merge", states[0], states[1], directory + "/corrupt.state"] + out, ["corrupt.state", "corrupt"])
        try expectBad(["merge", states[0], states[1], scheme] + out, [scheme, "not an evalkit state file"])
        // Another version, another scheme, another shard count, another kind.
        let text = String(decoding: bytes, as: UTF8.self)
        try Data(text.replacingOccurrences(of: "\"evalkit_version\":\"", with: "\"evalkit_version\":\"9").utf8)
            .write(to: URL(fileURLWithPath: directory + "/version.state"))
        try expectBad(["merge", states[0], states[1], directory + "/version.state"] + out, ["version.state", "evalkit 9"])
        let other = try Self.shardStates("Schemes/quickstart.json", in: try Self.temporary(), count: 3)
        try expectBad(["merge", states[0], states[1], other[2]] + out, [other[2], "another scheme"])
        let four = try Self.shardStates(scheme, in: try Self.temporary(), count: 4)
        try expectBad(["merge", states[0], states[1], four[2]] + out, [four[2], "of 4"])
    }

    /// The issue's crash: a multiclass scheme without declared labels, sliced, on a file sorted by
    /// the slicing attribute, where a label first appears among the later group's rows. Cells
    /// then hold states of different class counts; their merge trapped (signal 4, exit 132).
    @Test func aLabelMetLateInASlicedFileMergesWithoutATrap() throws {
        let directory = try Self.temporary()
        var truth = "id,label,pred,group\n"
        for i in 0..<80_000 {
            let late = i >= 40_000
            let labels = late ? ["x", "y", "z"] : ["x", "y"]
            truth += "\(i),\(labels[i % labels.count]),\(labels[(i / 7) % labels.count]),\(late ? "b" : "a")\n"
        }
        try truth.write(toFile: directory + "/truth.csv", atomically: true, encoding: .utf8)
        try """
            {"evalkit_dataset": 1, "name": "late", "license": "test data", "source": "generated by the test",
             "files": [{"path": "truth.csv", "role": "ground_truth"}],
             "columns": {"id": "id", "label": "label", "attributes": ["group"]}}
            """.write(toFile: directory + "/dataset.json", atomically: true, encoding: .utf8)
        try """
            {"evalkit": 1, "name": "late", "task": "classification", "dataset": "dataset.json",
             "predictions": {"path": "truth.csv", "label": "pred"}, "options": {"mode": "multiclass"},
             "slices": [["group"]], "metrics": ["accuracy", "f1_macro"]}
            """.write(toFile: directory + "/scheme.json", atomically: true, encoding: .utf8)
        let outcome = try Self.evalkit(["run", directory + "/scheme.json", "--no-history", "--format", "json"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("\"f1_macro\""))
    }
}
