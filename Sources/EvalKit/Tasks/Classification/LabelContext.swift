import EvalKitData

/// The labels a run has met, kept from `accumulate` for `compute`.
final class LabelContext: @unchecked Sendable {
    var labels: LabelReader
    init(_ labels: LabelReader) { self.labels = labels }
}

/// Turns label fields into class indices while reading, remembering which labels the truth has
/// and where a label was first predicted.
struct LabelReader {
    var vocabulary: LabelVocabulary
    /// Labels that were predicted before (or without) appearing in the truth: file and line of first use.
    var predictedOnly: [String: (file: String, line: Int)] = [:]
    /// `inTruth[k]`: whether class k occurs in the ground truth.
    var inTruth: [Bool] = []
    init(vocabulary: LabelVocabulary) { self.vocabulary = vocabulary }

    /// The class index of a label field, adding the label to an open vocabulary. `closed` refuses
    /// new labels (a binary task that already has its two).
    @inline(__always)
    mutating func classIndex(_ decoder: FieldDecoder, _ row: Int, _ column: Int, isTruth: Bool, closed: Bool) throws -> Int32 {
        try decoder.requireText(row, column, what: "a label")
        if let index = decoder.batch.withField(row, column, { vocabulary.lookup($0) }) {
            if isTruth { markTruth(index) }
            return index
        }
        let text = decoder.batch.string(row, column)
        guard vocabulary.isOpen, !closed else {
            let known = vocabulary.labels.map { quoted($0) }.joined(separator: ", ")
            var error = decoder.error(row, column, expected: "one of the labels \(known)", found: quoted(text))
            if closed {
                error.hint = "a binary evaluation has two labels: the positive one (options.positive, \"1\" unless set) "
                    + "and one other; if the positive label is not \"1\", set options.positive (e.g. \"positive\": \(quoted(text)))"
            }
            throw error
        }
        let index = vocabulary.add(text)
        if isTruth { markTruth(index) } else {
            predictedOnly[text] = (decoder.displayPath, decoder.batch.line(row))
        }
        return index
    }

    @inline(__always)
    mutating func markTruth(_ index: Int32) {
        let k = Int(index)
        if k < inTruth.count {
            if !inTruth[k] { inTruth[k] = true }
            return
        }
        inTruth += [Bool](repeating: false, count: k + 1 - inTruth.count)
        inTruth[k] = true
    }

    /// Labels predicted but never seen in the truth are an error unless the scheme declares them
    /// (`except`: a label allowed to be absent from the truth, e.g. the positive label).
    func checkPredictedLabels(column: String?, except: String? = nil) throws {
        guard vocabulary.isOpen else { return }
        for (label, place) in predictedOnly.sorted(by: { $0.key < $1.key }) where label != except {
            guard let index = vocabulary.index(of: label), !(Int(index) < inTruth.count && inTruth[Int(index)]) else { continue }
            throw InputError(file: place.file, line: place.line, field: column,
                             message: "predicted label \(quoted(label)) does not occur in the ground truth",
                             hint: "declare every label in options.labels to evaluate labels the truth lacks")
        }
    }
}
