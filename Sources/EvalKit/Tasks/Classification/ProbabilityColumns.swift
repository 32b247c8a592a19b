import EvalKitData

/// The class-probability columns of a multiclass evaluation (`"predictions": {"scores": "score_"}`):
/// one column `<prefix><label>` per class (docs/schemes.md, "classification").
///
/// The classes are `options.labels` when declared (each needs its column), otherwise every column
/// of the predictions CSV header that starts with the prefix (a JSONL file has no header, so it
/// needs `options.labels`). They are kept in scikit-learn's column order (labels sorted,
/// numerically when all are numbers), which is also the order that breaks top-k ties.
struct ProbabilityColumns {
    /// The column name prefix, e.g. `score_`.
    var prefix: String
    /// Class labels in scikit-learn's order.
    var labels: [String]
    /// Column names, aligned with `labels`.
    var columns: [String]

    static func find(prefix: String, declared: [String]?, predictions: PredictionsSpec, schemeFile: String,
                     excluding: [String]) throws -> ProbabilityColumns {
        let scoresNode = predictions.node["scores"] ?? predictions.node
        var labels: [String]
        if let declared {
            labels = declared
        } else {
            guard predictions.format == .csv else {
                throw InputError(file: schemeFile, line: scoresNode.line, column: scoresNode.column, path: scoresNode.path,
                                 message: "the classes of the score columns cannot be read from a \(predictions.format.rawValue) file's header",
                                 hint: "declare the classes in options.labels")
            }
            let table = try openTable(path: predictions.resolvedPath, displayPath: predictions.displayPath,
                                      format: .csv, csv: predictions.csv, columns: [])
            let header = (table as? CSVReader)?.header ?? []
            labels = header.filter { $0.hasPrefix(prefix) && !excluding.contains($0) }.map { String($0.dropFirst(prefix.count)) }
            if labels.count < 2 {
                throw InputError(file: predictions.displayPath, line: 1, field: "\(prefix)<label>",
                                 expected: "a column \(quoted(prefix + "<label>")) for each of at least two classes",
                                 found: labels.isEmpty ? "no such column" : "only \(quoted(prefix + labels[0]))",
                                 hint: "the header has " + header.prefix(12).map { quoted($0) }.joined(separator: ", "))
            }
        }
        if labels.count < 2 {
            throw InputError(file: schemeFile, line: scoresNode.line, column: scoresNode.column, path: scoresNode.path,
                             message: "score columns per class need at least two classes in options.labels")
        }
        let order = LabelVocabulary.reportOrder(labels, declared: false)
        labels = order.map { labels[$0] }
        return ProbabilityColumns(prefix: prefix, labels: labels, columns: labels.map { prefix + $0 })
    }
}
