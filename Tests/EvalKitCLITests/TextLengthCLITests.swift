import Foundation
import Testing

/// Long texts through the built binary: a 60,000-character pair is aligned (bit-parallel, not an
/// O(n·m) table), and a text over the 100,000-character limit is an input error with its line.
extension CLITests {
    /// Writes a one-column text dataset (`truth.csv`, `preds.csv`, `dataset.json`, `scheme.json`)
    /// and returns the scheme's path.
    func writeTextProject(in directory: String, truth: [String], predictions: [String]) throws -> String {
        func csv(_ column: String, _ texts: [String]) -> String {
            "id,\(column)\n" + texts.enumerated().map { "\($0.offset + 1),\($0.element)\n" }.joined()
        }
        try csv("plate", truth).write(toFile: directory + "/truth.csv", atomically: true, encoding: .utf8)
        try csv("text", predictions).write(toFile: directory + "/preds.csv", atomically: true, encoding: .utf8)
        try """
            {"evalkit_dataset": 1, "name": "long texts", "license": "CC0-1.0", "source": "test",
             "files": [{"path": "truth.csv", "role": "ground_truth", "format": "csv"}],
             "columns": {"id": "id", "label": "plate"}}
            """.write(toFile: directory + "/dataset.json", atomically: true, encoding: .utf8)
        try """
            {"evalkit": 1, "name": "long texts", "task": "text", "dataset": "dataset.json",
             "predictions": {"path": "preds.csv", "id": "id", "text": "text"}}
            """.write(toFile: directory + "/scheme.json", atomically: true, encoding: .utf8)
        return directory + "/scheme.json"
    }

    /// A 60,000-character reference over a–z and its reading with 600 characters replaced by `Z`
    /// and 300 `Y` inserted: neither letter is in the reference, so every one of them costs an
    /// edit, and no alignment does better than 600 substitutions and 300 insertions (a deletion
    /// would touch no Z or Y and so add an edit). The counts are therefore unique: H = 59,400,
    /// S = 600, D = 0, I = 300, cer = 900 / 60,000, char_accuracy = 59,400 / 60,000.
    @Test func sixtyThousandCharacterPairIsAligned() throws {
        var state: UInt64 = 7
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: state >> 33)
        }
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        let reference = (0..<60_000).map { _ in letters[next() % 26] }
        var hypothesis = reference
        for k in 0..<600 { hypothesis[k * 100 + next() % 100] = "Z" }
        for k in 0..<300 { hypothesis.insert("Y", at: 60_000 - k * 200 - next() % 200) }
        let directory = try temporaryDirectory()
        let scheme = try writeTextProject(in: directory, truth: [String(reference), "AB12CDE"],
                                          predictions: [String(hypothesis), "AB12CDE"])
        let outcome = try evalkit(["run", scheme, "--out", directory + "/out"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/out/results.json"))
        let json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        let evaluation = (json["evaluations"] as! [[String: Any]])[0]
        let metrics = evaluation["metrics"] as! [String: Any]
        func observed(_ name: String) -> Double? { (metrics[name] as? NSNumber)?.doubleValue }
        // Two items: the long pair and an exact 7-character plate.
        let cer = try #require(observed("cer"))
        let accuracy = try #require(observed("char_accuracy"))
        #expect(abs(cer - 900.0 / 60_007.0) < 1e-12)
        #expect(abs(accuracy - 59_407.0 / 60_007.0) < 1e-12)
    }

    /// A prediction of 100,001 characters (over the limit) on line 3 of preds.csv: exit 2, and
    /// the message names the file, the line, the column, the limit and the length found.
    @Test func textOverTheLengthLimitIsAnInputError() throws {
        let directory = try temporaryDirectory()
        let long = String(repeating: "A", count: 100_001)
        let scheme = try writeTextProject(in: directory, truth: ["AB12CDE", "AB"], predictions: ["AB12CDE", long])
        let outcome = try evalkit(["run", scheme, "--out", directory + "/out"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("preds.csv:3"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("text"))
        #expect(outcome.stderr.contains("at most 100000 characters"))
        #expect(outcome.stderr.contains("100001 characters"))
        // The same text as a reference: named in truth.csv.
        let other = try temporaryDirectory()
        let reversed = try writeTextProject(in: other, truth: ["AB12CDE", long], predictions: ["AB12CDE", "AB"])
        let second = try evalkit(["run", reversed, "--out", other + "/out"])
        #expect(second.status == 2)
        #expect(second.stderr.contains("truth.csv:3"), "\(second.stderr)")
        #expect(second.stderr.contains("a reference of 100001 characters"))
    }
}
