import EvalKitData

/// Binary or multiclass classification of one label column.
struct SingleTargetEvaluation: EvaluationTask, PairedTesting {
    typealias State = ClassificationState
    let plan: ClassificationPlan
    let context: LabelContext

    init(plan: ClassificationPlan) {
        self.plan = plan
        var vocabulary = LabelVocabulary(declared: plan.options.labels)
        if plan.options.mode == .binary, plan.options.labels == nil {
            _ = vocabulary.add(plan.options.positive ?? "1")
        }
        context = LabelContext(LabelReader(vocabulary: vocabulary))
    }

    var target: ClassificationPlan.Target { plan.targets[0] }
    var isBinary: Bool { plan.options.mode == .binary }
    var hasScore: Bool { target.scoreColumn != nil }
    /// The class-probability columns (multiclass), if any.
    var probabilities: ProbabilityColumns? { plan.probabilities }
    /// The positive label: declared, or "1" (scikit-learn's `pos_label=1`).
    var positiveLabel: String { plan.options.positive ?? "1" }

    var catalog: MetricCatalog { ClassificationTask.catalog }

    var availableMetrics: [String] {
        ClassificationMetrics.metricNames(binary: isBinary, hasScores: hasScore, beta: plan.options.beta != nil,
                                          probabilities: probabilities != nil, topK: plan.options.topK)
            + plan.options.operatingPoints.flatMap(\.metricKeys)
    }

    func makeState() -> ClassificationState {
        var state = ClassificationState(classCount: max(context.labels.vocabulary.count, isBinary ? 2 : 1), keepsScores: hasScore)
        if let probabilities { state.probabilities = ClassProbabilityState(classCount: probabilities.labels.count) }
        return state
    }

    func accumulate(into cells: inout SliceCells<ClassificationState>) throws -> InputsRead {
        try read(into: &cells, recordOutcomes: false).inputs
    }

    func accumulateRecordingOutcomes(into cells: inout SliceCells<ClassificationState>) throws -> (InputsRead, ItemOutcomes) {
        let (inputs, outcomes) = try read(into: &cells, recordOutcomes: true)
        return (inputs, outcomes!)
    }

    /// Reads the joined rows into the cells, and every item's outcome when `recordOutcomes`.
    private func read(into cells: inout SliceCells<ClassificationState>,
                      recordOutcomes: Bool) throws -> (inputs: InputsRead, outcomes: ItemOutcomes?) {
        var consumer = Consumer(evaluation: self, labels: context.labels, cells: cells, recordOutcomes: recordOutcomes)
        var inputs = try plan.join.run(&consumer, progress: cells.progress, shard: cells.shard, threads: cells.threads)
        context.labels = consumer.labels
        swap(&cells, &consumer.cells)
        // Sparse confusion cells are sorted once here, not at every read or replicate.
        for i in cells.states.indices { cells.states[i].compact() }
        var outcomes: ItemOutcomes?
        if recordOutcomes {
            outcomes = consumer.outcomes
            outcomes!.evaluation = plan.spec.name
            outcomes!.groundTruthSHA256 = inputs.files.first { $0.role == "ground_truth" }?.sha256 ?? ""
            outcomes!.labels = context.labels.vocabulary.labels
            outcomes!.cellAttributes = cells.attributes
            outcomes!.positive = isBinary ? positiveLabel : nil
            outcomes!.zeroDivision = plan.options.zeroDivision.rawValue
            outcomes!.cellKeys = inputs.cellKeys
            outcomes!.finish(rows: inputs.items)
        }
        cells.keys = inputs.cellKeys
        cells.ensure(inputs.cellKeys.count - 1)
        if probabilities != nil {
            for cell in cells.states.indices { cells.states[cell].probabilities?.compact() }
        }
        if hasScore {
            for (cell, runs) in consumer.sorter.finish(cells: cells.states.count).enumerated() {
                cells.states[cell].scores!.merge(runs)
            }
        }
        try context.labels.checkPredictedLabels(column: target.labelColumn, except: isBinary ? positiveLabel : nil)
        canonicalizeLabels(&cells, outcomes: &outcomes)
        let range = consumer.scoreRange
        if let threshold = plan.options.threshold, target.labelColumn == nil, range.min <= range.max,
           threshold < range.min || threshold > range.max {
            inputs.notes.append(InputNote("warning: threshold \(JSONOutput.format(threshold)) is outside the range of the scores "
                + "[\(JSONOutput.format(range.min)), \(JSONOutput.format(range.max))], so every item is predicted "
                + (threshold > range.max ? "negative" : "positive")))
        }
        if inputs.missing > 0, hasScore, plan.spec.missing == .countAsWrong {
            inputs.notes.append(InputNote("items without a prediction were ranked last for the ranking metrics (roc_auc, average_precision)"))
        }
        if inputs.missing > 0, probabilities != nil, plan.spec.missing == .countAsWrong {
            inputs.notes.append(InputNote("items without a prediction count as wrong for the probability metrics: ranked last in their "
                + "class's column and first in the others, never in a top k, log-loss term -ln(2^-52)"))
        }
        return (inputs, outcomes)
    }

