/// A Python literal as written in a `.npy` header: the header is the `repr` of a dict such as
/// `{'descr': '<f4', 'fortran_order': False, 'shape': (20000, 512), }`.
///
/// Only the forms a header can hold are read: strings (`'…'` or `"…"`, optionally prefixed `u` or
/// `b`), integers (a Python 2 `L` suffix is allowed), `True`, `False`, `None`, tuples, lists and
/// dicts with string keys. `(5)` is the integer 5, as in Python; `(5,)` is a tuple. Nothing is
/// evaluated.
indirect enum PythonLiteral {
    case string(String)
    case integer(Int)
    case boolean(Bool)
    case none
    case tuple([PythonLiteral])
    case list([PythonLiteral])
    /// Members in header order (keys are unique: the parser rejects duplicates).
    case dict([(key: String, value: PythonLiteral)])

    /// The literal in Python's `repr` form, for error messages: `(3, 4)`, `'<f8'`, `True`.
    var text: String {
        switch self {
        case .string(let s): return "'" + s + "'"
        case .integer(let n): return String(n)
        case .boolean(let b): return b ? "True" : "False"
        case .none: return "None"
        case .tuple(let items):
            return "(" + items.map(\.text).joined(separator: ", ") + (items.count == 1 ? ",)" : ")")
        case .list(let items): return "[" + items.map(\.text).joined(separator: ", ") + "]"
        case .dict(let members):
            return "{" + members.map { "'\($0.key)': \($0.value.text)" }.joined(separator: ", ") + "}"
        }
    }
}

/// Where and why a header failed to parse: `offset` is the byte offset in the header text.
struct PythonLiteralError: Error {
    var offset: Int
    var expected: String
    var found: String
}

/// A recursive-descent reader of one `PythonLiteral` filling a whole text (surrounding spaces,
/// tabs and newlines allowed). Bytes of strings are decoded as Latin-1 (`.npy` 1.0 and 2.0) or
/// UTF-8 (3.0).
struct PythonLiteralParser {
    private let bytes: [UInt8]
    private let utf8: Bool
    private var index = 0
    private var depth = 0
    private static let maxDepth = 32

    static func parse(_ bytes: [UInt8], utf8: Bool) throws(PythonLiteralError) -> PythonLiteral {
        var parser = PythonLiteralParser(bytes: bytes, utf8: utf8)
        parser.skipSpace()
        let value = try parser.value()
        parser.skipSpace()
        if parser.index < bytes.count { throw parser.failure(expected: "the end of the header") }
        return value
    }

    private init(bytes: [UInt8], utf8: Bool) {
        self.bytes = bytes
        self.utf8 = utf8
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private func failure(expected: String) -> PythonLiteralError {
        let found: String
        if let byte = current {
            found = byte >= 0x20 && byte < 0x7F ? quoted(String(Character(Unicode.Scalar(byte))))
                : "byte 0x" + String(byte, radix: 16)
        } else {
            found = "the end of the header"
        }
        return PythonLiteralError(offset: index, expected: expected, found: found)
    }

    private mutating func skipSpace() {
        while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
    }

    /// Consumes `byte` (after spaces) when it is next.
    private mutating func accept(_ byte: UInt8) -> Bool {
        skipSpace()
        guard current == byte else { return false }
        index += 1
        return true
    }

    private mutating func value() throws(PythonLiteralError) -> PythonLiteral {
        skipSpace()
        guard let byte = current else { throw failure(expected: "a value") }
        switch byte {
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            return .string(try string())
        case UInt8(ascii: "u"), UInt8(ascii: "b"):
            guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "'") || bytes[index + 1] == UInt8(ascii: "\"") else {
                throw failure(expected: "a value")
            }
            index += 1
            return .string(try string())
        case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .integer(try integer())
        case UInt8(ascii: "T"), UInt8(ascii: "F"), UInt8(ascii: "N"):
            for (word, literal) in [("True", PythonLiteral.boolean(true)), ("False", .boolean(false)), ("None", .none)]
            where bytes[index...].starts(with: word.utf8) {
                let end = index + word.utf8.count
                if end < bytes.count, isNameByte(bytes[end]) { break }
                index = end
                return literal
            }
            throw failure(expected: "a value (True, False, None, a string, a number, a tuple, a list or a dict)")
        case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
            depth += 1
            defer { depth -= 1 }
            guard depth <= Self.maxDepth else { throw failure(expected: "at most \(Self.maxDepth) nested brackets") }
            index += 1
            if byte == UInt8(ascii: "{") { return try dict() }
            return try sequence(closing: byte == UInt8(ascii: "(") ? UInt8(ascii: ")") : UInt8(ascii: "]"))
        default:
            throw failure(expected: "a value (True, False, None, a string, a number, a tuple, a list or a dict)")
        }
    }

