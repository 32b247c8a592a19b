import EvalKitData

/// Joins a ground-truth table and a predictions table by id and streams the joined rows, for
/// tasks whose items are table rows (classification, text).
///
/// - Same file (the predictions are columns of the ground-truth file): one pass; ids are checked
///   for duplicates only.
/// - Two files: the ground truth is read first and kept as one `Truth` record per row, indexed by
///   id (`IdIndex`); then the predictions are streamed and each is paired with its truth row.
///   Duplicate ids (in either file), ids absent from the truth (`extra`) and truth rows without a
///   prediction (`missing`) follow the scheme's policies, and are counted in `InputsRead`.
///
/// The callbacks read fields through a `FieldDecoder`; columns are looked up by name in
/// `decoder.batch.columns` (the same names as `truthColumns` / `predictionColumns`).
struct TabularJoin {
    var truth: DatasetManifest.File
    var predictions: PredictionsSpec
    var truthIdColumn: String
    var predictionIdColumn: String
    var truthColumns: [String]
    var predictionColumns: [String]
    /// Attributes that define the slice cells: columns of the ground-truth file, or of `metadata`.
    var attributes: [String] = []
    /// A file of per-item attributes joined by id (the manifest's `metadata` file), when the
    /// attributes are not in the ground-truth file.
    var metadata: DatasetManifest.File?
    var missing: MissingPolicy
    var extra: ExtraPolicy
    /// The manifest's entry for the predictions file, when the manifest lists it (its sha256 is checked).
    var predictionsEntry: DatasetManifest.File?

    var sameFile: Bool { canonicalPath(predictions.resolvedPath) == canonicalPath(truth.resolvedPath) }

    /// The readers opened by `checkColumns`, kept for `run`: each file is opened and read once.
    let opened = OpenedFiles()
    final class OpenedFiles {
        var truth: OpenedTable?
        var predictions: OpenedTable?
    }

    /// Opens the files to check that every column exists (CSV headers), and keeps them open for
    /// `run`.
    func checkColumns() throws {
        let truthColumns = unique([truthIdColumn] + truthColumns + (metadata == nil ? attributes : [])
            + (sameFile ? predictionColumns : []))
        opened.truth = try OpenedTable(path: truth.resolvedPath, displayPath: truth.displayPath) { [truth] in
            try openTable(path: truth.resolvedPath, displayPath: truth.displayPath,
                          format: truth.format ?? tableFormat(forPath: truth.path) ?? .csv, csv: truth.csv, columns: truthColumns)
        }
        if !sameFile {
            let columns = unique([predictionIdColumn] + predictionColumns)
            opened.predictions = try OpenedTable(path: predictions.resolvedPath, displayPath: predictions.displayPath) { [predictions] in
                try openTable(path: predictions.resolvedPath, displayPath: predictions.displayPath, format: predictions.format,
                              csv: predictions.csv, columns: columns)
            }
        }
    }

    func openTruth() throws -> any TabularSource {
        if opened.truth == nil { try checkColumns() }
        return try opened.truth!.take()
    }

    func openPredictions() throws -> any TabularSource {
        if opened.predictions == nil { try checkColumns() }
        return try opened.predictions!.take()
    }

    /// Streams the joined rows into `consumer`; each file's reading reports to `progress`. With
    /// a `shard`, every row is read (ids checked, truth decoded, cells assigned, so every shard
    /// has the same cells and ground-truth vocabulary) but only the shard's items are paired.
    ///
    /// With several `threads`, the rows of each batch are paired on worker threads, each into
    /// its own fork of `consumer`, and the forks are absorbed at the end (`TabularJoin+Threads`).
    func run<Consumer: JoinConsumer>(_ consumer: inout Consumer, progress: ProgressReporter = .off,
                                     shard: ShardSpec? = nil, threads: Threads = .one) throws -> InputsRead {
        var cells = AttributeCells(attributes: attributes)
        var metadataCells: MetadataCells?
        if let metadata, !attributes.isEmpty { metadataCells = try readMetadata(metadata, cells: &cells, progress: progress) }
        let start = (cells: cells, consumer: consumer.fork())
        var inputs: InputsRead
        do {
            inputs = try join(&consumer, cells: &cells, metadata: metadataCells, progress: progress, shard: shard, threads: threads)
        } catch is ParallelJoinFailed {
            // Read again on one thread, from the start: its first error is the one to report.
            opened.truth = nil
            opened.predictions = nil
            (cells, consumer) = start
            metadataCells?.unmatched = 0
            inputs = try join(&consumer, cells: &cells, metadata: metadataCells, progress: progress, shard: shard,
                              threads: Threads(1, batchRows: threads.batchRows))
        }
        let reportsWholeInputs = shard?.reportsWholeInputs ?? true
        if let metadataCells {
            inputs.files.append(metadataCells.digest)
            if metadataCells.unmatched > 0 && reportsWholeInputs {
                inputs.notes.append(InputNote(counting: metadataCells.unmatched, "# item(s) have no row in the metadata file "
                    + "\(metadataCells.digest.path); their attributes count as \(quoted(AttributeCells.missingValue))"))
            }
        }
        inputs.cellKeys = cells.keys
        if reportsWholeInputs { inputs.notes += cells.notes }
        return inputs
    }

