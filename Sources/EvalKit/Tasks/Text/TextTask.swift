import EvalKitData

/// Task kind `text`: recognised strings (licence plates, OCR lines) against their reference text;
/// exact match, character error rate and character accuracy, checked against jiwer
/// (docs/metrics.md, "Text").
///
/// The manifest's `columns.label` is the reference text column; predictions name their text
/// column with `"text"`. Both are normalised by the scheme's options (`TextOptions`) before they
/// are compared.
public struct TextTask: TaskKind {
    public static let name = "text"
    public static let summary = "plate and OCR strings: exact match, character error rate, character accuracy (jiwer's definitions)"
    public static var catalog: MetricCatalog { TextCatalog.catalog }
    /// Predictions name their text column (`text`); the manifest's `label` is the reference text.
    public static let surface = SchemeSurface(
        predictionKeys: ["text"], optionKeys: TextOptions.keys, manifest: ManifestSurface(kind: name, columnKeys: []),
        roles: ["ground_truth", "predictions", "metadata"], formats: [.csv, .jsonl],
        predictionsHint: "a text evaluation names its predicted text column with \"text\"")

    public static func plan(_ spec: EvaluationSpec) throws -> any EvaluationTask {
        TextEvaluation(plan: try TextPlan.make(spec))
    }
}

/// The checked inputs of a text evaluation.
struct TextPlan {
    var spec: EvaluationSpec
    var normalization: TextNormalization
    /// Reference text column of the ground truth.
    var truthColumn: String
    /// Predicted text column.
    var textColumn: String
    var join: TabularJoin

    static func make(_ spec: EvaluationSpec) throws -> TextPlan {
        var reader = NodeReader(file: spec.schemeFile)
        let manifest = spec.dataset
        let predictions = spec.predictions.node
        guard let truth = manifest.groundTruth else {
            throw InputError(file: manifest.manifestPath ?? spec.schemeFile, message: "the dataset has no ground_truth file")
        }
        if manifest.isMultilabel || manifest.labelColumns.count != 1 {
            throw InputError(file: manifest.manifestPath ?? spec.schemeFile, field: "columns",
                             message: "a text dataset names one reference text column, \"columns\": {\"label\": ...}",
                             hint: "\"labels\" (several columns) is for multilabel classification")
        }
        let predictionId = reader.string(predictions["id"], "id", in: predictions) ?? manifest.idColumn
        let textColumn = reader.string(predictions["text"], "text", in: predictions, required: true)
        let normalization = TextOptions.read(spec.options, reader: &reader)
        try reader.check()
        let predictionsEntry = manifest.files.first {
            $0.role == "predictions" && canonicalPath($0.resolvedPath) == canonicalPath(spec.predictions.resolvedPath)
        }
        let truthColumn = manifest.labelColumns[0]
        let join = TabularJoin(
            truth: truth, predictions: spec.predictions, truthIdColumn: manifest.idColumn, predictionIdColumn: predictionId,
            truthColumns: [truthColumn], predictionColumns: [textColumn!],
            attributes: spec.slicing.attributes, metadata: manifest.files.first { $0.role == "metadata" },
            missing: spec.missing, extra: spec.extra, predictionsEntry: predictionsEntry)
        if join.sameFile && textColumn == truthColumn {
            throw InputError(file: spec.schemeFile, line: predictions["text"]?.line, column: predictions["text"]?.column,
                             path: predictions["text"]?.path ?? "predictions.text",
                             message: "the predicted text column is the reference column \(quoted(truthColumn)) of the same file")
        }
        try join.checkColumns()
        return TextPlan(spec: spec, normalization: normalization, truthColumn: truthColumn, textColumn: textColumn!, join: join)
    }
}

/// A text evaluation: one `TextState` per slice cell.
struct TextEvaluation: EvaluationTask {
    typealias State = TextState
    let plan: TextPlan

    var availableMetrics: [String] { TextMetrics.metricNames }
    var catalog: MetricCatalog { TextTask.catalog }

    func makeState() -> TextState { TextState() }

    func accumulate(into cells: inout SliceCells<TextState>) throws -> InputsRead {
        var consumer = Consumer(plan: plan, cells: cells)
        var inputs = try plan.join.run(&consumer, progress: cells.progress, shard: cells.shard, threads: cells.threads)
        swap(&cells, &consumer.cells)
        cells.keys = inputs.cellKeys
        cells.ensure(inputs.cellKeys.count - 1)
        if inputs.missing > 0 && plan.spec.missing == .countAsWrong {
            inputs.notes.append(InputNote("an item without a prediction counts as the deletion of every reference character "
                + "and is not an exact match"))
        }
        if consumer.absentTexts > 0 {
            inputs.notes.append(InputNote(counting: consumer.absentTexts, "# prediction(s) had no text value (JSONL null or a missing key): "
                + "counted like items without a prediction (every reference character deleted, not an exact match)"))
        }
        return inputs
    }