    private func isNameByte(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
    }

    /// A quoted string; `\\`, `\'`, `\"`, `\n` and `\t` are unescaped, other escapes kept as written.
    private mutating func string() throws(PythonLiteralError) -> String {
        let quote = bytes[index]
        index += 1
        var content: [UInt8] = []
        while true {
            guard let byte = current, byte != 0x0A else { throw failure(expected: "the closing quote of a string") }
            index += 1
            if byte == quote { break }
            if byte == UInt8(ascii: "\\"), let next = current {
                index += 1
                switch next {
                case UInt8(ascii: "n"): content.append(0x0A)
                case UInt8(ascii: "t"): content.append(0x09)
                case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""): content.append(next)
                default: content += [byte, next]
                }
                continue
            }
            content.append(byte)
        }
        if utf8 { return String(decoding: content, as: UTF8.self) }
        var text = ""
        text.unicodeScalars.append(contentsOf: content.map { Unicode.Scalar($0) })
        return text
    }

    /// A decimal integer with an optional sign and an optional `L` suffix.
    private mutating func integer() throws(PythonLiteralError) -> Int {
        let start = index
        var negative = false
        if current == UInt8(ascii: "-") || current == UInt8(ascii: "+") {
            negative = current == UInt8(ascii: "-")
            index += 1
        }
        var magnitude = 0
        var digits = 0
        while let byte = current, byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
            let (times, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
            if o1 || o2 {
                index = start
                throw failure(expected: "an integer below 2^63")
            }
            magnitude = sum
            digits += 1
            index += 1
        }
        guard digits > 0 else { throw failure(expected: "a digit") }
        if current == UInt8(ascii: "L") || current == UInt8(ascii: "l") { index += 1 }
        if let byte = current, isNameByte(byte) || byte == UInt8(ascii: ".") {
            throw failure(expected: "an integer (digits only)")
        }
        return negative ? -magnitude : magnitude
    }

    /// The items of a tuple or list up to `closing`; a trailing comma is allowed. `(x)` without a
    /// comma is `x` itself.
    private mutating func sequence(closing: UInt8) throws(PythonLiteralError) -> PythonLiteral {
        var items: [PythonLiteral] = []
        var sawComma = false
        while true {
            if accept(closing) { break }
            items.append(try value())
            if accept(UInt8(ascii: ",")) {
                sawComma = true
                continue
            }
            guard accept(closing) else {
                throw failure(expected: "',' or '\(Character(Unicode.Scalar(closing)))'")
            }
            break
        }
        if closing == UInt8(ascii: "]") { return .list(items) }
        if items.count == 1 && !sawComma { return items[0] }
        return .tuple(items)
    }

    /// The members of a dict up to `}`; keys are strings, a trailing comma is allowed.
    private mutating func dict() throws(PythonLiteralError) -> PythonLiteral {
        var members: [(key: String, value: PythonLiteral)] = []
        while true {
            if accept(UInt8(ascii: "}")) { break }
            skipSpace()
            let keyStart = index
            guard case .string(let key) = try value() else {
                index = keyStart
                throw failure(expected: "a string key")
            }
            if members.contains(where: { $0.key == key }) {
                throw PythonLiteralError(offset: keyStart, expected: "each key once", found: "'\(key)' a second time")
            }
            guard accept(UInt8(ascii: ":")) else { throw failure(expected: "':' after the key '\(key)'") }
            members.append((key, try value()))
            if accept(UInt8(ascii: ",")) { continue }
            guard accept(UInt8(ascii: "}")) else { throw failure(expected: "',' or '}'") }
            break
        }
        return .dict(members)
    }
}
