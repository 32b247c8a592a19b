/// A strict JSON parser (RFC 8259) for small documents (schemes, manifests) that keeps the line,
/// column and path of every value and rejects duplicate keys.
///
/// Foundation's `JSONSerialization` loses positions and silently keeps one of two duplicate keys;
/// a scheme author needs `scheme.json:12:5 (gates[0].min): expected a number, found "0.9"`.
/// Large inputs (COCO results) use the streaming readers instead.
public struct JSONParser {
    private let bytes: [UInt8]
    private let file: String
    private var index = 0
    private var line = 1
    private var lineStart = 0
    private var depth = 0
    private static let maxDepth = 256

    /// Parses a whole document; `file` names it in errors.
    public static func parse(_ bytes: [UInt8], file: String) throws -> JSONNode {
        var parser = JSONParser(bytes: bytes, file: file)
        return try parser.parseDocument()
    }

    private init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
    }

    private var column: Int { index - lineStart + 1 }

    private func error(_ message: String, expected: String? = nil, found: String? = nil) -> InputError {
        InputError(file: file, line: line, column: column, message: message)
            .with(expected: expected, found: found)
    }

    private mutating func parseDocument() throws -> JSONNode {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            index = 3
            lineStart = 3
        }
        guard validUTF8(bytes) else {
            throw InputError(file: file, message: "file is not valid UTF-8")
        }
        skipWhitespace()
        if index >= bytes.count {
            throw InputError(file: file, message: "file is empty, expected a JSON value")
        }
        let root = try parseValue(path: "")
        skipWhitespace()
        if index < bytes.count {
            throw error("unexpected content after the JSON value", expected: "end of file",
                        found: describeByte())
        }
        return root
    }

    private func validUTF8(_ bytes: [UInt8]) -> Bool {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }

    private func describeByte() -> String {
        guard index < bytes.count else { return "end of file" }
        let b = bytes[index]
        if b >= 0x20 && b < 0x7F { return "\"\(Character(Unicode.Scalar(b)))\"" }
        return "byte 0x\(String(b, radix: 16))"
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                index += 1
            case UInt8(ascii: "\n"):
                index += 1
                line += 1
                lineStart = index
            default:
                return
            }
        }
    }

    private mutating func parseValue(path: String) throws -> JSONNode {
        let startLine = line
        let startColumn = column
        guard index < bytes.count else {
            throw error("unexpected end of file", expected: "a JSON value", found: "end of file")
        }
        func node(_ value: JSONNode.Value) -> JSONNode {
            JSONNode(value: value, line: startLine, column: startColumn, path: path)
        }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            return try parseObject(path: path, line: startLine, column: startColumn)
        case UInt8(ascii: "["):
            return try parseArray(path: path, line: startLine, column: startColumn)
        case UInt8(ascii: "\""):
            return node(.string(try parseString()))
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return node(.bool(true))
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return node(.bool(false))
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return node(.null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let (number, text) = try parseNumber()
            return node(.number(number, text))
        default:
            throw error("invalid JSON", expected: "a JSON value", found: describeByte())
        }
    }

    private mutating func enter() throws {
        depth += 1
        if depth > Self.maxDepth { throw error("JSON nested deeper than \(Self.maxDepth) levels") }
    }

    private mutating func parseObject(path: String, line startLine: Int, column startColumn: Int) throws -> JSONNode {
        try enter()
        defer { depth -= 1 }
        index += 1
        var members: [(key: String, value: JSONNode)] = []
        var seen: [String: Int] = [:]
        let container = JSONNode(value: .null, line: startLine, column: startColumn, path: path)
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "}") {
            index += 1
            return JSONNode(value: .object([]), line: startLine, column: startColumn, path: path)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw error("invalid JSON object", expected: "a quoted key", found: describeByte())
            }
            let keyLine = line
            let key = try parseString()
            if let firstLine = seen[key] {
                throw InputError(file: file, line: keyLine, path: container.childPath(key),
                                 message: "duplicate key \(quoted(key)) (first on line \(firstLine))")
            }
            seen[key] = keyLine
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw error("invalid JSON object", expected: "\":\" after the key", found: describeByte())
            }
            index += 1
            skipWhitespace()
            let value = try parseValue(path: container.childPath(key))
            members.append((key, value))
            skipWhitespace()
            guard index < bytes.count else {
                throw error("unexpected end of file", expected: "\",\" or \"}\"", found: "end of file")
            }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "}") {
                index += 1
                return JSONNode(value: .object(members), line: startLine, column: startColumn, path: path)
            }
            throw error("invalid JSON object", expected: "\",\" or \"}\"", found: describeByte())
        }
    }

    private mutating func parseArray(path: String, line startLine: Int, column startColumn: Int) throws -> JSONNode {
        try enter()
        defer { depth -= 1 }
        index += 1
        var items: [JSONNode] = []
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "]") {
            index += 1
            return JSONNode(value: .array([]), line: startLine, column: startColumn, path: path)
        }
        while true {
            skipWhitespace()
            items.append(try parseValue(path: "\(path)[\(items.count)]"))
            skipWhitespace()
            guard index < bytes.count else {
                throw error("unexpected end of file", expected: "\",\" or \"]\"", found: "end of file")
            }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "]") {
                index += 1
                return JSONNode(value: .array(items), line: startLine, column: startColumn, path: path)
            }
            throw error("invalid JSON array", expected: "\",\" or \"]\"", found: describeByte())
        }
    }

    private mutating func expectLiteral(_ literal: String) throws {
        let utf8 = Array(literal.utf8)
        if index + utf8.count <= bytes.count && Array(bytes[index..<index + utf8.count]) == utf8 {
            index += utf8.count
            return
        }
        throw error("invalid JSON literal", expected: "`\(literal)`", found: describeByte())
    }

    private mutating func parseNumber() throws -> (Double, String) {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        func digits() -> Int {
            let s = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            return index - s
        }
        guard index < bytes.count else { throw error("invalid number", expected: "a digit", found: "end of file") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else if digits() == 0 {
            throw error("invalid number", expected: "a digit", found: describeByte())
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            if digits() == 0 { throw error("invalid number", expected: "a digit after \".\"", found: describeByte()) }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            if digits() == 0 { throw error("invalid number", expected: "exponent digits", found: describeByte()) }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            throw error("number out of range", expected: "a finite number", found: text)
        }
        return (value, text)
    }

    private mutating func parseString() throws -> String {
        index += 1  // opening quote
        var scalars: [UInt8] = []
        while index < bytes.count {
            let b = bytes[index]
            switch b {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: scalars, as: UTF8.self)
            case UInt8(ascii: "\\"):
                index += 1
                guard index < bytes.count else { break }
                let e = bytes[index]
                index += 1
                switch e {
                case UInt8(ascii: "\""): scalars.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): scalars.append(UInt8(ascii: "\\"))
                case UInt8(ascii: "/"): scalars.append(UInt8(ascii: "/"))
                case UInt8(ascii: "b"): scalars.append(0x08)
                case UInt8(ascii: "f"): scalars.append(0x0C)
                case UInt8(ascii: "n"): scalars.append(0x0A)
                case UInt8(ascii: "r"): scalars.append(0x0D)
                case UInt8(ascii: "t"): scalars.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try parseHex4()
                    if (0xD800...0xDBFF).contains(code) {
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
                              bytes[index + 1] == UInt8(ascii: "u") else {
                            throw error("invalid string escape", expected: "a low surrogate \\uDC00-\\uDFFF",
                                        found: describeByte())
                        }
                        index += 2
                        let low = try parseHex4()
                        guard (0xDC00...0xDFFF).contains(low) else {
                            throw error("invalid string escape", expected: "a low surrogate", found: "\\u\(String(low, radix: 16))")
                        }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(code) {
                        throw error("invalid string escape", expected: "a high surrogate first",
                                    found: "\\u\(String(code, radix: 16))")
                    }
                    scalars.append(contentsOf: Array(String(Character(Unicode.Scalar(code)!)).utf8))
                default:
                    index -= 1
                    throw error("invalid string escape", expected: "one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u",
                                found: describeByte())
                }
            case 0x00..<0x20:
                throw error("invalid string", expected: "no raw control characters (escape them)",
                            found: "byte 0x\(String(b, radix: 16))")
            default:
                scalars.append(b)
                index += 1
            }
        }
        throw error("unterminated string", expected: "a closing quote", found: "end of file")
    }

    private mutating func parseHex4() throws -> UInt32 {
        guard index + 4 <= bytes.count else {
            throw error("invalid string escape", expected: "4 hex digits", found: "end of file")
        }
        var code: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[index]
            let digit: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - UInt8(ascii: "A") + 10)
            default: throw error("invalid string escape", expected: "4 hex digits", found: describeByte())
            }
            code = code * 16 + digit
            index += 1
        }
        return code
    }
}

extension InputError {
    /// A copy with `expected` and `found` set.
    public func with(expected: String?, found: String?) -> InputError {
        var copy = self
        copy.expected = expected
        copy.found = found
        return copy
    }
}
