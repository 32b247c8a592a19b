import CSimdjson

/// What a fault reported by the simdjson shim concerns: the file, the array read and its fields.
struct FastJSONErrorContext {
    var file: String
    var member: String? = nil
    var fields: [JSONFieldRequest] = []
}

extension InputError {
    /// The error for a fault the shim reported, placed by its byte offset in `bytes` (the file):
    /// line and column, JSON path (`annotations[12].bbox`), field, expected and found.
    init(_ error: CSJError, context: FastJSONErrorContext, bytes: UnsafeBufferPointer<UInt8>) {
        let text = withUnsafeBytes(of: error.text) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let field = error.field >= 0 ? context.fields[Int(error.field)] : nil
        let parent = error.parent ? field?.path.key : nil
        let element = error.index >= 0 ? "\(context.member ?? "")[\(error.index)]" : context.member
        let path = field.map { "\(element ?? "").\(parent ?? $0.name)" } ?? element
        let key = parent ?? field.map { $0.path.child ?? $0.name } ?? context.member ?? ""
        var offset = Int(error.offset)
        let found: String? = switch error.found {
        case CSJ_FOUND_STRING: quoted(text)
        case CSJ_FOUND_TOKEN: text
        case CSJ_FOUND_ARRAY: field == nil || parent != nil ? "an array" : shortened(text)
        case CSJ_FOUND_OBJECT: "an object"
        default: nil
        }

        self.init(file: context.file, path: path, field: field?.name, found: found)
        switch error.status {
        case CSJ_UNREADABLE:
            message = "cannot read the file: \(text)"
        case CSJ_EMPTY:
            message = "file is empty, expected a JSON value"
        case CSJ_NOT_UTF8:
            offset = bytes.baseAddress.flatMap { findInvalidUTF8($0, count: bytes.count) } ?? -1
            message = offset < 0 ? "file is not valid UTF-8"
                : "file is not valid UTF-8 at byte offset \(offset) (\(describeInvalidUTF8(bytes.baseAddress! + offset, available: bytes.count - offset)))"
        case CSJ_MALFORMED:
            message = "not valid JSON" + (offset >= 0 ? " at byte offset \(offset)" : "") + " (simdjson: \(text))"
        case CSJ_NOT_JSON_NUMBER:
            message = text == "NaN"
                ? "NaN is not a JSON number (Python's json writes NaN for a float nan): a coordinate or score is missing"
                : "\(text) is not a JSON number (Python's json writes \(text) for a float \(text == "Infinity" ? "inf" : "-inf")): a coordinate or score is infinite"
        case CSJ_WRONG_ROOT:
            self.path = nil
            expected = context.member == nil ? "an array at the root" : "an object at the root"
        case CSJ_WRONG_TYPE:
            expected = parent != nil ? "an object" : field?.expected ?? (error.index >= 0 ? "an object" : "an array")
        case CSJ_NOT_INTEGER:
            expected = "an integer"
        case CSJ_OUT_OF_RANGE:
            expected = field?.kind == .integer ? "an integer from \(Int64.min) to \(Int64.max)" : "a number within the range of a double"
        case CSJ_NO_MEMBER:
            self.path = nil
            expected = "an array \(quoted(key))"
            self.found = "an object without that key"
        case CSJ_MISSING_KEY:
            message = "missing required key \(quoted(key))"
            hint = "expected " + (parent != nil ? "an object" : field?.expected ?? "a value")
        default: // CSJ_DUPLICATE_KEY
            message = "found a second \(quoted(key)) key"
        }
        if offset >= 0 {
            (line, column) = lineAndColumn(of: offset, in: bytes)
        }
    }
}

/// The 1-based line and column (in bytes, a byte order mark not counted) of a byte offset.
func lineAndColumn(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int) {
    var line = 1
    var lineStart = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    for i in 0..<min(offset, bytes.count) where bytes[i] == UInt8(ascii: "\n") {
        line += 1
        lineStart = i + 1
    }
    return (line, offset - lineStart + 1)
}

/// JSON text found in a file, cut for an error message.
private func shortened(_ text: String, limit: Int = 60) -> String {
    text.count > limit ? String(text.prefix(limit)) + "…" : text
}
