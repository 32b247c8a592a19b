import Foundation
import Testing
@testable import EvalKit
import EvalKitData

/// Which long stages report progress (the progress line draws them: `ProgressLineTests`), through
/// the engine with a reporter that records every update: files read (bytes), similarity tiles,
/// event lists (files), tracking sequences and bootstrap replicates, each counted up to its total.
@Suite struct ProgressStagesTests {
    final class Recorder: @unchecked Sendable {
        private let lock = NSLock()
        private var updates: [ProgressUpdate] = []
        var reporter: ProgressReporter { ProgressReporter { update in self.lock.withLock { self.updates.append(update) } } }
        var all: [ProgressUpdate] { lock.withLock { updates } }

        /// The last update of each stage, by stage name.
        var last: [String: ProgressUpdate] {
            var result: [String: ProgressUpdate] = [:]
            for u in all { result[u.stage] = u }
            return result
        }

        /// The stages whose updates never went back.
        func monotone(_ stage: String) -> Bool {
            let done = all.filter { $0.stage == stage }.map(\.done)
            return zip(done, done.dropFirst()).allSatisfy { $0 <= $1 }
        }
    }

    static func run(_ scheme: String, threads: Int = 2) throws -> Recorder {
        let recorder = Recorder()
        _ = try Engine.run(try Engine.plan(schemePath: scheme), progress: recorder.reporter, threads: Threads(threads))
        return recorder
    }

    /// Verification from embeddings: the tables and the `.npy` files read (bytes, to their size),
    /// every similarity tile (to the count of tiles), the bootstrap's replicates.
    @Test func verificationReportsFilesTilesAndReplicates() throws {
        let recorder = try Self.run(repositoryRoot + "/Schemes/verification-faces.json")
        let last = recorder.last
        let data = repositoryRoot + "/Datasets/face-verification-synthetic/"
        for file in ["probes.npy", "gallery.npy", "probes.csv", "gallery.csv", "subjects.csv"] {
            let size = try FileManager.default.attributesOfItem(atPath: data + file)[.size] as! Int
            let stage = try #require(last.keys.first { $0.hasPrefix("reading ") && $0.hasSuffix(file) }, "no progress for \(file)")
            #expect(last[stage]!.unit == .bytes && last[stage]!.done == Int64(size) && last[stage]!.total == Int64(size), "\(stage)")
        }
        let tiles = try #require(last["comparing embeddings"])
        #expect(tiles.unit == .tiles && tiles.total != nil && tiles.done == tiles.total)
        #expect(recorder.monotone("comparing embeddings"))
        #expect(last["bootstrap intervals"]?.unit == .replicates)
    }

    /// sed_eval event lists: each side's per-recording lists counted as files, to their number.
    @Test func eventListsReportFiles() throws {
        let directory = try temporaryDirectory()
        let files = [
            "lists/filelist.tsv": "ref/v1.txt\test/v1.txt\nref/v2.txt\test/v2.txt\n",
            "lists/ref/v1.txt": "1.0\t3.5\tfall\n", "lists/ref/v2.txt": "0.5\t2.0\tfall\n",
            "lists/est/v1.txt": "1.1\t3.4\tfall\n", "lists/est/v2.txt": "",
            "videos.csv": "video,duration\nv1,20\nv2,30.5\n",
            "dataset.json": """
                {"evalkit_dataset": 1, "name": "lists", "files": [
                 {"path": "lists/filelist.tsv", "role": "ground_truth", "format": "event_list"}, {"path": "videos.csv", "role": "metadata"}],
                 "columns": {"id": "video", "label": "label"}}
                """,
            "scheme.json": """
                {"evalkit": 1, "name": "lists", "task": "events", "dataset": "dataset.json",
                 "predictions": {"path": "lists/filelist.tsv", "format": "event_list"}}
                """,
        ]
        for (name, text) in files {
            try FileManager.default.createDirectory(atPath: ((directory + "/" + name) as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try write(text, to: name, in: directory)
        }
        let last = try Self.run(directory + "/scheme.json").last
        let display = last.keys.filter { $0.contains("lists of") }.sorted()
        #expect(display.count == 2 && display[0].hasPrefix("reading estimate lists of") && display[1].hasPrefix("reading reference lists of"))
        for stage in display { #expect(last[stage]!.unit == .files && last[stage]!.done == 2 && last[stage]!.total == 2) }
    }

    /// Tracking: the sequences, to their number.
    @Test func trackingReportsSequences() throws {
        let last = try Self.run(repositoryRoot + "/Schemes/tracking-synthetic.json").last
        let sequences = try #require(last["sequences"])
        #expect(sequences.unit == .sequences && sequences.done == 12 && sequences.total == 12)
    }
}
