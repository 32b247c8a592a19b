/// Reads selected columns of a CSV file (RFC 4180) as a stream of `FieldBatch`es.
///
/// The first non-blank row is the header (column names). Rows are parsed by the rules of
/// `parseRowSlow` (see there): quoted fields with `""` escapes and embedded delimiters and
/// newlines, LF or CRLF line ends, a final row without a newline. Leniency, as in Python's `csv`:
/// a `"` inside an unquoted field is a literal character, bytes after a closing quote are kept,
/// and blank lines are skipped. Line numbers are physical lines: a row whose quoted field spans two
/// lines takes the line where it starts, and the next row's line counts both.
///
/// Rejected, each as an `InputError` naming the file and line: an empty file (no header row), a
/// selected column the header lacks (with a did-you-mean hint and the header's columns) or names
/// twice, a row whose field count differs from the header's, invalid UTF-8 anywhere in the file
/// (selected columns or not), and a quote still open at end of file.
///
/// The file is read in 8 MiB chunks on a background thread that also computes its SHA-256
/// (`sha256`, set after the last batch); memory does not grow with the number of rows.
/// Fields are found 64 bytes at a time (word-parallel matching) and copied in bulk: no per-field
/// allocation (see `scan`).
public final class CSVReader: TabularSource {
    public let displayPath: String
    public let selectedColumns: [String]
    /// Every column name of the header, in file order.
    public let header: [String]
    /// The line of the header row (1 unless blank lines precede it).
    public let headerLine: Int
    public var sha256: String? { stream.sha256 }

    public var totalBytes: Int64? { stream.totalBytes }

    public func readOnCallingThread() { stream.readOnCallingThread() }

    public func reportProgress(to reporter: ProgressReporter) {
        stream.progress = reporter
        reporter.report("reading " + displayPath, done: stream.bytesRead, total: stream.totalBytes, unit: .bytes)
    }

    let stream: HashedChunkStream
    let delimiter: UInt8
    /// `slots[i]` is the batch column of file column `i`, or -1 when it is not selected.
    let slots: [Int]
    /// `slotOffsets[i]` is where file column `i` goes in a row's bounds (`2 * slot`), or the dummy
    /// place past the row for a column not selected; one extra entry (the dummy) for fields beyond
    /// the header's count.
    let slotOffsets: [Int]
    /// Offset of the next `"` at or after `position` (or `count` for none), -1 when unknown.
    var quoteHint = -1
    /// Next unparsed offset in the stream's window, and its physical line.
    var position: Int
    var line: Int
    var finished = false
    /// Quoted fields of the current row that need unescaping in place (rare): batch column,
    /// start (the opening quote) and end of the raw field.
    var pending: [(slot: Int, start: Int, end: Int)] = []

    /// Opens `path` and reads its header. `columns` are the names to select, in batch order; they
    /// must be distinct.
    public convenience init(path: String, displayPath: String, options: CSVOptions = CSVOptions(),
                            columns: [String]) throws {
        try self.init(path: path, displayPath: displayPath, options: options, selecting: { _ in columns },
                      chunkSize: 8 << 20, carrySize: 256 << 10)
    }

    /// Opens `path`, reads its header and selects the columns `select` picks given the header (in
    /// batch order, distinct): for callers whose columns depend on the header, so the file is
    /// still opened and read once.
    public convenience init(path: String, displayPath: String, options: CSVOptions = CSVOptions(),
                            selecting select: ([String]) -> [String]) throws {
        try self.init(path: path, displayPath: displayPath, options: options, selecting: select,
                      chunkSize: 8 << 20, carrySize: 256 << 10)
    }

    /// Tests use small chunks to exercise chunk boundaries.
    convenience init(path: String, displayPath: String, options: CSVOptions, columns: [String],
                     chunkSize: Int, carrySize: Int) throws {
        try self.init(path: path, displayPath: displayPath, options: options, selecting: { _ in columns },
                      chunkSize: chunkSize, carrySize: carrySize)
    }

    /// The designated initializer.
    init(path: String, displayPath: String, options: CSVOptions, selecting select: ([String]) -> [String],
         chunkSize: Int, carrySize: Int) throws {
        let d = options.delimiter
        guard d < 0x80, d != UInt8(ascii: "\""), d != 0x0A, d != 0x0D else {
            throw InputError(file: displayPath, field: "delimiter", expected: "one ASCII character other than a quote or a line end",
                             found: "byte 0x\(String(d, radix: 16))")
        }
        self.displayPath = displayPath
        self.delimiter = d
        stream = try HashedChunkStream(path: path, displayPath: displayPath, chunkSize: chunkSize,
                                       carrySize: carrySize)
        var position = 0
        var line = 1
        var names: [String] = []
        var headerLine = 1
        readHeader: while true {
            switch parseRowSlow(stream.bytes, count: stream.count, from: position, atEOF: stream.atEOF,
                                delimiter: d) {
            case .needMore:
                try stream.refill(keepingFrom: position)
                position = 0
            case .blank(let next):
                position = next
                line += 1
            case .end:
                throw InputError(file: displayPath, message: "file is empty, expected a header row")
            case .unterminated(let quoteOffset, _):
                let quoteLine = line + countNewlines(in: stream.bytes, from: position, to: quoteOffset)
                throw InputError(file: displayPath, line: quoteLine, message: "unterminated quoted field in the header row: the quote that opens it is never closed")
            case .row(let fields, let next, let newlines):
                if stream.firstInvalidUTF8 < next {
                    throw invalidUTF8InputError(stream: stream, at: stream.firstInvalidUTF8, rowStart: position, rowLine: line)
                }
                names = fields.map { String(decoding: $0, as: UTF8.self) }
                if names.contains(where: { $0.contains("\r") }) {
                    throw InputError(file: displayPath, line: line,
                                     message: "the header row holds a carriage return (CR): the file's lines end with CR alone (classic Mac OS)",
                                     hint: "convert the line ends to LF or CRLF (e.g. tr '\\r' '\\n')")
                }
                headerLine = line
                position = next
                line += newlines
                break readHeader
            }
        }
        let columns = select(names)
        precondition(Set(columns).count == columns.count, "selected columns must be distinct")
        self.selectedColumns = columns
        self.header = names
        self.headerLine = headerLine
        self.position = position
        self.line = line
        let slots = try selectColumns(columns, header: names, file: displayPath, headerLine: headerLine)
        self.slots = slots
        let dummy = 2 * columns.count
        self.slotOffsets = slots.map { $0 >= 0 ? 2 * $0 : dummy } + [dummy]
    }

