import Foundation
import Testing

/// `evalkit compare` takes the same run references as `run --baseline`: a results.json path, a
/// run id or a tag of the history (`--history`, else the usual location), in any mix.
extension CLITests {
    /// Two runs of the adult data (thresholds 0.5 and 0.7), each with `--out` and a tag in
    /// `history`: run 1 `release` in `directory/a`, run 2 `candidate` in `directory/b`.
    func writeTwoTaggedRuns(in directory: String, history: String) throws {
        for (name, threshold, tag) in [("a", 0.5, "release"), ("b", 0.7, "candidate")] {
            let path = directory + "/\(name).json"
            try """
                {"evalkit": 1, "name": "adult", "task": "classification",
                 "dataset": "\(Self.root)/Datasets/adult/dataset.json",
                 "predictions": {"path": "\(Self.root)/Datasets/adult/predictions.csv", "score": "score"},
                 "options": {"positive": "1", "threshold": \(threshold)}, "metrics": ["f1", "recall", "fpr"],
                 "slices": [["sex"]]}
                """.write(toFile: path, atomically: true, encoding: .utf8)
            let outcome = try evalkit(["run", path, "--out", directory + "/\(name)", "--history", history, "--tag", tag, "--quiet"])
            #expect(outcome.status == 0, "\(outcome.stderr)")
        }
    }

    /// Everything after the first line (which repeats the references as given).
    func body(_ outcome: Outcome) -> String {
        outcome.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n")
    }

    @Test func compareTakesPathsIdsAndTagsAlike() throws {
        let directory = try temporaryDirectory()
        let history = directory + "/history.sqlite"
        try writeTwoTaggedRuns(in: directory, history: history)
        let paths = try evalkit(["compare", directory + "/a/results.json", directory + "/b/results.json", "--slices"])
        #expect(paths.status == 0, "\(paths.stderr)")
        #expect(paths.stdout.contains("adult: 16281 items compared;") && paths.stdout.contains(" id "), "\(paths.stdout)")
        let tags = try evalkit(["compare", "release", "candidate", "--slices", "--history", history])
        #expect(tags.status == 0, "\(tags.stderr)")
        #expect(tags.stdout.hasPrefix("evalkit compare: release → candidate\n"), "\(tags.stdout)")
        // The history keeps the tagged runs' metrics, slices and item outcomes: the same comparison.
        #expect(body(tags) == body(paths), "\(tags.stdout)\n---\n\(paths.stdout)")
        let ids = try evalkit(["compare", "1", "2", "--slices", "--history", history])
        #expect(ids.status == 0, "\(ids.stderr)")
        #expect(body(ids) == body(paths))
        let mixed = try evalkit(["compare", directory + "/a/results.json", "candidate", "--slices"],
                                environment: ["EVALKIT_HISTORY": history])
        #expect(mixed.status == 0, "\(mixed.stderr)")
        #expect(body(mixed) == body(paths))
        let reversed = try evalkit(["compare", "candidate", directory + "/a/results.json", "--history", history])
        #expect(reversed.status == 0, "\(reversed.stderr)")
        let recall = try #require(reversed.stdout.split(separator: "\n").first { $0.hasPrefix("adult ") && $0.contains(" recall ") })
        #expect(recall.hasSuffix("better"), "\(reversed.stdout)")
    }

    @Test func compareNamesWhatItCannotFind() throws {
        let directory = try temporaryDirectory()
        let history = directory + "/history.sqlite"
        try writeTwoTaggedRuns(in: directory, history: history)
        let tag = try evalkit(["compare", "release", "release-9", "--history", history])
        #expect(tag.status == 2 && tag.stdout.isEmpty)
        #expect(tag.stderr.contains("no run tagged \"release-9\" in the run history"), "\(tag.stderr)")
        #expect(tag.stderr.contains("recent tags: \"candidate\", \"release\""), "\(tag.stderr)")
        let id = try evalkit(["compare", "1", "7", "--history", history])
        #expect(id.status == 2 && id.stderr.contains("no run with id 7 in the run history"), "\(id.stderr)")
        #expect(id.stderr.contains("run ids go from 1 to 2"), "\(id.stderr)")
        let file = try evalkit(["compare", directory + "/old/results.json", "release", "--history", history])
        #expect(file.status == 2 && file.stderr.contains("old/results.json: file not found"), "\(file.stderr)")
        #expect(file.stderr.contains("compare takes a results.json path, or a run id or tag of the history"), "\(file.stderr)")
        let nowhere = directory + "/none/history.sqlite"
        let noHistory = try evalkit(["compare", directory + "/a/results.json", "release", "--history", nowhere])
        #expect(noHistory.status == 2, "\(noHistory.stderr)")
        #expect(noHistory.stderr.contains("error: release: no such file, and no run history at \(nowhere)"), "\(noHistory.stderr)")
        #expect(!FileManager.default.fileExists(atPath: nowhere), "compare creates no history")
    }
}
