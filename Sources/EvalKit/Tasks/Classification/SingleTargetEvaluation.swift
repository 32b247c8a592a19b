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
        context = LabelContext(vocabulary: vocabulary)
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
        ClassificationState(classCount: max(context.vocabulary.count, isBinary ? 2 : 1), keepsScores: hasScore)
    }

    func accumulate(into cells: inout SliceCells<ClassificationState>) throws -> InputsRead {
        var scoreRange = (min: Double.infinity, max: -Double.infinity)
        var truths: [Int32] = []
        var predictions: [Int32] = []
        var scores: [Double] = []
        var positives: [Bool] = []
        let positive = context.vocabulary.index(of: positiveLabel)
        var columns: (truth: Int, label: Int?, score: Int?, names: [String]) = (0, nil, nil, [])

        func flush() {
            cells.states[0].ensureClassCount(context.vocabulary.count)
            truths.withUnsafeBufferPointer { t in
                predictions.withUnsafeBufferPointer { p in cells.states[0].add(truth: t, predicted: p) }
            }
            if hasScore {
                scores.withUnsafeBufferPointer { s in
                    positives.withUnsafeBufferPointer { y in cells.states[0].addScores(s, positives: y) }
                }
            }
            truths.removeAll(keepingCapacity: true)
            predictions.removeAll(keepingCapacity: true)
            scores.removeAll(keepingCapacity: true)
            positives.removeAll(keepingCapacity: true)
        }
        func locate(_ decoder: FieldDecoder) {
            let names = decoder.batch.columns
            guard names != columns.names else { return }
            columns = (names.firstIndex(of: target.truthColumn) ?? 0, target.labelColumn.flatMap { names.firstIndex(of: $0) },
                       target.scoreColumn.flatMap { names.firstIndex(of: $0) }, names)
        }

        var inputs = try plan.join.run(
            readTruth: { decoder, row -> Int32 in
                locate(decoder)
                return try context.classIndex(decoder, row, columns.truth, isTruth: true, closed: isBinary && context.vocabulary.count >= 2)
            },
            pair: { truth, decoder, row in
                locate(decoder)
                var score = Double.nan
                if let column = columns.score {
                    score = try decoder.score(row, column)
                    scoreRange = (min(scoreRange.min, score), max(scoreRange.max, score))
                }
                let predicted: Int32
                if let column = columns.label {
                    predicted = try context.classIndex(decoder, row, column, isTruth: false,
                                                       closed: isBinary && context.vocabulary.count >= 2)
                } else {
                    predicted = score >= plan.options.threshold! ? positive! : negativeIndex()
                }
                truths.append(truth)
                predictions.append(predicted)
                if hasScore {
                    scores.append(score)
                    positives.append(truth == positive)
                }
            },
            missingTruth: { truth in
                truths.append(truth)
                predictions.append(-1)
                if hasScore {
                    // Counted as wrong: ranked below every negative, or above every positive.
                    scores.append(truth == positive ? -.infinity : .infinity)
                    positives.append(truth == positive)
                }
            },
            endBatch: flush)
        try context.checkPredictedLabels(column: target.labelColumn, except: isBinary ? positiveLabel : nil)
        if let threshold = plan.options.threshold, target.labelColumn == nil {
            if scoreRange.min <= scoreRange.max, threshold < scoreRange.min || threshold > scoreRange.max {
                inputs.notes.append("warning: threshold \(JSONOutput.format(threshold)) is outside the range of the scores "
                    + "[\(JSONOutput.format(scoreRange.min)), \(JSONOutput.format(scoreRange.max))], so every item is predicted "
                    + (threshold > scoreRange.max ? "negative" : "positive"))
            }
        }
        if inputs.missing > 0, hasScore, plan.spec.missing == .countAsWrong {
            inputs.notes.append("items without a prediction were ranked last for the ranking metrics (roc_auc, average_precision)")
        }
        return inputs
    }

    /// The negative class of a binary task: the label that is not positive, created as "0" when
    /// the truth has not shown one yet and the positive label is "1".
    func negativeIndex() -> Int32 {
        let positive = context.vocabulary.index(of: positiveLabel)!
        if context.vocabulary.count >= 2 { return positive == 0 ? 1 : 0 }
        return context.vocabulary.add(positiveLabel == "1" ? "0" : "not \(positiveLabel)")
    }

    func compute(_ state: ClassificationState) -> ComputedMetrics {
        let vocabulary = context.vocabulary
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
            computed.confusion = ConfusionTable(
                labels: order.map { confusion.labels[$0] },
                counts: order.map { t in order.map { p in confusion.counts[t][p] } })
        }
    }
}
