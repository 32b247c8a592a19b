import EvalKitData

/// Labels met while reading, shared by `accumulate` and `compute` of one run.
final class LabelContext: @unchecked Sendable {
    var vocabulary: LabelVocabulary
    /// Labels that were predicted before (or without) appearing in the truth: file and line of first use.
    var predictedOnly: [String: (file: String, line: Int)] = [:]
    var truthLabels = Set<Int32>()
    init(vocabulary: LabelVocabulary) { self.vocabulary = vocabulary }

    /// The class index of a label field, adding the label to an open vocabulary. `closed` refuses
    /// new labels (a binary task that already has its two).
    @inline(__always)
    func classIndex(_ decoder: FieldDecoder, _ row: Int, _ column: Int, isTruth: Bool, closed: Bool) throws -> Int32 {
        try decoder.requireText(row, column, what: "a label")
        if let index = decoder.batch.withField(row, column, { vocabulary.lookup($0) }) {
            if isTruth { truthLabels.insert(index) }
            return index
        }
        let text = decoder.batch.string(row, column)
        guard vocabulary.isOpen, !closed else {
            let known = vocabulary.labels.map { quoted($0) }.joined(separator: ", ")
            throw decoder.error(row, column, expected: "one of the labels \(known)", found: quoted(text))
        }
        let index = vocabulary.add(text)
        if isTruth { truthLabels.insert(index) } else {
            predictedOnly[text] = (decoder.source.displayPath, decoder.batch.line(row))
        }
        return index
    }

    /// Labels predicted but never seen in the truth are an error unless the scheme declares them
    /// (`except`: a label allowed to be absent from the truth, e.g. the positive label).
    func checkPredictedLabels(column: String?, except: String? = nil) throws {
        guard vocabulary.isOpen else { return }
        for (label, place) in predictedOnly.sorted(by: { $0.key < $1.key }) where label != except {
            guard let index = vocabulary.index(of: label), !truthLabels.contains(index) else { continue }
            throw InputError(file: place.file, line: place.line, field: column,
                             message: "predicted label \(quoted(label)) does not occur in the ground truth",
                             hint: "declare every label in options.labels to evaluate labels the truth lacks")
        }
    }
}