    /// The slice cell of every metadata row, indexed by id.
    final class MetadataCells {
        var index = IdIndex()
        var cells: [Int32] = []
        var digest = InputsRead.FileDigest(role: "metadata", path: "", sha256: "", rows: 0)
        var unmatched = 0
    }

    /// Reads the metadata file: id and attribute columns, one slice cell per row.
    private func readMetadata(_ file: DatasetManifest.File, cells: inout AttributeCells, progress: ProgressReporter) throws -> MetadataCells {
        let source = try openTable(path: file.resolvedPath, displayPath: file.displayPath,
                                   format: file.format ?? tableFormat(forPath: file.path) ?? .csv, csv: file.csv,
                                   columns: unique([truthIdColumn] + attributes))
        source.reportProgress(to: progress)
        let result = MetadataCells()
        var batch = FieldBatch(columns: source.selectedColumns)
        while try source.nextBatch(&batch, capacity: Threads.one.batchRows) {
            let decoder = FieldDecoder(source: source, batch: batch)
            cells.beginBatch(columns: batch.columns)
            for row in 0..<batch.count {
                try decoder.requireText(row, 0, what: "an id")
                if batch.withField(row, 0, { result.index.insert($0, row: Int32(result.cells.count)) }) != nil {
                    throw InputError(file: source.displayPath, line: batch.line(row), field: batch.columns[0],
                                     message: "duplicate id \(quoted(batch.string(row, 0))) in the metadata file")
                }
                result.cells.append(cells.cell(batch, row))
            }
        }
        result.digest = .init(role: "metadata", path: source.displayPath, sha256: try digest(source, expected: file),
                              rows: result.cells.count)
        return result
    }

    /// The slice cell of a ground-truth row: from its own columns, or its metadata row by id.
    @inline(__always)
    private func cell(_ batch: FieldBatch, _ row: Int, cells: inout AttributeCells, metadata: MetadataCells?) -> Int32 {
        guard let metadata else { return cells.cell(batch, row) }
        if let found = batch.withField(row, 0, { metadata.index.lookup($0) }) { return metadata.cells[Int(found)] }
        metadata.unmatched += 1
        return cells.missingCell()
    }

