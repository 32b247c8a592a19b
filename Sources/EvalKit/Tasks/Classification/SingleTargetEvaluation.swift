import EvalKitData

/// Binary or multiclass classification of one label column.
struct SingleTargetEvaluation: EvaluationTask {
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
    /// The positive label: declared, or "1" (scikit-learn's `pos_label=1`).
    var positiveLabel: String { plan.options.positive ?? "1" }

    var availableMetrics: [String] {
        ClassificationMetrics.metricNames(binary: isBinary, hasScores: hasScore, beta: plan.options.beta != nil)
            + plan.options.operatingPoints.flatMap(\.metricKeys)
    }

    func makeState() -> ClassificationState {
        ClassificationState(classCount: max(context.labels.vocabulary.count, isBinary ? 2 : 1), keepsScores: hasScore)
    }

    func accumulate(into cells: inout SliceCells<ClassificationState>) throws -> InputsRead {
        var consumer = Consumer(evaluation: self, labels: context.labels, cells: cells)
        var inputs = try plan.join.run(&consumer)
        context.labels = consumer.labels
        swap(&cells, &consumer.cells)
        // Sparse confusion cells are sorted once here, not at every read or replicate.
        for i in cells.states.indices { cells.states[i].compact() }
        if cells.recordOutcomes {
            var outcomes = consumer.outcomes
            outcomes.evaluation = plan.spec.name
            outcomes.groundTruthSHA256 = inputs.files.first { $0.role == "ground_truth" }?.sha256 ?? ""
            outcomes.labels = context.labels.vocabulary.labels
            outcomes.cellAttributes = cells.attributes
            outcomes.positive = isBinary ? positiveLabel : nil
            outcomes.zeroDivision = plan.options.zeroDivision.rawValue
            outcomes.cellKeys = inputs.cellKeys
            outcomes.finish(rows: inputs.items)
            cells.outcomes = outcomes
        }
        cells.keys = inputs.cellKeys
        cells.ensure(inputs.cellKeys.count - 1)
        if hasScore {
            for (cell, runs) in consumer.sorter.finish(cells: cells.states.count).enumerated() {
                cells.states[cell].scores!.merge(runs)
            }
        }
        try context.labels.checkPredictedLabels(column: target.labelColumn, except: isBinary ? positiveLabel : nil)
        let range = consumer.scoreRange
        if let threshold = plan.options.threshold, target.labelColumn == nil, range.min <= range.max,
           threshold < range.min || threshold > range.max {
            inputs.notes.append("warning: threshold \(JSONOutput.format(threshold)) is outside the range of the scores "
                + "[\(JSONOutput.format(range.min)), \(JSONOutput.format(range.max))], so every item is predicted "
                + (threshold > range.max ? "negative" : "positive"))
        }
        if inputs.missing > 0, hasScore, plan.spec.missing == .countAsWrong {
            inputs.notes.append("items without a prediction were ranked last for the ranking metrics (roc_auc, average_precision)")
        }
        return inputs
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
        /// Sorts the scores on the second core (merged into `state.scores` at the end).
        let sorter = BackgroundScoreSorter()
        var positive: Int32
        var scoreRange = (min: Double.infinity, max: -Double.infinity)
        var truths: [Int32] = []
        var predictions: [Int32] = []
        var scores: [Double] = []
        var positives: [Bool] = []
        var rowCells: [Int32] = []
        /// Each item's truth and prediction, when `cells.recordOutcomes`.
        var outcomes = ItemOutcomes(evaluation: "", groundTruthSHA256: "", labels: [])
        var columns: (truth: Int, label: Int?, score: Int?, names: [String]) = (0, nil, nil, [])

        init(evaluation: SingleTargetEvaluation, labels: LabelReader, cells: SliceCells<ClassificationState>) {
            isBinary = evaluation.isBinary
            hasScore = evaluation.hasScore
            positiveLabel = evaluation.positiveLabel
            threshold = evaluation.plan.options.threshold
            target = evaluation.target
            self.labels = labels
            self.cells = cells
            positive = labels.vocabulary.index(of: evaluation.positiveLabel) ?? -1
        }

        var closed: Bool { isBinary && labels.vocabulary.count >= 2 }

        mutating func beginBatch(columns names: [String]) {
            guard names != columns.names else { return }
            columns = (names.firstIndex(of: target.truthColumn) ?? 0, target.labelColumn.flatMap { names.firstIndex(of: $0) },
                       target.scoreColumn.flatMap { names.firstIndex(of: $0) }, names)
        }

        mutating func readTruth(_ decoder: FieldDecoder, _ row: Int) throws -> Int32 {
            return try labels.classIndex(decoder, row, columns.truth, isTruth: true, closed: closed)
        }

        mutating func pair(_ truth: Int32, cell: Int32, item: Int, _ decoder: FieldDecoder, _ row: Int) throws {
            var score = Double.nan
            if let column = columns.score {
                score = try decoder.score(row, column)
                if score < scoreRange.min { scoreRange.min = score }
                if score > scoreRange.max { scoreRange.max = score }
            }
            let predicted: Int32
            if let column = columns.label {
                predicted = try labels.classIndex(decoder, row, column, isTruth: false, closed: closed)
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
            if cells.recordOutcomes { outcomes.set(row: item, truth: truth, predicted: predicted, cell: cell) }
        }

        mutating func missingTruth(_ truth: Int32, cell: Int32, item: Int) {
            truths.append(truth)
            predictions.append(-1)
            rowCells.append(cell)
            if cells.recordOutcomes { outcomes.set(row: item, truth: truth, predicted: ItemOutcomes.noPrediction, cell: cell) }
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
        hasScore ? cell.resampledWithScores(using: &generator) : nil
    }

    /// Metrics that need the scores: ROC AUC, AP and the operating points.
    var rankMetrics: Set<String> {
        hasScore ? Set(["roc_auc", "average_precision"] + plan.options.operatingPoints.flatMap(\.metricKeys)) : []
    }

    func compute(_ state: ClassificationState) -> ComputedMetrics {
        let vocabulary = context.labels.vocabulary
        var state = state
        state.ensureClassCount(max(vocabulary.count, isBinary ? 2 : 1))
        var labels = vocabulary.labels
        if isBinary && labels.count < 2 { labels.append(positiveLabel == "1" ? "0" : "not \(positiveLabel)") }
        let config = ClassificationConfig(
            labels: labels, positive: isBinary ? vocabulary.index(of: positiveLabel).map(Int.init) : nil,
            zeroDivision: plan.options.zeroDivision, beta: plan.options.beta,
            operatingPoints: plan.options.operatingPoints,
            threshold: target.labelColumn == nil ? plan.options.threshold : nil)
        var computed = ClassificationMetrics.compute(state, config)
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