    /// Fills `batch` with up to `capacity` rows; false (and an empty batch) at end of file.
    public func nextBatch(_ batch: inout FieldBatch, capacity: Int) throws -> Bool {
        precondition(capacity > 0, "capacity must be positive")
        precondition(batch.columns.count == selectedColumns.count, "the batch must have the selected columns")
        let stride = 2 * selectedColumns.count
        var (bytes, bounds, lines) = batch.takeStorage()
        var rows = 0
        defer { batch.restoreStorage(bytes, bounds, lines, rows: rows, stride: stride) }
        bytes.removeAll(keepingCapacity: true)
        if finished { return false }
        // Size the row arrays for a full batch (and the scanner's dummy row); they are written
        // through pointers, then trimmed.
        let boundsRoom = (capacity + 1) * stride + 2
        if bounds.count < boundsRoom {
            bounds.append(contentsOf: repeatElement(0, count: boundsRoom - bounds.count))
        }
        if lines.count < capacity {
            lines.append(contentsOf: repeatElement(0, count: capacity - lines.count))
        }
        while rows < capacity {
            let segmentStart = position
            let delta = bytes.count - segmentStart
            let result = try bounds.withUnsafeMutableBufferPointer { b in
                try lines.withUnsafeMutableBufferPointer { l in
                    try scan(maxRows: capacity - rows, bounds: b.baseAddress! + rows * stride,
                             lines: l.baseAddress! + rows, delta: delta)
                }
            }
            if result.segmentEnd > segmentStart {
                bytes.append(contentsOf: UnsafeBufferPointer(start: stream.bytes + segmentStart,
                                                             count: result.segmentEnd - segmentStart))
            }
            rows += result.rows
            switch result.outcome {
            case .full:
                break
            case .needMore:
                try stream.refill(keepingFrom: position)
                position = 0
                quoteHint = -1
            case .end:
                finished = true
                return rows > 0
            }
        }
        return true
    }
}

/// Maps header columns to batch columns; throws for selected names the header lacks or repeats.
func selectColumns(_ columns: [String], header: [String], file: String, headerLine: Int) throws -> [Int] {
    var slots = [Int](repeating: -1, count: header.count)
    var errors: [InputError] = []
    for (slot, name) in columns.enumerated() {
        let matches = header.indices.filter { header[$0] == name }
        if matches.isEmpty {
            errors.append(missingColumnError(name, header: header, file: file, line: headerLine))
        } else if matches.count > 1 {
            let where_ = matches.map { String($0 + 1) }.joined(separator: " and ")
            errors.append(InputError(file: file, line: headerLine, field: name,
                                     message: "the header names this column more than once (fields \(where_)), so it is ambiguous"))
        } else {
            slots[matches[0]] = slot
        }
    }
    if errors.count == 1 { throw errors[0] }
    if errors.count > 1 { throw InputErrors(errors) }
    return slots
}

/// `file:1: field "scroe": no such column (the header has: id, label, score); did you mean "score"?`
func missingColumnError(_ name: String, header: [String], file: String, line: Int) -> InputError {
    let shown = header.prefix(30).map { quoted($0) }.joined(separator: ", ")
    let more = header.count > 30 ? ", … (\(header.count) columns)" : ""
    return InputError(file: file, line: line, field: name,
                      message: "no such column (the header has: \(shown)\(more))",
                      hint: delimiterHint(header) ?? didYouMean(name, header))
}

/// A header read as one column that holds another common delimiter (`id;label;score`) was most
/// likely split with the wrong delimiter: name the likely one.
func delimiterHint(_ header: [String]) -> String? {
    guard header.count == 1 else { return nil }
    for (character, written) in [(";", ";"), ("\t", "\\t"), ("|", "|"), (",", ",")] where header[0].contains(character) {
        return "the header was read as one column; is the delimiter \(quoted(written))? "
            + "set \"delimiter\": \(quoted(written)) for this file (the scheme's predictions, or the manifest's file entry)"
    }
    return nil
}
