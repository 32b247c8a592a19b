import Foundation
import Testing
import EvalKit
@testable import EvalKitStore

/// Provenance: git commit of the scheme's work tree (nil outside one), host, default location.
@Suite struct ProvenanceTests {
    func git(_ arguments: [String], in directory: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory, "-c", "user.name=t", "-c", "user.email=t@example.com",
                             "-c", "commit.gpgsign=false"] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "git \(arguments)")
    }

    @Test func capturesTheCommitOfTheSchemesWorkTree() throws {
        let repository = try temporaryDirectory()
        try git(["init", "-q"], in: repository)
        try FileManager.default.createDirectory(atPath: repository + "/Schemes", withIntermediateDirectories: true)
        try "{}".write(toFile: repository + "/Schemes/s.json", atomically: true, encoding: .utf8)
        // No commit yet: nil, and no failure.
        #expect(RunProvenance.gitCommit(of: repository + "/Schemes") == nil)
        try git(["add", "."], in: repository)
        try git(["commit", "-q", "-m", "first"], in: repository)
        let started = Date()
        let captured = RunProvenance.capture(schemePath: repository + "/Schemes/s.json", startedAt: started,
                                             finishedAt: started.addingTimeInterval(1), exitStatus: 1)
        let commit = try #require(captured.gitCommit)
        #expect(commit.count == 40 && commit.allSatisfy(\.isHexDigit))
        #expect(captured.exitStatus == 1 && captured.startedAt == started && !captured.host.isEmpty)
        #expect(captured.evalkitVersion == EvalKitVersion.current)
    }

    @Test func noCommitOutsideAWorkTreeOrForAMissingDirectory() throws {
        let directory = try temporaryDirectory()
        #expect(RunProvenance.gitCommit(of: directory) == nil)
        #expect(RunProvenance.gitCommit(of: directory + "/does/not/exist") == nil)
        let captured = RunProvenance.capture(schemePath: directory + "/s.json", startedAt: Date(), finishedAt: Date(), exitStatus: 0)
        #expect(captured.gitCommit == nil)
    }

    @Test func hostNameIsTheMachines() {
        let host = RunProvenance.hostName()
        #expect(!host.isEmpty && host != "unknown" && !host.contains("\0"))
    }

    @Test func defaultPathPrefersTheOptionThenTheEnvironmentThenBesideTheScheme() {
        let env = ["EVALKIT_HISTORY": "/ci/history.sqlite"]
        #expect(RunHistory.defaultPath(schemePath: "Schemes/q.json", override: "h.sqlite", environment: env) == "h.sqlite")
        #expect(RunHistory.defaultPath(schemePath: "Schemes/q.json", override: nil, environment: env) == "/ci/history.sqlite")
        #expect(RunHistory.defaultPath(schemePath: "Schemes/q.json", override: "", environment: ["EVALKIT_HISTORY": ""])
                == "Schemes/.evalkit/history.sqlite")
        #expect(RunHistory.defaultPath(schemePath: "/abs/q.json", override: nil, environment: [:]) == "/abs/.evalkit/history.sqlite")
        #expect(RunHistory.defaultPath(schemePath: "q.json", override: nil, environment: [:]) == ".evalkit/history.sqlite")
        #expect(RunHistory.defaultPath(directory: "", override: nil, environment: [:]) == ".evalkit/history.sqlite")
    }
}
