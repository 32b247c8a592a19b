import EvalKitData

/// Reading typed values out of a batch's fields, with errors that name the file, line and column.
struct FieldDecoder {
    /// The file's path as the user named it (for messages).
    let displayPath: String
    let batch: FieldBatch

    init(source: any TabularSource, batch: FieldBatch) {
        displayPath = source.displayPath
        self.batch = batch
    }

    init(displayPath: String, batch: FieldBatch) {
        self.displayPath = displayPath
        self.batch = batch
    }

    func error(_ row: Int, _ column: Int, expected: String, found: String) -> InputError {
        InputError(file: displayPath, line: batch.line(row), field: batch.columns[column],
                   expected: expected, found: found)
    }

    /// Describes a field's content for the `found` part of a message.
    func found(_ row: Int, _ column: Int) -> String {
        if batch.isAbsent(row, column) { return "no value" }
        let text = batch.string(row, column)
        return text.isEmpty ? "an empty field" : quoted(text)
    }

    /// The field's bytes, which must be non-empty.
    @inline(__always)
    func requireText(_ row: Int, _ column: Int, what: String) throws {
        if batch.isAbsent(row, column) || batch.withField(row, column, { $0.isEmpty }) {
            throw error(row, column, expected: what, found: found(row, column))
        }
    }

    /// A finite score.
    @inline(__always)
    func score(_ row: Int, _ column: Int) throws -> Double {
        let value = batch.withField(row, column) { parseDouble($0) }
        guard let value else { throw error(row, column, expected: "a number", found: found(row, column)) }
        guard value.isFinite else { throw error(row, column, expected: "a finite number", found: found(row, column)) }
        return value
    }
}
