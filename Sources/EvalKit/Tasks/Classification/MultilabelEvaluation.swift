import EvalKitData

/// Multilabel attributes: several binary label columns evaluated at once, scikit-learn's
/// multilabel-indicator case (e.g. a face's eyeglasses / beard / hat / mask). Every label column
/// holds the `negative` or `positive` value ("0"/"1" by default); anything else is an error.
struct MultilabelEvaluation: EvaluationTask {
    typealias State = MultilabelState
    let plan: ClassificationPlan

    var hasScores: Bool { plan.targets.allSatisfy { $0.scoreColumn != nil } }
    var positive: String { plan.options.positive ?? "1" }
    var negative: String { plan.options.negative }

    var availableMetrics: [String] {
        MultilabelMetrics.metricNames(hasScores: hasScores, beta: plan.options.beta != nil)
    }

    func makeState() -> MultilabelState {
        MultilabelState(targetCount: plan.targets.count, keepsScores: hasScores)
    }

    /// 1 for the positive value, 0 for the negative one.
    func indicator(_ decoder: FieldDecoder, _ row: Int, _ column: Int) throws -> Int32 {
        try decoder.requireText(row, column, what: "\(quoted(negative)) or \(quoted(positive))")
        let positiveBytes = Array(positive.utf8)
        let negativeBytes = Array(negative.utf8)
        return try decoder.batch.withField(row, column) { bytes -> Int32 in
            if bytes.elementsEqual(positiveBytes) { return 1 }
            if bytes.elementsEqual(negativeBytes) { return 0 }
            throw decoder.error(row, column, expected: "\(quoted(negative)) or \(quoted(positive))",
                                found: decoder.found(row, column))
        }
    }

    func accumulate(into cells: inout SliceCells<MultilabelState>) throws -> InputsRead {
        let count = plan.targets.count
        if hasScores != plan.targets.contains(where: { $0.scoreColumn != nil }) {
            throw InputError(file: plan.spec.schemeFile, line: plan.spec.predictions.node.line,
                             path: plan.spec.predictions.node.childPath("targets"),
                             message: "give a score column for every target or for none")
        }
        var truthColumns: [Int] = []
        var labelColumns: [Int?] = []
        var scoreColumns: [Int?] = []
        var names: [String] = []
        func locate(_ decoder: FieldDecoder) {
            guard decoder.batch.columns != names else { return }
            names = decoder.batch.columns
            truthColumns = plan.targets.map { names.firstIndex(of: $0.truthColumn) ?? 0 }
            labelColumns = plan.targets.map { t in t.labelColumn.flatMap { names.firstIndex(of: $0) } }
            scoreColumns = plan.targets.map { t in t.scoreColumn.flatMap { names.firstIndex(of: $0) } }
        }
        var predicted = [Int32](repeating: 0, count: count)
        var scores = [Double](repeating: 0, count: count)
        let threshold = plan.options.threshold ?? 0.5
        return try plan.join.run(
            readTruth: { decoder, row -> [Int32] in
                locate(decoder)
                return try truthColumns.map { try indicator(decoder, row, $0) }
            },
            pair: { truth, decoder, row in
                locate(decoder)
                for j in 0..<count {
                    if let column = scoreColumns[j] { scores[j] = try decoder.score(row, column) }
                    if let column = labelColumns[j] {
                        predicted[j] = try indicator(decoder, row, column)
                    } else {
                        predicted[j] = scores[j] >= threshold ? 1 : 0
                    }
                }
                cells.states[0].addRow(truth: truth, predicted: predicted, scores: hasScores ? scores : nil)
            },
            missingTruth: { truth in
                let worst = truth.map { $0 == 1 ? -Double.infinity : .infinity }
                cells.states[0].addRow(truth: truth, predicted: [Int32](repeating: -1, count: count),
                                       scores: hasScores ? worst : nil)
            },
            endBatch: {})
    }

    func compute(_ state: MultilabelState) -> ComputedMetrics {
        let config = ClassificationConfig(
            labels: plan.targets.map(\.truthColumn), positive: 1, zeroDivision: plan.options.zeroDivision,
            beta: plan.options.beta, operatingPoints: [], threshold: plan.options.threshold)
        return MultilabelMetrics.compute(state, config)
    }
}
