import CSimdjson
import Foundation

/// A JSON file parsed with simdjson's on-demand API, for large machine-written files (COCO ground
/// truth and results): arrays of objects are read in one pass straight into columns.
///
/// What is checked: the file is UTF-8; the array read, its objects and the requested values are
/// checked fully. Other members and keys are skipped by their brackets, not checked in detail.
/// Duplicate keys: a requested key (or the requested member of the root) that appears twice in
/// one object is an error (`found a second "bbox" key`); other keys are not checked for
/// duplicates. Every error is an `InputError` naming the file, line:column and JSON path.
///
/// The file is opened once and read once, front to back, into simdjson's buffer (so pipes, FIFOs
/// and standard input work); its SHA-256 is computed from that buffer on a background thread
/// while simdjson indexes it (`sha256`), or with one thread (`--threads 1`) on the calling
/// thread when first asked.
///
/// Holds one simdjson parser: use a document from one thread at a time.
public final class FastJSONDocument {
    private let handle: OpaquePointer
    private let display: String
    private let digest: BufferDigest

    /// Reads and indexes the file at `path` (`-`: standard input); `display` is the path as the
    /// user named it, for errors. Reading reports its bytes to `progress`; `threads.isParallel`:
    /// the bytes are hashed on a helper thread.
    public init(path: String, display: String, progress: ProgressReporter = .off, threads: Threads = .available) throws {
        let fd = try openFileForReading(path: path, displayPath: display) // missing, a directory, not permitted
        defer { close(fd) }
        let size = regularFileSize(fd)
        // A regular file's size (+1 to see the end without growing); a pipe starts at 1 MiB and doubles.
        guard let handle = csj_new(max(Int(size ?? 0) + 1, 1 << 20)) else {
            throw InputError(file: display, message: "not enough memory to read the file")
        }
        var length = 0
        do {
            while true {
                var capacity = 0
                let buffer = csj_buffer(handle, &capacity)!
                if length == capacity {
                    guard csj_grow(handle, 2 * capacity, length) else {
                        throw InputError(file: display, message: "not enough memory to read the file (\(length) bytes read)")
                    }
                    continue
                }
                let got = read(fd, buffer + length, min(capacity - length, 8 << 20))
                if got < 0 {
                    if errno == EINTR { continue }
                    throw InputError(file: display, message: "cannot read the file: \(systemErrorText(errno))")
                }
                if got == 0 { break }
                length += got
                progress.report("reading " + display, done: Int64(length), total: size, unit: .bytes)
            }
        } catch {
            csj_close(handle)
            throw error
        }
        var capacity = 0
        digest = BufferDigest(UnsafeRawBufferPointer(start: csj_buffer(handle, &capacity), count: length), background: threads.isParallel)
        var error = CSJError()
        guard csj_parse(handle, length, &error) else {
            var count = 0
            let failure = InputError(error, context: FastJSONErrorContext(file: display),
                                     bytes: UnsafeBufferPointer(start: csj_bytes(handle, &count), count: length))
            digest.finish()
            csj_close(handle)
            throw failure
        }
        self.handle = handle
        self.display = display
    }

    deinit {
        digest.finish() // the hashing thread reads the document's bytes
        csj_close(handle)
    }

    /// Lowercase hex SHA-256 of the file's bytes (waits for the background hashing).
    public var sha256: String { digest.value() }

    /// Whether the root is an array (a COCO results file) rather than an object.
    public var rootIsArray: Bool { csj_root_is_array(handle) }

    /// Whether the root object has this member.
    public func hasMember(_ name: String) -> Bool { csj_has_member(handle, name) }

