/// Reads selected keys of a JSONL file (one JSON object per line) as a stream of `FieldBatch`es.
///
/// Each non-blank line must be one JSON object (RFC 8259; whitespace around it allowed, CRLF line
/// ends too); blank lines are skipped and a UTF-8 byte order mark is dropped. The selected keys
/// are the columns: a string value becomes its unescaped text (`\uXXXX` and surrogate pairs
/// included), a number its literal text, `true`/`false` that text; `null` or a missing key makes
/// the field absent (`FieldBatch.isAbsent`). Members that are not selected are checked for syntax
/// and skipped, nested or not.
///
/// Rejected, each as an `InputError` naming the file, the line and the byte column in it:
/// malformed JSON, a line that is not an object, a selected value that is an object or array, a
/// selected key twice in one object, invalid UTF-8, and a file with no object at all.
///
/// The file is read in chunks by a background thread that also hashes it (`sha256`, set after the
/// last batch); memory does not grow with the number of lines.
public final class JSONLReader: TabularSource {
    public let displayPath: String
    public let selectedColumns: [String]
    public var sha256: String? { stream.sha256 }

    public var totalBytes: Int64? { stream.totalBytes }

    public func readOnCallingThread() { stream.readOnCallingThread() }

    public func reportProgress(to reporter: ProgressReporter) {
        stream.progress = reporter
        reporter.report("reading " + displayPath, done: stream.bytesRead, total: stream.totalBytes, unit: .bytes)
    }

    private let stream: HashedChunkStream
    private let parser: JSONLineParser
    private var position = 0
    private var line = 1
    private var records = 0
    private var finished = false
    private var seen: [Bool]

    /// Opens `path`. `columns` are the keys to select, in batch order; they must be distinct.
    public convenience init(path: String, displayPath: String, columns: [String]) throws {
        try self.init(path: path, displayPath: displayPath, columns: columns, chunkSize: 8 << 20,
                      carrySize: 256 << 10)
    }

    /// The designated initializer; tests use small chunks to exercise chunk boundaries.
    init(path: String, displayPath: String, columns: [String], chunkSize: Int, carrySize: Int) throws {
        precondition(Set(columns).count == columns.count, "selected keys must be distinct")
        self.displayPath = displayPath
        selectedColumns = columns
        parser = JSONLineParser(keys: columns)
        seen = [Bool](repeating: false, count: columns.count)
        stream = try HashedChunkStream(path: path, displayPath: displayPath, chunkSize: chunkSize,
                                       carrySize: carrySize)
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
        if bounds.count < capacity * stride {
            bounds.append(contentsOf: repeatElement(0, count: capacity * stride - bounds.count))
        }
        if lines.count < capacity {
            lines.append(contentsOf: repeatElement(0, count: capacity - lines.count))
        }

        var segmentStart = position
        while rows < capacity {
            let lineStart = position
            let lineEnd = findByte(0x0A, in: stream.bytes, from: lineStart, to: stream.count)
            if lineEnd == stream.count {
                if stream.atEOF && lineStart == stream.count {
                    finished = true
                    break
                }
                if !stream.atEOF {
                    copySegment(from: segmentStart, to: lineStart, into: &bytes)
                    try stream.refill(keepingFrom: lineStart)
                    position = 0
                    segmentStart = 0
                    continue
                }
                // The last line has no newline; the stream's sentinel LF ends it.
            }
            if stream.firstInvalidUTF8 < lineEnd {
                throw invalidUTF8InputError(stream: stream, at: stream.firstInvalidUTF8, rowStart: lineStart, rowLine: line)
            }
            let delta = bytes.count - segmentStart
            let isRecord: Bool
            do {
                isRecord = try bounds.withUnsafeMutableBufferPointer { b in
                    try seen.withUnsafeMutableBufferPointer { s in
                        try parser.parse(stream.bytes, start: lineStart, end: lineEnd, row: b.baseAddress! + rows * stride,
                                         delta: delta, seen: s.baseAddress!)
                    }
                }
            } catch let fault as JSONFault {
                throw inputError(fault, lineStart: lineStart, lineEnd: lineEnd)
            }
            if isRecord {
                lines[rows] = line
                rows += 1
                records += 1
            }
            line += 1
            position = min(lineEnd + 1, stream.count)
        }
        copySegment(from: segmentStart, to: position, into: &bytes)
        if finished && records == 0 {
            throw InputError(file: displayPath, message: "file is empty, expected one JSON object per line")
        }
        return rows > 0
    }

    private func copySegment(from start: Int, to end: Int, into bytes: inout [UInt8]) {
        guard end > start else { return }
        bytes.append(contentsOf: UnsafeBufferPointer(start: stream.bytes + start, count: end - start))
    }

    /// `file:3:17: field "score": expected a string, number or boolean, found an object`, or
    /// `file:3:9: malformed JSON: expected ',' or '}' after a member, found "x"`.
    private func inputError(_ fault: JSONFault, lineStart: Int, lineEnd: Int) -> InputError {
        var message = fault.message
        var found = fault.found
        if let text = message, let what = found, fault.expected == nil {
            message = "\(text): \(what)"
            found = nil
        }
        if fault.syntax {
            message = "malformed JSON" + (message.map { ": \($0)" } ?? "")
        }
        return InputError(file: displayPath, line: line, column: fault.offset - lineStart + 1, field: fault.field,
                          expected: fault.expected, found: found, message: message)
    }
}
