import EvalKitData

/// Labels found while reading, shared by `accumulate` and `compute` of one run.
final class LabelContext: @unchecked Sendable {
    var vocabulary: LabelVocabulary
    /// Labels that were predicted but are not in the ground truth, with the line of first use.
    var predictedOnly: [String: (file: String, line: Int)] = [:]
    var truthLabels = Set<Int32>()
    init(vocabulary: LabelVocabulary) { self.vocabulary = vocabulary }
}

/// Binary or multiclass classification of one label column.
struct SingleTargetEvaluation: EvaluationTask {
    typealias State = ClassificationState
    let plan: ClassificationPlan
    let context: LabelContext
    static let batchRows = 1 << 16

    init(plan: ClassificationPlan) {
        self.plan = plan
        var vocabulary = LabelVocabulary(declared: plan.options.labels)
        if plan.options.mode == .binary, let positive = plan.options.positive ?? (plan.options.labels == nil ? "1" : nil) {
            _ = vocabulary.add(positive)
        }
        context = LabelContext(vocabulary: vocabulary)
    }

    var target: ClassificationPlan.Target { plan.targets[0] }
    var isBinary: Bool { plan.options.mode == .binary }
    var hasScore: Bool { target.scoreColumn != nil }

    var availableMetrics: [String] {
        ClassificationMetrics.metricNames(binary: isBinary, hasScores: hasScore, beta: plan.options.beta != nil)
            + plan.options.operatingPoints.flatMap(\.metricKeys)
    }

    func makeState() -> ClassificationState {
        ClassificationState(classCount: max(context.vocabulary.count, isBinary ? 2 : 1), keepsScores: hasScore)
    }

    /// The positive label: declared, or "1" by default (scikit-learn's `pos_label=1`).
    var positiveLabel: String { plan.options.positive ?? "1" }

    func accumulate(into cells: inout SliceCells<ClassificationState>) throws -> InputsRead {
        var inputs = InputsRead()
        var scoreRange = (min: Double.infinity, max: -Double.infinity)
        if plan.sameFile {
            try accumulateSameFile(into: &cells, inputs: &inputs, scoreRange: &scoreRange)
        } else {
            try accumulateJoined(into: &cells, inputs: &inputs, scoreRange: &scoreRange)
        }
        try checkLabels()
        if let threshold = plan.options.threshold, target.labelColumn == nil, scoreRange.min <= scoreRange.max,
           threshold < scoreRange.min || threshold > scoreRange.max {
            inputs.notes.append("warning: threshold \(JSONOutput.format(threshold)) is outside the range of the scores "
                + "[\(JSONOutput.format(scoreRange.min)), \(JSONOutput.format(scoreRange.max))], so every item is predicted "
                + (threshold > scoreRange.max ? "negative" : "positive"))
        }
        if let threshold = plan.options.threshold, target.labelColumn == nil {
            inputs.notes.append("hard predictions: score >= \(JSONOutput.format(threshold)) predicts \(quoted(positiveLabel))")
        }
        return inputs
    }

    /// Labels predicted but never seen in the truth are an error unless the scheme declares them.
    func checkLabels() throws {
        guard context.vocabulary.isOpen else { return }
        for (label, place) in context.predictedOnly.sorted(by: { $0.key < $1.key }) {
            guard let index = context.vocabulary.index(of: label), !context.truthLabels.contains(index) else { continue }
            if isBinary && label == positiveLabel { continue }
            throw InputError(file: place.file, line: place.line, field: target.labelColumn,
                             message: "predicted label \(quoted(label)) does not occur in the ground truth",
                             hint: "declare every label in options.labels to evaluate labels the truth lacks")
        }
        if isBinary && context.vocabulary.count > 2 {
            let extra = context.vocabulary.labels
            throw InputError(file: plan.truth.displayPath, field: target.truthColumn,
                             message: "binary classification needs two labels, found \(extra.count): "
                                + extra.map { quoted($0) }.joined(separator: ", "),
                             hint: "remove options.positive for multiclass metrics, or fix the labels")
        }
    }