    /// The array at the root (`member` nil) or the root object's member (e.g. `"annotations"`),
    /// whose elements must be objects, read into columns; throws an `InputError` for the first
    /// fault. At most 64 fields, each named once; a key cannot be requested both whole and as the
    /// parent of a dotted field.
    public func objectArray(member: String?, fields: [JSONFieldRequest]) throws -> JSONObjectColumns {
        let paths = fields.map(\.path)
        precondition(fields.count <= 64, "at most 64 fields")
        precondition(Set(fields.map(\.name)).count == fields.count, "a field is requested twice")
        precondition(!paths.contains { whole in whole.child == nil && paths.contains { $0.child != nil && $0.key == whole.key } },
                     "a key is requested both whole and as the parent of a dotted field")
        let context = FastJSONErrorContext(file: display, member: member, fields: fields)
        var error = CSJError()
        let count = Int(csj_count(handle, member, &error))
        guard count >= 0 else { throw inputError(error, context) }

        let optional = fields.indices.filter { !fields[$0].required }
        let specs: [ColumnBufferSpec] = fields.map { field in
            switch field.kind {
            case .integer: .integers(count: count, absent: .min)
            case .number: .doubles(count: count, absent: .nan)
            case .box: .doubles(count: 4 * count, absent: .nan)
            case .text: .integers(count: 2 * count, absent: -1) // (start, length) in the shim's text bytes
            }
        } + optional.map { _ in .flags(count: count) }
        let keys = paths.map { strdup($0.key) }
        let children = paths.map { $0.child.flatMap { strdup($0) } }
        defer { (keys + children).forEach { free($0) } }

        let buffers = try withColumnBuffers(specs[...]) { addresses in
            var cFields = fields.indices.map { i in
                CSJField(key: keys[i], child: children[i], kind: fields[i].kind.shimKind, required: fields[i].required,
                         values: addresses[i], present: nil)
            }
            for (j, i) in optional.enumerated() {
                cFields[i].present = addresses[fields.count + j]?.assumingMemoryBound(to: Bool.self)
            }
            guard csj_read(handle, member, cFields, cFields.count, Int64(count), &error) else {
                throw inputError(error, context)
            }
        }

        var columns = JSONObjectColumns(count: count, integers: [:], numbers: [:], boxes: [:], texts: [:],
                                        present: optional.isEmpty ? nil : [:], extraKeys: extraKeys())
        for (i, field) in fields.enumerated() {
            switch (field.kind, buffers[i]) {
            case (.integer, .integers(let values)): columns.integers[field.name] = values
            case (.number, .doubles(let values)): columns.numbers[field.name] = values
            case (.box, .doubles(let values)): columns.boxes[field.name] = values
            case (.text, .integers(let spans)): columns.texts[field.name] = texts(spans)
            default: preconditionFailure("a column buffer of another kind")
            }
        }
        for (j, i) in optional.enumerated() {
            if case .flags(let flags) = buffers[fields.count + j] { columns.present?[fields[i].name] = flags }
        }
        return columns
    }

    /// The strings of a text field from its (start, length) pairs; start -1 is nil.
    private func texts(_ spans: [Int64]) -> [String?] {
        var length = 0
        let bytes = UnsafeRawPointer(csj_text_bytes(handle, &length)!).assumingMemoryBound(to: UInt8.self)
        return stride(from: 0, to: spans.count, by: 2).map { j in
            spans[j] < 0 ? nil
                : String(decoding: UnsafeBufferPointer(start: bytes + Int(spans[j]), count: Int(spans[j + 1])), as: UTF8.self)
        }
    }

    private func extraKeys() -> Set<String> {
        Set((0..<csj_extra_key_count(handle)).map { String(cString: csj_extra_key(handle, $0)) })
    }

    private func inputError(_ error: CSJError, _ context: FastJSONErrorContext) -> InputError {
        var count = 0
        let bytes = csj_bytes(handle, &count)
        return InputError(error, context: context, bytes: UnsafeBufferPointer(start: bytes, count: count))
    }
}

extension JSONFieldRequest.Kind {
    var shimKind: CSJKind {
        switch self {
        case .integer: CSJ_INTEGER
        case .number: CSJ_NUMBER
        case .box: CSJ_BOX
        case .text: CSJ_TEXT
        }
    }
}

/// SHA-256 of bytes: computed on a background thread started at once, or (`background` false) on
/// the calling thread when first asked.
final class BufferDigest: @unchecked Sendable {
    private let condition = NSCondition()
    private let bytes: UncheckedBytes
    private let background: Bool
    private var hex: String?

    /// Starts hashing `bytes` (`background`), which must stay valid and unchanged until
    /// `finish()` or `value()` returned.
    init(_ bytes: UnsafeRawBufferPointer, background: Bool) {
        self.bytes = UncheckedBytes(bytes: bytes)
        self.background = background
        guard background else { return }
        let thread = Thread { [self] in
            let digest = Self.hash(self.bytes.bytes)
            condition.lock()
            hex = digest
            condition.broadcast()
            condition.unlock()
        }
        thread.name = "evalkit-digest"
        thread.start()
    }

    private static func hash(_ bytes: UnsafeRawBufferPointer) -> String {
        var hasher = StreamingSHA256()
        hasher.update(bytes)
        return hasher.hex()
    }

    /// The lowercase hex digest (waits for the background thread, or hashes now).
    func value() -> String {
        condition.lock()
        defer { condition.unlock() }
        if !background && hex == nil { hex = Self.hash(bytes.bytes) }
        while hex == nil { condition.wait() }
        return hex!
    }

    /// Waits until no thread reads the bytes any more (hashes nothing that was not started).
    func finish() {
        if background { _ = value() }
    }
}

/// Bytes handed to the hashing thread (read-only while it runs).
private struct UncheckedBytes: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer
}