    private func join<Consumer: JoinConsumer>(_ consumer: inout Consumer, cells: inout AttributeCells,
                                              metadata: MetadataCells?, progress: ProgressReporter,
                                              shard: ShardSpec?, threads: Threads) throws -> InputsRead {
        typealias Truth = Consumer.Truth
        var inputs = InputsRead()
        if sameFile {
            let source = try openTruth()
            source.reportProgress(to: progress)
            var ids = IdSet()
            var rows = 0
            var paired = 0
            try stream(source, &consumer, threads: threads, process: Self.readAndPair) { batch, work in
                let decoder = FieldDecoder(source: source, batch: batch)
                cells.beginBatch(columns: batch.columns)
                work.base = rows
                for row in 0..<batch.count {
                    try decoder.requireText(row, 0, what: "an id")
                    if !batch.withField(row, 0, { ids.insert($0) }) {
                        throw duplicate(decoder, row, firstLine: firstLine(of: batch.string(row, 0)))
                    }
                    work.cells.append(cell(batch, row, cells: &cells, metadata: metadata))
                    let included = shard.map { shard in batch.withField(row, 0, { shard.contains(key: UnsafeRawBufferPointer($0)) }) } ?? true
                    work.paired.append(included)
                    if included { paired += 1 }
                    work.rows += 1
                }
                rows += batch.count
            }
            let sha = try digest(source, expected: truth)
            if rows == 0 { throw InputError(file: source.displayPath, message: "no data rows, expected at least one") }
            inputs.files = [.init(role: "ground_truth", path: source.displayPath, sha256: sha, rows: rows)]
            inputs.items = paired
            inputs.matched = paired
            return inputs
        }

        let truthSource = try openTruth()
        truthSource.reportProgress(to: progress)
        if !threads.isParallel { truthSource.readOnCallingThread() }
        var ids = IdIndex()
        var records: [Truth] = []
        var recordCells: [Int32] = []
        var lines: [Int32] = []
        /// With a shard: whether each truth row is one of its items.
        var inShard: [Bool] = []
        var batch = FieldBatch(columns: truthSource.selectedColumns)
        while try truthSource.nextBatch(&batch, capacity: threads.batchRows) {
            let decoder = FieldDecoder(source: truthSource, batch: batch)
            consumer.beginBatch(columns: batch.columns)
            cells.beginBatch(columns: batch.columns)
            for row in 0..<batch.count {
                try decoder.requireText(row, 0, what: "an id")
                if let first = batch.withField(row, 0, { ids.insert($0, row: Int32(records.count)) }) {
                    throw duplicate(decoder, row, firstLine: Int(lines[Int(first)]))
                }
                records.append(try consumer.readTruth(decoder, row))
                recordCells.append(cell(batch, row, cells: &cells, metadata: metadata))
                lines.append(Int32(truncatingIfNeeded: batch.line(row)))
                if let shard { inShard.append(batch.withField(row, 0, { shard.contains(key: UnsafeRawBufferPointer($0)) })) }
            }
        }
        let truthSHA = try digest(truthSource, expected: truth)
        if records.isEmpty { throw InputError(file: truthSource.displayPath, message: "no data rows, expected at least one") }
        inputs.items = shard == nil ? records.count : inShard.lazy.filter { $0 }.count

        let source = try openPredictions()
        source.reportProgress(to: progress)
        var seenLine = [Int32](repeating: 0, count: records.count)
        var predictionRows = 0
        let truthRecords = TruthRecords(records: records, cells: recordCells)
        try stream(source, &consumer, threads: threads, process: { consumer, work in
            try Self.pairWithTruth(&consumer, work, truth: truthRecords)
        }) { batch, work in
            let decoder = FieldDecoder(source: source, batch: batch)
            for row in 0..<batch.count {
                try decoder.requireText(row, 0, what: "an id")
                work.rows = row + 1
                if let shard, !batch.withField(row, 0, { shard.contains(key: UnsafeRawBufferPointer($0)) }) { continue }
                guard let found = batch.withField(row, 0, { ids.lookup($0) }) else {
                    if extra == .ignore {
                        inputs.extra += 1
                        continue
                    }
                    throw InputError(file: source.displayPath, line: batch.line(row), field: batch.columns[0],
                                     message: "id \(quoted(batch.string(row, 0))) is not in the ground truth (\(truthSource.displayPath))",
                                     hint: "set \"extra\": \"ignore\" in the scheme to leave such predictions out")
                }
                let truthRow = Int(found)
                if seenLine[truthRow] != 0 { throw duplicate(decoder, row, firstLine: Int(seenLine[truthRow])) }
                seenLine[truthRow] = Int32(truncatingIfNeeded: batch.line(row))
                work.pairs.append((Int32(row), Int32(truthRow)))
                inputs.matched += 1
            }
            predictionRows += batch.count
        }
        let predictionSHA = try digest(source, expected: predictionsEntry)
        inputs.files = [
            .init(role: "ground_truth", path: truthSource.displayPath, sha256: truthSHA, rows: records.count),
            .init(role: "predictions", path: source.displayPath, sha256: predictionSHA, rows: predictionRows),
        ]
        if inputs.extra > 0 {
            inputs.notes.append(InputNote(counting: inputs.extra, "# prediction(s) with ids not in the ground truth were left out (extra: ignore)"))
        }
        let missingRows = seenLine.indices.filter { seenLine[$0] == 0 && (shard == nil || inShard[$0]) }
        inputs.missing = missingRows.count
        guard !missingRows.isEmpty else { return inputs }
        switch missing {
        case .error:
            let examples = missingRows.prefix(5).map { "line \(lines[$0])" }.joined(separator: ", ")
            throw InputError(file: truthSource.displayPath, field: truthIdColumn,
                             message: "\(missingRows.count) ground-truth id(s) have no prediction in \(source.displayPath) (\(examples))",
                             hint: "set \"missing\": \"count_as_wrong\" or \"ignore\" in the scheme to allow this")
        case .countAsWrong:
            for row in missingRows { consumer.missingTruth(records[row], cell: recordCells[row], item: row) }
            consumer.endBatch()
            inputs.notes.append(InputNote(counting: missingRows.count, "# ground-truth item(s) had no prediction and were counted as wrong (missing: count_as_wrong)"))
        case .ignore:
            inputs.notes.append(InputNote(counting: missingRows.count, "# ground-truth item(s) had no prediction and were left out (missing: ignore)"))
        }
        return inputs
    }