    /// The class index of a label field, adding it to an open vocabulary.
    @inline(__always)
    func classIndex(_ decoder: FieldDecoder, _ row: Int, _ column: Int, isTruth: Bool) throws -> Int32 {
        try decoder.requireText(row, column, what: "a label")
        if let index = decoder.batch.withField(row, column, { context.vocabulary.lookup($0) }) {
            if isTruth { context.truthLabels.insert(index) }
            return index
        }
        let text = decoder.batch.string(row, column)
        guard context.vocabulary.isOpen, !(isBinary && context.vocabulary.count >= 2) else {
            let known = context.vocabulary.labels.map { quoted($0) }.joined(separator: ", ")
            throw decoder.error(row, column, expected: "one of the labels \(known)", found: quoted(text))
        }
        let index = context.vocabulary.add(text)
        if isTruth { context.truthLabels.insert(index) } else {
            context.predictedOnly[text] = (decoder.source.displayPath, decoder.batch.line(row))
        }
        return index
    }

    /// Class indices of the predicted label (or thresholded score) and the score of one row.
    @inline(__always)
    func prediction(_ decoder: FieldDecoder, _ row: Int, labelColumn: Int?, scoreColumn: Int?,
                    scoreRange: inout (min: Double, max: Double)) throws -> (Int32, Double) {
        var score = Double.nan
        if let scoreColumn {
            score = try decoder.score(row, scoreColumn)
            scoreRange.min = min(scoreRange.min, score)
            scoreRange.max = max(scoreRange.max, score)
        }
        if let labelColumn { return (try classIndex(decoder, row, labelColumn, isTruth: false), score) }
        let positive = context.vocabulary.index(of: positiveLabel)!
        if score >= plan.options.threshold! { return (positive, score) }
        return (negativeIndex(decoder, row), score)
    }

    /// The negative class of a binary task (the label that is not positive), created as
    /// `"0"` when the truth has not shown it yet and the positive label is `"1"`.
    func negativeIndex(_ decoder: FieldDecoder, _ row: Int) -> Int32 {
        let positive = context.vocabulary.index(of: positiveLabel)!
        if context.vocabulary.count >= 2 { return positive == 0 ? 1 : 0 }
        return context.vocabulary.add(positiveLabel == "1" ? "0" : "not \(positiveLabel)")
    }

    func record(_ state: inout ClassificationState, truth: Int32, predicted: Int32, score: Double) {
        state.ensureClassCount(context.vocabulary.count)
        state.add(truth: truth, predicted: predicted)
        if hasScore, predicted >= 0 || !score.isNaN {
            state.addScore(score, positive: truth == context.vocabulary.index(of: positiveLabel))
        }
    }

    /// Predictions are columns of the ground-truth file: one pass, no join.
    func accumulateSameFile(into cells: inout SliceCells<ClassificationState>, inputs: inout InputsRead,
                            scoreRange: inout (min: Double, max: Double)) throws {
        let source = try plan.openTruth()
        let columns = source.selectedColumns
        let idColumn = 0
        let truthColumn = columns.firstIndex(of: target.truthColumn)!
        let labelColumn = target.labelColumn.flatMap { columns.firstIndex(of: $0) }
        let scoreColumn = target.scoreColumn.flatMap { columns.firstIndex(of: $0) }
        var ids = IdIndex()
        var batch = FieldBatch(columns: columns)
        var rows = 0
        var truths: [Int32] = []
        var predictions: [Int32] = []
        var scores: [Double] = []
        var positives: [Bool] = []
        while try source.nextBatch(&batch, capacity: Self.batchRows) {
            let decoder = FieldDecoder(source: source, batch: batch)
            truths.removeAll(keepingCapacity: true)
            predictions.removeAll(keepingCapacity: true)
            scores.removeAll(keepingCapacity: true)
            positives.removeAll(keepingCapacity: true)
            for row in 0..<batch.count {
                try decoder.requireText(row, idColumn, what: "an id")
                let line = Int32(truncatingIfNeeded: batch.line(row))
                if let first = batch.withField(row, idColumn, { ids.insert($0, row: line) }) {
                    throw InputError(file: source.displayPath, line: batch.line(row), field: columns[idColumn],
                                     message: "duplicate id \(quoted(batch.string(row, idColumn))) (first on line \(first))")
                }
                let truth = try classIndex(decoder, row, truthColumn, isTruth: true)
                let (predicted, score) = try prediction(decoder, row, labelColumn: labelColumn, scoreColumn: scoreColumn,
                                                        scoreRange: &scoreRange)
                truths.append(truth)
                predictions.append(predicted)
                if hasScore {
                    scores.append(score)
                    positives.append(truth == context.vocabulary.index(of: positiveLabel))
                }
            }
            rows += batch.count
            cells.states[0].ensureClassCount(context.vocabulary.count)
            truths.withUnsafeBufferPointer { t in
                predictions.withUnsafeBufferPointer { p in cells.states[0].add(truth: t, predicted: p) }
            }
            if hasScore {
                scores.withUnsafeBufferPointer { s in
                    positives.withUnsafeBufferPointer { y in cells.states[0].addScores(s, positives: y) }
                }
            }
        }
        guard let sha = source.sha256 else { throw InternalError("reader gave no sha256 at end of file") }
        inputs.files = [InputsRead.FileDigest(role: "ground_truth", path: source.displayPath, sha256: sha, rows: rows)]
        inputs.matched = rows
        try checkDigest(plan.truth, sha)
        if rows == 0 { throw InputError(file: source.displayPath, message: "no data rows, expected at least one") }
    }

