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

    var catalog: MetricCatalog { ClassificationTask.catalog }

    var availableMetrics: [String] {
        MultilabelMetrics.metricNames(hasScores: hasScores, beta: plan.options.beta != nil)
    }

    func makeState() -> MultilabelState {
        MultilabelState(targetCount: plan.targets.count, keepsScores: hasScores)
    }

    func accumulate(into cells: inout SliceCells<MultilabelState>) throws -> InputsRead {
        if hasScores != plan.targets.contains(where: { $0.scoreColumn != nil }) {
            throw InputError(file: plan.spec.schemeFile, line: plan.spec.predictions.node.line,
                             path: plan.spec.predictions.node.childPath("targets"),
                             message: "give a score column for every target or for none")
        }
        var consumer = Consumer(targets: plan.targets, positive: Array(positive.utf8), negative: Array(negative.utf8),
                                threshold: plan.options.threshold ?? 0.5, hasScores: hasScores, cells: cells)
        let inputs = try plan.join.run(&consumer, progress: cells.progress, shard: cells.shard, threads: cells.threads)
        swap(&cells, &consumer.cells)
        cells.keys = inputs.cellKeys
        cells.ensure(inputs.cellKeys.count - 1)
        if hasScores {
            for cell in cells.states.indices { cells.states[cell].compactScoreRows() }
        }
        return inputs
    }

    /// Reads joined rows: one indicator per target, from label columns or thresholded scores.
    struct Consumer: JoinConsumer {
        let targets: [ClassificationPlan.Target]
        let positive: [UInt8]
        let negative: [UInt8]
        let threshold: Double
        let hasScores: Bool
        var cells: SliceCells<MultilabelState>
        var names: [String] = []
        var truthColumns: [Int] = []
        var labelColumns: [Int?] = []
        var scoreColumns: [Int?] = []
        var predicted: [Int32]
        var scores: [Double]

        init(targets: [ClassificationPlan.Target], positive: [UInt8], negative: [UInt8], threshold: Double,
             hasScores: Bool, cells: SliceCells<MultilabelState>) {
            self.targets = targets
            self.positive = positive
            self.negative = negative
            self.threshold = threshold
            self.hasScores = hasScores
            self.cells = cells
            predicted = [Int32](repeating: 0, count: targets.count)
            scores = [Double](repeating: 0, count: targets.count)
        }

        mutating func beginBatch(columns names: [String]) {
            guard names != self.names else { return }
            self.names = names
            truthColumns = targets.map { names.firstIndex(of: $0.truthColumn) ?? 0 }
            labelColumns = targets.map { t in t.labelColumn.flatMap { names.firstIndex(of: $0) } }
            scoreColumns = targets.map { t in t.scoreColumn.flatMap { names.firstIndex(of: $0) } }
        }

        /// 1 for the positive value, 0 for the negative one.
        func indicator(_ decoder: FieldDecoder, _ row: Int, _ column: Int) throws -> Int32 {
            let expected = "\(quoted(String(decoding: negative, as: UTF8.self))) or \(quoted(String(decoding: positive, as: UTF8.self)))"
            try decoder.requireText(row, column, what: expected)
            let value: Int32? = decoder.batch.withField(row, column) { bytes in
                if bytes.elementsEqual(positive) { return 1 }
                if bytes.elementsEqual(negative) { return 0 }
                return nil
            }
            guard let value else { throw decoder.error(row, column, expected: expected, found: decoder.found(row, column)) }
            return value
        }

        mutating func readTruth(_ decoder: FieldDecoder, _ row: Int) throws -> [Int32] {
            return try truthColumns.map { try indicator(decoder, row, $0) }
        }

        mutating func pair(_ truth: [Int32], cell: Int32, item: Int, _ decoder: FieldDecoder, _ row: Int) throws {
            for j in 0..<targets.count {
                if let column = scoreColumns[j] { scores[j] = try decoder.score(row, column) }
                if let column = labelColumns[j] {
                    predicted[j] = try indicator(decoder, row, column)
                } else {
                    predicted[j] = scores[j] >= threshold ? 1 : 0
                }
            }
            cells.ensure(Int(cell))
            cells.states[Int(cell)].addRow(truth: truth, predicted: predicted, scores: hasScores ? scores : nil)
        }

        mutating func missingTruth(_ truth: [Int32], cell: Int32, item: Int) {
            let worst = truth.map { $0 == 1 ? -Double.infinity : .infinity }
            cells.ensure(Int(cell))
            cells.states[Int(cell)].addRow(truth: truth, predicted: [Int32](repeating: -1, count: targets.count), scores: hasScores ? worst : nil)
        }

        mutating func endBatch() {}

        func fork() -> Self {
            var copy = self
            copy.cells = cells.emptied()
            return copy
        }

        mutating func absorb(_ forks: [Self]) throws {
            for fork in forks { cells.mergeStates(fork.cells.states) }
        }
    }

    /// Count metrics: rows drawn whole (all targets jointly) through the outcome-pattern counts.
    func countReplicate(_ cells: [MultilabelState], using generator: inout Xoshiro256StarStar) -> [MultilabelState]? {
        MultilabelState.resampledCounts(cells, using: &generator)
    }

    /// Score metrics: a Poisson bootstrap of the rows, one weight per row in every target.
    func rankReplicate(_ cell: MultilabelState, using generator: inout Xoshiro256StarStar) -> MultilabelState? {
        hasScores ? cell.poissonResampledScores(using: &generator) : nil
    }

    var rankMetrics: Set<String> {
        hasScores ? ["roc_auc_macro", "roc_auc_micro", "average_precision_macro", "average_precision_micro"] : []
    }

    func itemCount(_ state: MultilabelState) -> Int { Int(state.rowCount) }
    var replicatesMergedCells: Bool { true }
    func canonicalize(_ state: inout MultilabelState) { state.canonicalize() }

    func compute(_ state: MultilabelState) -> ComputedMetrics {
        MultilabelMetrics.compute(state, config)
    }

    /// The overall values alone: a replicate draws no curves and no per-target rows.
    func replicateMetrics(_ state: MultilabelState) -> MetricValues {
        MultilabelMetrics.compute(state, config, summaryOnly: true).metrics
    }

    private var config: ClassificationConfig {
        ClassificationConfig(
            labels: plan.targets.map(\.truthColumn), positive: 1, zeroDivision: plan.options.zeroDivision,
            beta: plan.options.beta, operatingPoints: [], threshold: plan.options.threshold)
    }
}
