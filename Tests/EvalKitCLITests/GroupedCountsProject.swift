import Foundation

/// A binary project built from confusion counts per group: `truth.csv` (id,label,<attribute>),
/// `preds.csv` (id,pred,score: `high` for a predicted positive, `low` otherwise) and
/// `dataset.json` naming the attribute, written into `directory`. The tests then write their
/// scheme beside them, with `"dataset": "dataset.json"` and `"predictions": {"path": "preds.csv", "label": "pred"}`.
enum GroupedCountsProject {
    struct Counts {
        var tp: Int, fn: Int, tn: Int, fp: Int
    }

    static func write(_ groups: [(String, Counts)], attribute: String, name: String, scores: (high: String, low: String),
                      in directory: String) throws {
        var truth = "id,label,\(attribute)\n", predictions = "id,pred,score\n"
        var id = 0
        for (group, c) in groups {
            for (label, pred, count) in [(1, 1, c.tp), (1, 0, c.fn), (0, 0, c.tn), (0, 1, c.fp)] {
                for _ in 0..<count {
                    id += 1
                    truth += "\(id),\(label),\(group)\n"
                    predictions += "\(id),\(pred),\(pred == 1 ? scores.high : scores.low)\n"
                }
            }
        }
        try truth.write(toFile: directory + "/truth.csv", atomically: true, encoding: .utf8)
        try predictions.write(toFile: directory + "/preds.csv", atomically: true, encoding: .utf8)
        try """
            {"evalkit_dataset": 1, "name": "\(name)", "license": "CC0-1.0", "source": "test",
             "files": [{"path": "truth.csv", "role": "ground_truth", "format": "csv"}],
             "columns": {"id": "id", "label": "label", "attributes": ["\(attribute)"]}}
            """.write(toFile: directory + "/dataset.json", atomically: true, encoding: .utf8)
    }
}