    /// Ground truth and predictions in two files: the truth is indexed by id, then the predictions
    /// are streamed and joined.
    func accumulateJoined(into cells: inout SliceCells<ClassificationState>, inputs: inout InputsRead,
                          scoreRange: inout (min: Double, max: Double)) throws {
        let truthSource = try plan.openTruth()
        var ids = IdIndex()
        var truthLabels: [Int32] = []
        var truthLines: [Int32] = []
        var batch = FieldBatch(columns: truthSource.selectedColumns)
        while try truthSource.nextBatch(&batch, capacity: Self.batchRows) {
            let decoder = FieldDecoder(source: truthSource, batch: batch)
            for row in 0..<batch.count {
                try decoder.requireText(row, 0, what: "an id")
                let line = Int32(truncatingIfNeeded: batch.line(row))
                if let first = batch.withField(row, 0, { ids.insert($0, row: Int32(truthLabels.count)) }) {
                    throw InputError(file: truthSource.displayPath, line: batch.line(row), field: batch.columns[0],
                                     message: "duplicate id \(quoted(batch.string(row, 0))) (first on line \(truthLines[Int(first)]))")
                }
                truthLabels.append(try classIndex(decoder, row, 1, isTruth: true))
                truthLines.append(line)
            }
        }
        guard let truthSHA = truthSource.sha256 else { throw InternalError("reader gave no sha256 at end of file") }
        try checkDigest(plan.truth, truthSHA)
        if truthLabels.isEmpty { throw InputError(file: truthSource.displayPath, message: "no data rows, expected at least one") }

        let source = try plan.openPredictions()
        let columns = source.selectedColumns
        let labelColumn = target.labelColumn.flatMap { columns.firstIndex(of: $0) }
        let scoreColumn = target.scoreColumn.flatMap { columns.firstIndex(of: $0) }
        var seenLine = [Int32](repeating: 0, count: truthLabels.count)
        var predictionRows = 0
        batch = FieldBatch(columns: columns)
        while try source.nextBatch(&batch, capacity: Self.batchRows) {
            let decoder = FieldDecoder(source: source, batch: batch)
            for row in 0..<batch.count {
                predictionRows += 1
                try decoder.requireText(row, 0, what: "an id")
                guard let truthRow = batch.withField(row, 0, { ids.lookup($0) }) else {
                    if plan.spec.extra == .ignore {
                        inputs.extra += 1
                        continue
                    }
                    throw InputError(file: source.displayPath, line: batch.line(row), field: columns[0],
                                     message: "id \(quoted(batch.string(row, 0))) is not in the ground truth (\(truthSource.displayPath))",
                                     hint: "set \"extra\": \"ignore\" in the scheme to leave such predictions out")
                }
                let line = Int32(truncatingIfNeeded: batch.line(row))
                if seenLine[Int(truthRow)] != 0 {
                    throw InputError(file: source.displayPath, line: batch.line(row), field: columns[0],
                                     message: "duplicate id \(quoted(batch.string(row, 0))) (first on line \(seenLine[Int(truthRow)]))")
                }
                seenLine[Int(truthRow)] = line
                let (predicted, score) = try prediction(decoder, row, labelColumn: labelColumn, scoreColumn: scoreColumn,
                                                        scoreRange: &scoreRange)
                record(&cells.states[0], truth: truthLabels[Int(truthRow)], predicted: predicted, score: score)
                inputs.matched += 1
            }
        }
        guard let predictionSHA = source.sha256 else { throw InternalError("reader gave no sha256 at end of file") }
        inputs.files = [
            InputsRead.FileDigest(role: "ground_truth", path: truthSource.displayPath, sha256: truthSHA, rows: truthLabels.count),
            InputsRead.FileDigest(role: "predictions", path: source.displayPath, sha256: predictionSHA, rows: predictionRows),
        ]
        try handleMissing(seenLine: seenLine, truthLabels: truthLabels, truthLines: truthLines, ids: ids,
                          cells: &cells, inputs: &inputs, truthFile: truthSource.displayPath, predictionsFile: source.displayPath)
        if inputs.extra > 0 {
            inputs.notes.append("\(inputs.extra) prediction(s) with ids not in the ground truth were left out (extra: ignore)")
        }
    }