    /// Reads joined rows into batched columns and flushes them into the state.
    struct Consumer: JoinConsumer {
        let isBinary: Bool
        let hasScore: Bool
        let positiveLabel: String
        let threshold: Double?
        let target: ClassificationPlan.Target
        var labels: LabelReader
        var cells: SliceCells<ClassificationState>
        /// Sorts the scores on another thread, or inline with one thread (merged into
        /// `state.scores` at the end).
        var sorter: BackgroundScoreSorter
        var positive: Int32
        var scoreRange = (min: Double.infinity, max: -Double.infinity)
        var truths: [Int32] = []
        var predictions: [Int32] = []
        var scores: [Double] = []
        var positives: [Bool] = []
        var rowCells: [Int32] = []
        /// The batch's items (when recording outcomes).
        var items: [Int] = []
        /// Whether to record each item's truth and prediction (for paired tests), and the record.
        let recordOutcomes: Bool
        var outcomes = ItemOutcomes(evaluation: "", groundTruthSHA256: "", labels: [])
        var columns: (truth: Int, label: Int?, score: Int?, names: [String]) = (0, nil, nil, [])
        /// Class probabilities: the columns' labels and names, their batch columns, and the row's scores.
        let probabilityLabels: [String]
        let probabilityNames: [String]
        let probabilityPrefix: String
        var probabilityColumns: [Int] = []
        var rowScores: [Double] = []
        /// `columnOfClass[k]`: the probability column of vocabulary class k (-1: none), filled as classes appear.
        var columnOfClass: [Int32] = []
        /// `classOfColumn[c]`: the vocabulary class of probability column c (-1: not yet in the vocabulary).
        var classOfColumn: [Int32] = []

        init(evaluation: SingleTargetEvaluation, labels: LabelReader, cells: SliceCells<ClassificationState>, recordOutcomes: Bool) {
            self.recordOutcomes = recordOutcomes
            isBinary = evaluation.isBinary
            hasScore = evaluation.hasScore
            positiveLabel = evaluation.positiveLabel
            threshold = evaluation.plan.options.threshold
            target = evaluation.target
            self.labels = labels
            self.cells = cells
            sorter = BackgroundScoreSorter(inline: !cells.threads.isParallel)
            positive = labels.vocabulary.index(of: evaluation.positiveLabel) ?? -1
            probabilityLabels = evaluation.probabilities?.labels ?? []
            probabilityNames = evaluation.probabilities?.columns ?? []
            probabilityPrefix = evaluation.probabilities?.prefix ?? ""
            rowScores = [Double](repeating: 0, count: probabilityLabels.count)
            classOfColumn = [Int32](repeating: -1, count: probabilityLabels.count)
        }

        var hasProbabilities: Bool { !probabilityLabels.isEmpty }

        /// The probability column of vocabulary class `index`, or -1.
        mutating func column(ofClass index: Int32) -> Int32 {
            let k = Int(index)
            while columnOfClass.count <= k {
                let label = labels.vocabulary.labels[columnOfClass.count]
                columnOfClass.append(probabilityLabels.firstIndex(of: label).map(Int32.init) ?? -1)
            }
            return columnOfClass[k]
        }

        var closed: Bool { isBinary && labels.vocabulary.count >= 2 }

        mutating func beginBatch(columns names: [String]) {
            guard names != columns.names else { return }
            columns = (names.firstIndex(of: target.truthColumn) ?? 0, target.labelColumn.flatMap { names.firstIndex(of: $0) },
                       target.scoreColumn.flatMap { names.firstIndex(of: $0) }, names)
            probabilityColumns = probabilityNames.map { names.firstIndex(of: $0) ?? -1 }
        }

