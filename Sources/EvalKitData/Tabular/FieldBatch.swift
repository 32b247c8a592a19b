/// A batch of rows from a tabular file (CSV or JSONL), holding only the selected columns.
///
/// Field bytes live in one contiguous buffer; each field is a (start, end) pair into it, so a
/// batch of a million rows costs three allocations, not a million strings. A field that is absent
/// (a JSONL key that is missing or `null`) has `start == -1`. Consumers read fields as raw bytes
/// (`withField`), or convert them (`string`, `double`).
public struct FieldBatch: Sendable {
    /// Names of the selected columns, in selection order.
    public let columns: [String]
    /// Number of rows in the batch.
    public private(set) var count: Int = 0
    @usableFromInline internal var bytes: [UInt8] = []
    /// `bounds[2 * (row * columns.count + column)]` is the start, `+1` the end.
    @usableFromInline internal var bounds: [Int] = []
    @usableFromInline internal var lines: [Int] = []

    public init(columns: [String]) {
        self.columns = columns
    }

    /// 1-based line number of a row in its file (the header is line 1 of a CSV file).
    @inlinable public func line(_ row: Int) -> Int { lines[row] }

    /// Whether the field is absent (JSONL key missing or null). CSV fields are never absent;
    /// an empty CSV field is present and empty.
    @inlinable public func isAbsent(_ row: Int, _ column: Int) -> Bool {
        bounds[2 * (row * columns.count + column)] < 0
    }

    /// Calls `body` with the field's bytes (empty for an absent field).
    @inlinable
    public func withField<R>(
        _ row: Int, _ column: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R
    ) rethrows -> R {
        let index = 2 * (row * columns.count + column)
        let start = bounds[index]
        if start < 0 { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        let end = bounds[index + 1]
        return try bytes.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[start..<end]))
        }
    }

    /// The field as a String (UTF-8 was validated by the reader); "" for an absent field.
    public func string(_ row: Int, _ column: Int) -> String {
        withField(row, column) { String(decoding: $0, as: UTF8.self) }
    }

    /// Empties the batch, keeping its storage for the next one.
    public mutating func removeAll() {
        count = 0
        bytes.removeAll(keepingCapacity: true)
        bounds.removeAll(keepingCapacity: true)
        lines.removeAll(keepingCapacity: true)
    }

    // MARK: Building (readers)

    /// Moves the storage out for a reader that fills it through pointers (no copy-on-write while
    /// the batch still holds it); `restoreStorage` puts it back trimmed to the rows filled.
    public mutating func takeStorage() -> (bytes: [UInt8], bounds: [Int], lines: [Int]) {
        defer {
            bytes = []
            bounds = []
            lines = []
        }
        return (bytes, bounds, lines)
    }

    /// Puts back storage taken with `takeStorage`, keeping `rows` rows of `stride` bounds each.
    public mutating func restoreStorage(_ bytes: [UInt8], _ bounds: [Int], _ lines: [Int], rows: Int, stride: Int) {
        self.bytes = bytes
        self.bounds = bounds
        self.lines = lines
        self.bounds.removeLast(self.bounds.count - rows * stride)
        self.lines.removeLast(self.lines.count - rows)
        count = rows
    }

    /// Starts a new row that begins on `line`; its fields follow with `appendField`.
    public mutating func beginRow(line: Int) {
        lines.append(line)
        count += 1
    }

    /// Appends the next field of the current row.
    @inlinable
    public mutating func appendField(_ field: UnsafeBufferPointer<UInt8>) {
        let start = bytes.count
        bytes.append(contentsOf: field)
        bounds.append(start)
        bounds.append(bytes.count)
    }

    /// Appends the next field of the current row from a byte array (e.g. an unescaped string).
    public mutating func appendField(_ field: [UInt8]) {
        field.withUnsafeBufferPointer { appendField($0) }
    }

    /// Appends an absent field to the current row.
    public mutating func appendAbsentField() {
        bounds.append(-1)
        bounds.append(-1)
    }
}