    /// Ground-truth rows without a prediction: an error, counted as wrong, or left out.
    func handleMissing(seenLine: [Int32], truthLabels: [Int32], truthLines: [Int32], ids: IdIndex,
                       cells: inout SliceCells<ClassificationState>, inputs: inout InputsRead,
                       truthFile: String, predictionsFile: String) throws {
        let missingRows = seenLine.indices.filter { seenLine[$0] == 0 }
        inputs.missing = missingRows.count
        guard !missingRows.isEmpty else { return }
        switch plan.spec.missing {
        case .error:
            let examples = missingRows.prefix(5).map { "line \(truthLines[$0])" }.joined(separator: ", ")
            throw InputError(file: truthFile, field: plan.idColumn,
                             message: "\(missingRows.count) ground-truth id(s) have no prediction in \(predictionsFile) (\(examples))",
                             hint: "set \"missing\": \"count_as_wrong\" or \"ignore\" in the scheme to allow this")
        case .countAsWrong:
            let positive = context.vocabulary.index(of: positiveLabel)
            for row in missingRows {
                let truth = truthLabels[row]
                let worst = truth == positive ? -Double.infinity : Double.infinity
                record(&cells.states[0], truth: truth, predicted: -1, score: worst)
            }
            inputs.notes.append("\(missingRows.count) ground-truth item(s) had no prediction and were counted as wrong "
                + "(missing: count_as_wrong)" + (hasScore ? "; their scores were ranked last" : ""))
        case .ignore:
            inputs.notes.append("\(missingRows.count) ground-truth item(s) had no prediction and were left out (missing: ignore)")
        }
    }

    func checkDigest(_ file: DatasetManifest.File, _ actual: String) throws {
        if let expected = file.sha256, expected != actual {
            throw InputError(file: file.displayPath, field: "sha256",
                             message: "the file differs from the one the dataset manifest describes",
                             expected: "sha256 \(expected)", found: "sha256 \(actual)",
                             hint: "update the manifest if the change is intended")
        }
    }

    func compute(_ state: ClassificationState) -> ComputedMetrics {
        let vocabulary = context.vocabulary
        var state = state
        state.ensureClassCount(vocabulary.count)
        let positive = isBinary ? vocabulary.index(of: positiveLabel).map(Int.init) : nil
        let config = ClassificationConfig(
            labels: vocabulary.labels, positive: positive, zeroDivision: plan.options.zeroDivision,
            beta: plan.options.beta, operatingPoints: plan.options.operatingPoints, threshold: plan.options.threshold)
        var computed = ClassificationMetrics.compute(state, config)
        reorder(&computed, order: vocabulary.reportOrder())
        return computed
    }

    /// Puts per-class rows and the confusion matrix in report order.
    func reorder(_ computed: inout ComputedMetrics, order: [Int]) {
        guard order != Array(order.indices) else { return }
        if computed.perClass.count == order.count {
            computed.perClass = order.map { computed.perClass[$0] }
        }
        if let confusion = computed.confusion, confusion.labels.count == order.count {
            computed.confusion = ConfusionTable(
                labels: order.map { confusion.labels[$0] },
                counts: order.map { t in order.map { p in confusion.counts[t][p] } })
        }
    }
}

/// A fault in evalkit itself (exit status 3), never the user's input.
public struct InternalError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