    private func duplicate(_ decoder: FieldDecoder, _ row: Int, firstLine: Int?) -> InputError {
        InputError(file: decoder.displayPath, line: decoder.batch.line(row), field: decoder.batch.columns[0],
                   message: "duplicate id \(quoted(decoder.batch.string(row, 0))) "
                       + (firstLine.map { "(first on line \($0))" } ?? "(met earlier in the file)"))
    }

    /// The line where `id` first occurs in the ground-truth file, read again to report a
    /// duplicate (the one-file join keeps one bit per id, not its line); nil for standard input.
    private func firstLine(of id: String) -> Int? {
        guard truth.resolvedPath != standardInputPath,
              let source = try? openTable(path: truth.resolvedPath, displayPath: truth.displayPath,
                                          format: truth.format ?? tableFormat(forPath: truth.path) ?? .csv, csv: truth.csv,
                                          columns: [truthIdColumn]) else { return nil }
        let wanted = Array(id.utf8)
        var batch = FieldBatch(columns: source.selectedColumns)
        while (try? source.nextBatch(&batch, capacity: Threads.one.batchRows)) == true {
            for row in 0..<batch.count where batch.withField(row, 0, { $0.elementsEqual(wanted) }) { return batch.line(row) }
        }
        return nil
    }

    /// The digest of a fully read source, checked against the manifest's record when there is one.
    private func digest(_ source: any TabularSource, expected file: DatasetManifest.File?) throws -> String {
        guard let actual = source.sha256 else { throw InternalError("reader gave no sha256 at end of file") }
        try file?.checkDigest(actual, displayPath: source.displayPath)
        return actual
    }
}

/// What a task does with joined rows. A struct passed `inout`, so the hot loop has no closure
/// captures and no dynamic exclusivity checks.
protocol JoinConsumer {
    associatedtype Truth
    /// Called before the rows of each batch (of either file) with its column names, so column
    /// positions are looked up once per batch, not per row.
    mutating func beginBatch(columns: [String])
    /// Decodes a ground-truth row into a record.
    mutating func readTruth(_ decoder: FieldDecoder, _ row: Int) throws -> Truth
    /// Called for each prediction row with its truth record, the truth row's slice cell and its
    /// index in ground-truth order (`item`).
    mutating func pair(_ truth: Truth, cell: Int32, item: Int, _ decoder: FieldDecoder, _ row: Int) throws
    /// Called for each truth record without a prediction under `missing: count_as_wrong`.
    mutating func missingTruth(_ truth: Truth, cell: Int32, item: Int)
    /// Called after each batch of pairs (to flush batched updates).
    mutating func endBatch()
    /// A consumer for another thread's batches: the same options and what this one has learnt
    /// so far (vocabulary, ground-truth records), with empty states.
    func fork() -> Self
    /// Takes in the states and findings of consumers forked from this one after they read
    /// their batches, merging by name. Throws (leaving `self` unchanged) when they cannot merge
    /// as one reading would (e.g. a binary task's forks met three labels between them); the
    /// join then reads again on one thread, which reports the error where one reading would.
    mutating func absorb(_ forks: [Self]) throws
}

func unique(_ names: [String]) -> [String] {
    var seen = Set<String>()
    return names.filter { seen.insert($0).inserted }
}

/// A fault in evalkit itself (exit status 3), never the user's input.
public struct InternalError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
