import Foundation
import Testing
@testable import EvalKit
import EvalKitData
import EvalKitSession
import EvalKitStore

/// The run output policy in-process, with a producer other than the engine (as `merge` has): what
/// the producer is asked for, the exit status by the gates, and nothing left behind on failure.
@Suite struct RunSessionTests {
    func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "evalkit-session-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A result without evaluations and one gate: a few lines of report.
    func result(passed: Bool, schemePath: String) -> RunResult {
        RunResult(schemeName: "session", schemePath: schemePath, schemeSHA256: String(repeating: "0", count: 64),
                  evaluations: [], gates: [GateResult(gate: "f1 >= 0.5", evaluation: "e", metric: "f1", passed: passed,
                                                      observed: passed ? 0.6 : 0.4, limit: 0.5, slice: nil, message: "")])
    }

    @Test func theProducerIsAskedForWhatTheOptionsNeedAndTheStatusFollowsTheGates() throws {
        let d = try temporaryDirectory()
        let scheme = d + "/scheme.json"
        try "{}".write(toFile: scheme, atomically: true, encoding: .utf8)
        var asked: ResultRequest?
        let options = RunOutputOptions(out: d + "/out", format: .json, tag: "shard-merge", history: d + "/h.sqlite", quiet: true)
        let status = try RunSession.execute(options: options, inputPaths: [scheme]) { request in
            asked = request
            return result(passed: false, schemePath: scheme)
        }
        #expect(status == ExitStatus.gateFailed)
        #expect(asked?.recordOutcomes == true && asked?.baseline == nil && asked?.allowDifferentData == false)
        #expect(FileManager.default.fileExists(atPath: d + "/out/results.json"))
        let history = try RunHistory(path: d + "/h.sqlite")
        let run = try history.resolve("shard-merge")
        #expect(run.passed == false && run.provenance.exitStatus == 1)
    }

    @Test func aBaselineFromTheHistoryReachesTheProducer() throws {
        let d = try temporaryDirectory()
        let scheme = d + "/scheme.json"
        try "{}".write(toFile: scheme, atomically: true, encoding: .utf8)
        let history = d + "/h.sqlite"
        let first = RunOutputOptions(format: .json, tag: "release", history: history, quiet: true)
        #expect(try RunSession.execute(options: first, inputPaths: [scheme]) { _ in result(passed: true, schemePath: scheme) } == 0)
        let second = RunOutputOptions(format: .json, baseline: "release", history: history, noHistory: true,
                                      allowDifferentData: true, quiet: true)
        var asked: ResultRequest?
        let status = try RunSession.execute(options: second, inputPaths: [scheme]) { request in
            asked = request
            return result(passed: true, schemePath: scheme)
        }
        #expect(status == ExitStatus.passed)
        #expect(asked?.baseline?.reference == "\(history) run release")
        #expect(asked?.recordOutcomes == false && asked?.allowDifferentData == true)
        #expect(try RunHistory(path: history).runs().count == 1, "--no-history records nothing")
    }

    @Test func anOutputThatIsAnInputIsRefusedBeforeTheProducerRuns() throws {
        let d = try temporaryDirectory()
        let scheme = d + "/scheme.json"
        try "{}".write(toFile: scheme, atomically: true, encoding: .utf8)
        var produced = false
        let options = RunOutputOptions(junit: scheme, noHistory: true, quiet: true)
        #expect(throws: InputError.self) {
            try RunSession.execute(options: options, inputPaths: [scheme]) { _ in
                produced = true
                return result(passed: true, schemePath: scheme)
            }
        }
        #expect(!produced)
        #expect(try String(contentsOfFile: scheme, encoding: .utf8) == "{}")
    }

    @Test func aFailingProducerLeavesNothingBehind() throws {
        let d = try temporaryDirectory()
        struct Broken: Error {}
        let options = RunOutputOptions(out: d + "/out", junit: d + "/junit.xml", history: d + "/h.sqlite", quiet: true)
        #expect(throws: Broken.self) {
            try RunSession.execute(options: options, inputPaths: []) { _ in throw Broken() }
        }
        #expect(!FileManager.default.fileExists(atPath: d + "/out"))
        #expect(!FileManager.default.fileExists(atPath: d + "/junit.xml"))
        #expect(try RunHistory(path: d + "/h.sqlite").runs().isEmpty)
    }

    @Test func aMissingBaselineFileIsNamed() throws {
        let d = try temporaryDirectory()
        let options = RunOutputOptions(baseline: d + "/old/results.json", noHistory: true, quiet: true)
        do {
            _ = try PreparedOutputs(options: options, inputPaths: [])
            Issue.record("expected an error")
        } catch let error as InputError {
            #expect("\(error)".contains("old/results.json: file not found"), "\(error)")
            #expect("\(error)".contains("--baseline takes a results.json path, or a run id or tag of the history"))
        }
    }
}
