import Foundation
import Testing

/// A multiclass evaluation with 50,000 classes over 200,000 rows through the built binary: the
/// confusion cells are sparse (a dense matrix would be 2.5 billion cells), results.json writes
/// the confusion matrix as sparse entries, and the terminal report lists no 50,000-row table.
extension CLITests {
    @Test func fiftyThousandClassesRun() throws {
        let classes = 50_000
        let rows = 200_000
        var state: UInt64 = 3
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: state >> 33)
        }
        var truth = "id,label\n"
        var predictions = "id,pred\n"
        var pairs: [Int: Int] = [:]
        var correct = 0
        for i in 0..<rows {
            let t = i % classes
            let p = next() % 10 < 7 ? t : next() % classes
            truth += "\(i),c\(t)\n"
            predictions += "\(i),c\(p)\n"
            pairs[t * classes + p, default: 0] += 1
            if p == t { correct += 1 }
        }
        let directory = try temporaryDirectory()
        try truth.write(toFile: directory + "/truth.csv", atomically: true, encoding: .utf8)
        try predictions.write(toFile: directory + "/preds.csv", atomically: true, encoding: .utf8)
        try """
            {"evalkit_dataset": 1, "name": "many classes", "license": "CC0-1.0", "source": "test",
             "files": [{"path": "truth.csv", "role": "ground_truth", "format": "csv"}],
             "columns": {"id": "id", "label": "label"}}
            """.write(toFile: directory + "/dataset.json", atomically: true, encoding: .utf8)
        try """
            {"evalkit": 1, "name": "many classes", "task": "classification", "dataset": "dataset.json",
             "predictions": {"path": "preds.csv", "id": "id", "label": "pred"},
             "intervals": {"replicates": 10}}
            """.write(toFile: directory + "/scheme.json", atomically: true, encoding: .utf8)
        let outcome = try evalkit(["run", directory + "/scheme.json", "--out", directory + "/out"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.split(separator: "\n").count < 200, "no per-class or confusion table of 50,000 rows")
        #expect(outcome.stdout.contains("per-class metrics of 50,000 classes"))

        let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/out/results.json"))
        let json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        let evaluation = (json["evaluations"] as! [[String: Any]])[0]
        let metrics = evaluation["metrics"] as! [String: Any]
        let accuracy = try #require((metrics["accuracy"] as? NSNumber)?.doubleValue)
        #expect(abs(accuracy - Double(correct) / Double(rows)) < 1e-12)
        let confusion = try #require(evaluation["confusion_matrix"] as? [String: Any])
        #expect(confusion["format"] as? String == "sparse")
        let labels = try #require(confusion["labels"] as? [String])
        #expect(labels.count == classes)
        let entries = try #require(confusion["entries"] as? [[Int]])
        #expect(entries.count == pairs.count)
        // Every entry is a (truth, predicted) pair of the data with its count.
        var seen = 0
        for entry in entries {
            let t = Int(labels[entry[0]].dropFirst())!
            let p = Int(labels[entry[1]].dropFirst())!
            if pairs[t * classes + p] == entry[2] { seen += 1 }
        }
        #expect(seen == pairs.count)
        #expect((evaluation["per_class"] as? [String: Any])?.count == classes)
    }
}