    func compute(_ state: TextState) -> ComputedMetrics { TextMetrics.compute(state) }
    func itemCount(_ state: TextState) -> Int { Int(state.items) }
    func canonicalize(_ state: inout TextState) { state.canonicalize() }
    var replicatesMergedCells: Bool { true }

    func countReplicate(_ cells: [TextState], using generator: inout Xoshiro256StarStar) -> [TextState]? {
        TextState.resampledCounts(cells, using: &generator)
    }

    /// Reads joined rows: each reference is normalised once into `arena` (the ground-truth
    /// records are ranges of it), each prediction when it is paired.
    struct Consumer: JoinConsumer {
        typealias Truth = Range<Int>
        var cells: SliceCells<TextState>
        var comparison: TextComparison
        let normalization: TextNormalization
        let truthColumn: String
        let textColumn: String
        /// With one file, references are used right after they are read: the arena is emptied
        /// after each batch. With two, it holds every reference until the predictions are read.
        let sameFile: Bool
        var arena: [Unicode.Scalar] = []
        var columns: (truth: Int, text: Int, names: [String]) = (-1, -1, [])
        var absentTexts = 0

        init(plan: TextPlan, cells: SliceCells<TextState>) {
            self.cells = cells
            normalization = plan.normalization
            comparison = TextComparison(normalization: plan.normalization)
            truthColumn = plan.truthColumn
            textColumn = plan.textColumn
            sameFile = plan.join.sameFile
        }

        mutating func beginBatch(columns names: [String]) {
            guard names != columns.names else { return }
            columns = (names.firstIndex(of: truthColumn) ?? -1, names.firstIndex(of: textColumn) ?? -1, names)
        }

        mutating func readTruth(_ decoder: FieldDecoder, _ row: Int) throws -> Range<Int> {
            let column = columns.truth
            if decoder.batch.isAbsent(row, column) {
                throw decoder.error(row, column, expected: "a reference text (a string; \"\" for an empty one)", found: "no value")
            }
            let start = arena.count
            let normalization = self.normalization
            decoder.batch.withField(row, column) { normalization.apply(utf8: $0, into: &arena) }
            if arena.count - start > TextComparison.maximumCharacters {
                throw decoder.error(row, column, expected: Self.limitDescription,
                                    found: "a reference of \(arena.count - start) characters")
            }
            return start..<arena.count
        }

        mutating func pair(_ truth: Range<Int>, cell: Int32, item: Int, _ decoder: FieldDecoder, _ row: Int) throws {
            let column = columns.text
            if decoder.batch.isAbsent(row, column) {
                absentTexts += 1
                add(EditCounts(deletions: truth.count), missing: true, cell: cell)
                return
            }
            var counts: EditCounts?
            let references = arena
            references.withUnsafeBufferPointer { all in
                decoder.batch.withField(row, column) { text in
                    counts = comparison.boundedCounts(normalizedReference: UnsafeBufferPointer(rebasing: all[truth]),
                                                      hypothesisUTF8: text)
                }
            }
            guard let counts else {
                throw decoder.error(row, column, expected: Self.limitDescription,
                                    found: "a text of \(comparison.hypothesisCharacters) characters")
            }
            add(counts, missing: false, cell: cell)
        }

        /// The `expected` part of the message for a text over `TextComparison.maximumCharacters`.
        static let limitDescription = "at most \(TextComparison.maximumCharacters) characters after normalisation "
            + "(the longest text the edit distance aligns; docs/performance.md)"

        mutating func missingTruth(_ truth: Range<Int>, cell: Int32, item: Int) {
            add(EditCounts(deletions: truth.count), missing: true, cell: cell)
        }

        mutating func add(_ counts: EditCounts, missing: Bool, cell: Int32) {
            let index = Int(cell)
            cells.ensure(index)
            cells.states[index].add(counts, missing: missing)
        }

        mutating func endBatch() {
            if sameFile { arena.removeAll(keepingCapacity: true) }
        }

        /// A fork shares the references read so far (two files: every ground-truth record).
        func fork() -> Self {
            var copy = self
            copy.cells = cells.emptied()
            copy.absentTexts = 0
            return copy
        }

        mutating func absorb(_ forks: [Self]) throws {
            for fork in forks {
                cells.mergeStates(fork.cells.states)
                absentTexts += fork.absentTexts
            }
        }
    }
}