        mutating func readTruth(_ decoder: FieldDecoder, _ row: Int) throws -> Int32 {
            let truth = try labels.classIndex(decoder, row, columns.truth, isTruth: true, closed: closed)
            if hasProbabilities && column(ofClass: truth) < 0 {
                var error = decoder.error(row, columns.truth, expected: "a class with a score column: one of "
                                          + probabilityLabels.prefix(12).map { quoted($0) }.joined(separator: ", "),
                                          found: quoted(labels.vocabulary.labels[Int(truth)]))
                error.hint = "the predictions have no column \(quoted(probabilityPrefix + labels.vocabulary.labels[Int(truth)]))"
                throw error
            }
            return truth
        }

        /// Reads the row's class probabilities into `rowScores` (finite, >= 0) and returns the
        /// column of the highest (the first on ties, as numpy's argmax).
        mutating func readProbabilities(_ decoder: FieldDecoder, _ row: Int) throws -> Int {
            var best = 0
            for c in probabilityColumns.indices {
                let value = try decoder.score(row, probabilityColumns[c])
                if value < 0 {
                    throw decoder.error(row, probabilityColumns[c], expected: "a probability (a number >= 0)", found: decoder.found(row, probabilityColumns[c]))
                }
                rowScores[c] = value
                if value > rowScores[best] { best = c }
            }
            return best
        }

        /// The vocabulary class of probability column `c`, adding its label when the truth has not shown it.
        mutating func vocabularyClass(ofColumn c: Int, _ decoder: FieldDecoder, _ row: Int) -> Int32 {
            if classOfColumn[c] >= 0 { return classOfColumn[c] }
            let label = probabilityLabels[c]
            let index: Int32
            if let known = labels.vocabulary.index(of: label) {
                index = known
            } else {
                index = labels.vocabulary.add(label)
                labels.predictedOnly[label] = (decoder.displayPath, decoder.batch.line(row))
            }
            classOfColumn[c] = index
            return index
        }

        mutating func pair(_ truth: Int32, cell: Int32, item: Int, _ decoder: FieldDecoder, _ row: Int) throws {
            var score = Double.nan
            if let column = columns.score {
                score = try decoder.score(row, column)
                if score < scoreRange.min { scoreRange.min = score }
                if score > scoreRange.max { scoreRange.max = score }
            }
            var best = -1
            if hasProbabilities {
                best = try readProbabilities(decoder, row)
                cells.ensure(Int(cell))
                let truthColumn = Int(column(ofClass: truth))
                rowScores.withUnsafeBufferPointer { cells.states[Int(cell)].probabilities!.add(truth: truthColumn, scores: $0) }
            }
            let predicted: Int32
            if let column = columns.label {
                predicted = try labels.classIndex(decoder, row, column, isTruth: false, closed: closed)
            } else if best >= 0 {
                predicted = vocabularyClass(ofColumn: best, decoder, row)
            } else {
                predicted = score >= threshold! ? positive : negativeIndex()
            }
            truths.append(truth)
            predictions.append(predicted)
            rowCells.append(cell)
            if hasScore {
                scores.append(score)
                positives.append(truth == positive)
            }
            if recordOutcomes { items.append(item) }
        }

        mutating func missingTruth(_ truth: Int32, cell: Int32, item: Int) {
            truths.append(truth)
            predictions.append(-1)
            rowCells.append(cell)
            if recordOutcomes { items.append(item) }
            if hasProbabilities {
                cells.ensure(Int(cell))
                cells.states[Int(cell)].probabilities!.addMissing(truth: Int(column(ofClass: truth)))
            }
            if hasScore {
                // Counted as wrong: ranked below every negative, or above every positive.
                scores.append(truth == positive ? -.infinity : .infinity)
                positives.append(truth == positive)
            }
        }

        /// The negative class of a binary task: the label that is not positive, created as "0"
        /// when the truth has not shown one yet and the positive label is "1".
        mutating func negativeIndex() -> Int32 {
            if labels.vocabulary.count >= 2 { return positive == 0 ? 1 : 0 }
            return labels.vocabulary.add(positiveLabel == "1" ? "0" : "not \(positiveLabel)")
        }

