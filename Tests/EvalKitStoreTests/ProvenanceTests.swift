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

    @Test func locationPrefersTheOptionThenTheEnvironmentThenTheNearestHistoryUpToTheRepository() throws {
        let env = ["EVALKIT_HISTORY": "/ci/history.sqlite"]
        #expect(RunHistory.location(override: "h.sqlite", environment: env) == "h.sqlite")
        #expect(RunHistory.location(override: nil, environment: env) == "/ci/history.sqlite")
        let top = NSTemporaryDirectory() + "evalkit-location-" + UUID().uuidString
        let inner = top + "/a/b"
        try FileManager.default.createDirectory(atPath: inner, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: top + "/.git", withIntermediateDirectories: true)
        // None yet: the current directory's.
        #expect(RunHistory.location(override: "", environment: ["EVALKIT_HISTORY": ""], directory: inner)
                == inner + "/.evalkit/history.sqlite")
        // One at the repository's top: found from any folder inside.
        try FileManager.default.createDirectory(atPath: top + "/.evalkit", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: top + "/.evalkit/history.sqlite", contents: Data())
        #expect(RunHistory.location(override: nil, environment: [:], directory: inner) == top + "/.evalkit/history.sqlite")
        #expect(RunHistory.location(override: nil, environment: [:], directory: top) == top + "/.evalkit/history.sqlite")
        // The search stops at the repository's top: a history above it is not this repository's.
        let nested = top + "/a/.git"
        try FileManager.default.createDirectory(atPath: nested, withIntermediateDirectories: true)
        #expect(RunHistory.location(override: nil, environment: [:], directory: inner) == inner + "/.evalkit/history.sqlite")
    }
}