        mutating func endBatch() {
            if recordOutcomes {
                outcomes.set(rows: items, truth: truths, predicted: predictions, cells: rowCells)  // -1 is noPrediction
                items.removeAll(keepingCapacity: true)
            }
            let classCount = labels.vocabulary.count
            if cells.attributes.isEmpty {
                cells.states[0].ensureClassCount(classCount)
                truths.withUnsafeBufferPointer { t in
                    predictions.withUnsafeBufferPointer { p in cells.states[0].add(truth: t, predicted: p) }
                }
                if hasScore { sorter.add(cell: 0, scores, positives) }
            } else {
                for i in truths.indices {
                    let cell = Int(rowCells[i])
                    cells.ensure(cell)
                    cells.states[cell].ensureClassCount(classCount)
                    cells.states[cell].add(truth: truths[i], predicted: predictions[i])
                    if hasScore { sorter.add(cell: cell, scores[i], positive: positives[i]) }
                }
            }
            rowCells.removeAll(keepingCapacity: true)
            truths.removeAll(keepingCapacity: true)
            predictions.removeAll(keepingCapacity: true)
            scores.removeAll(keepingCapacity: true)
            positives.removeAll(keepingCapacity: true)
        }
    }

    func countReplicate(_ cells: [ClassificationState], using generator: inout Xoshiro256StarStar) -> [ClassificationState]? {
        ClassificationState.resampledCounts(cells, using: &generator)
    }

    func rankReplicate(_ cell: ClassificationState, using generator: inout Xoshiro256StarStar) -> ClassificationState? {
        guard hasScore || probabilities != nil else { return nil }
        var replicate = cell.resampledWithScores(using: &generator)
        replicate.probabilities = cell.probabilities?.poissonResampled(using: &generator)
        return replicate
    }

    /// Metrics that need the scores: ROC AUC, AP and the operating points; with class
    /// probabilities, every `ClassProbabilityMetrics` key.
    var rankMetrics: Set<String> {
        var names: [String] = []
        if hasScore { names += ["roc_auc", "average_precision"] + plan.options.operatingPoints.flatMap(\.metricKeys) }
        if probabilities != nil { names += ClassProbabilityMetrics.metricNames(topK: plan.options.topK) }
        return Set(names)
    }

    func itemCount(_ state: ClassificationState) -> Int { Int(state.count) }
    var replicatesMergedCells: Bool { true }
    func canonicalize(_ state: inout ClassificationState) { state.probabilities?.canonicalize() }

    func compute(_ state: ClassificationState) -> ComputedMetrics {
        compute(state, summaryOnly: false)
    }

    func replicateMetrics(_ state: ClassificationState) -> MetricValues {
        compute(state, summaryOnly: true).metrics
    }

    private func compute(_ state: ClassificationState, summaryOnly: Bool) -> ComputedMetrics {
        let vocabulary = context.labels.vocabulary
        var state = state
        state.ensureClassCount(max(vocabulary.count, isBinary ? 2 : 1))
        var labels = vocabulary.labels
        if isBinary && labels.count < 2 { labels.append(positiveLabel == "1" ? "0" : "not \(positiveLabel)") }
        var config = ClassificationConfig(
            labels: labels, positive: isBinary ? vocabulary.index(of: positiveLabel).map(Int.init) : nil,
            zeroDivision: plan.options.zeroDivision, beta: plan.options.beta,
            operatingPoints: plan.options.operatingPoints,
            threshold: target.labelColumn == nil ? plan.options.threshold : nil)
        config.probabilityLabels = probabilities?.labels ?? []
        config.topK = plan.options.topK
        var computed = ClassificationMetrics.compute(state, config, summaryOnly: summaryOnly)
        reorder(&computed, order: LabelVocabulary.reportOrder(labels, declared: !vocabulary.isOpen))
        return computed
    }

    /// Puts per-class rows and the confusion matrix in report order.
    func reorder(_ computed: inout ComputedMetrics, order: [Int]) {
        guard order != Array(order.indices) else { return }
        if computed.perClass.count == order.count {
            computed.perClass = order.map { computed.perClass[$0] }
        }
        if let confusion = computed.confusion, confusion.labels.count == order.count {
            computed.confusion = confusion.reordered(order)
        }
    }
}
