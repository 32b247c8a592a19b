#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses one JSONL line: a JSON object whose selected members become the fields of a row.
///
/// The whole object is checked against RFC 8259 (unselected members too, nested ones included),
/// but only selected members are kept: a string's value (unescaped in place), a number's literal
/// text, `true`/`false` as that text; `null` or a missing key leaves the field absent. A selected
/// member whose value is an object or array, or that appears twice, is an error.
final class JSONLineParser {
    /// The selected keys' UTF-8 bytes, concatenated; where each starts and how long it is.
    private let keyBytes: UnsafeMutablePointer<UInt8>
    private let keyStarts: UnsafeMutablePointer<Int>
    private let keyLengths: UnsafeMutablePointer<Int>
    let keys: [String]
    static let maximumDepth = 512

    init(keys: [String]) {
        self.keys = keys
        let total = keys.reduce(0) { $0 + $1.utf8.count }
        keyBytes = .allocate(capacity: max(total, 1))
        keyStarts = .allocate(capacity: max(keys.count, 1))
        keyLengths = .allocate(capacity: max(keys.count, 1))
        var offset = 0
        for (slot, key) in keys.enumerated() {
            keyStarts[slot] = offset
            keyLengths[slot] = key.utf8.count
            for byte in key.utf8 {
                keyBytes[offset] = byte
                offset += 1
            }
        }
    }

    deinit {
        keyBytes.deallocate()
        keyStarts.deallocate()
        keyLengths.deallocate()
    }

    /// What a selected member held, for the caller's message.
    enum Kind { case string, number, boolean, null }

    /// Parses `p[start..<end]` (`p[end]` is a LF). Returns false for a blank line. Otherwise writes
    /// each selected member's bounds (offsets into `p`, plus `delta`) at `2 * slot` in `row`, and -1
    /// for absent members. `seen` has one entry per selected key.
    func parse(_ p: UnsafeMutablePointer<UInt8>, start: Int, end: Int, row: UnsafeMutablePointer<Int>,
               delta: Int, seen: UnsafeMutablePointer<Bool>) throws(JSONFault) -> Bool {
        let selected = keys.count
        var i = skipWhitespace(p, start)
        if i >= end { return false }
        for s in 0..<selected {
            row[2 * s] = -1
            row[2 * s + 1] = -1
            seen[s] = false
        }
        guard p[i] == UInt8(ascii: "{") else {
            throw JSONFault(offset: i, expected: "a JSON object ({...}) on each line", found: describeValueStart(p, i, end),
                            syntax: false)
        }
        i = skipWhitespace(p, i + 1)
        if p[i] == UInt8(ascii: "}") {
            i += 1
        } else {
            while true {
                guard p[i] == UInt8(ascii: "\"") else {
                    throw JSONFault(offset: i, expected: "a member name in double quotes", found: describeByte(p, i, end))
                }
                let (close, escaped) = try scanJSONString(p, start: i, end: end)
                let slot = try matchKey(p, from: i + 1, to: close, escaped: escaped)
                i = skipWhitespace(p, close + 1)
                guard p[i] == UInt8(ascii: ":") else {
                    throw JSONFault(offset: i, expected: "':' after the member name", found: describeByte(p, i, end))
                }
                i = skipWhitespace(p, i + 1)
                if slot >= 0 {
                    if seen[slot] {
                        throw JSONFault(offset: i, message: "the object has this key twice", expected: nil, found: nil, field: keys[slot],
                                        syntax: false)
                    }
                    seen[slot] = true
                    do {
                        i = try selectedValue(p, at: i, end: end, out: row + 2 * slot, delta: delta)
                    } catch {
                        var fault = error
                        fault.field = keys[slot]
                        throw fault
                    }
                } else {
                    i = try skipValue(p, at: i, end: end, depth: 0)
                }
                i = skipWhitespace(p, i)
                if p[i] == UInt8(ascii: ",") {
                    i = skipWhitespace(p, i + 1)
                    continue
                }
                if p[i] == UInt8(ascii: "}") {
                    i += 1
                    break
                }
                throw JSONFault(offset: i, expected: "',' or '}' after a member", found: describeByte(p, i, end))
            }
        }
        i = skipWhitespace(p, i)
        if i < end {
            throw JSONFault(offset: i, message: "unexpected text after the object (one object per line)",
                            found: describeByte(p, i, end))
        }
        return true
    }

    /// The selected key's slot for the member name `p[from..<to]`, or -1.
    private func matchKey(_ p: UnsafeMutablePointer<UInt8>, from: Int, to: Int, escaped: Bool) throws(JSONFault) -> Int {
        var length = to - from
        if escaped {
            // Unescape a copy: the line's bytes are copied into the batch as they are.
            let copy = UnsafeMutablePointer<UInt8>.allocate(capacity: length)
            defer { copy.deallocate() }
            copy.initialize(from: p + from, count: length)
            do {
                length = try unescapeJSONString(copy, from: 0, to: length)
            } catch {
                var fault = error
                fault.offset += from
                throw fault
            }
            return slotOfKey(copy, length)
        }
        return slotOfKey(p + from, length)
    }

    private func slotOfKey(_ key: UnsafePointer<UInt8>, _ length: Int) -> Int {
        for s in 0..<keys.count where keyLengths[s] == length && memcmp(keyBytes + keyStarts[s], key, length) == 0 {
            return s
        }
        return -1
    }

    /// Reads a selected member's value at `i`, writing its bounds to `out[0...1]`; returns the
    /// offset after it.
    private func selectedValue(_ p: UnsafeMutablePointer<UInt8>, at i: Int, end: Int, out: UnsafeMutablePointer<Int>,
                               delta: Int) throws(JSONFault) -> Int {
        switch p[i] {
        case UInt8(ascii: "\""):
            let (close, escaped) = try scanJSONString(p, start: i, end: end)
            var length = close - (i + 1)
            if escaped { length = try unescapeJSONString(p, from: i + 1, to: close) }
            out[0] = i + 1 + delta
            out[1] = i + 1 + length + delta
            return close + 1
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let next = try scanJSONNumber(p, at: i)
            out[0] = i + delta
            out[1] = next + delta
            return next
        case UInt8(ascii: "t"):
            let next = try literal(p, at: i, "true")
            out[0] = i + delta
            out[1] = next + delta
            return next
        case UInt8(ascii: "f"):
            let next = try literal(p, at: i, "false")
            out[0] = i + delta
            out[1] = next + delta
            return next
        case UInt8(ascii: "n"):
            return try literal(p, at: i, "null")
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            throw JSONFault(offset: i, expected: "a string, number or boolean",
                            found: p[i] == UInt8(ascii: "{") ? "an object" : "an array", syntax: false)
        default:
            throw JSONFault(offset: i, expected: "a value", found: describeByte(p, i, end))
        }
    }

    /// Checks and skips any JSON value at `i`; returns the offset after it.
    private func skipValue(_ p: UnsafeMutablePointer<UInt8>, at start: Int, end: Int, depth: Int) throws(JSONFault) -> Int {
        var i = start
        switch p[i] {
        case UInt8(ascii: "\""):
            let (close, escaped) = try scanJSONString(p, start: i, end: end)
            if escaped { try checkEscapes(p, from: i + 1, to: close) }
            return close + 1
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try scanJSONNumber(p, at: i)
        case UInt8(ascii: "t"): return try literal(p, at: i, "true")
        case UInt8(ascii: "f"): return try literal(p, at: i, "false")
        case UInt8(ascii: "n"): return try literal(p, at: i, "null")
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            guard depth < Self.maximumDepth else {
                throw JSONFault(offset: i, message: "nesting deeper than \(Self.maximumDepth) levels", syntax: false)
            }
            let isObject = p[i] == UInt8(ascii: "{")
            let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
            i = skipWhitespace(p, i + 1)
            if p[i] == close { return i + 1 }
            while true {
                if isObject {
                    guard p[i] == UInt8(ascii: "\"") else {
                        throw JSONFault(offset: i, expected: "a member name in double quotes", found: describeByte(p, i, end))
                    }
                    let (nameClose, escaped) = try scanJSONString(p, start: i, end: end)
                    if escaped { try checkEscapes(p, from: i + 1, to: nameClose) }
                    i = skipWhitespace(p, nameClose + 1)
                    guard p[i] == UInt8(ascii: ":") else {
                        throw JSONFault(offset: i, expected: "':' after the member name", found: describeByte(p, i, end))
                    }
                    i = skipWhitespace(p, i + 1)
                }
                i = skipWhitespace(p, try skipValue(p, at: i, end: end, depth: depth + 1))
                if p[i] == UInt8(ascii: ",") {
                    i = skipWhitespace(p, i + 1)
                    continue
                }
                if p[i] == close { return i + 1 }
                throw JSONFault(offset: i, expected: isObject ? "',' or '}'" : "',' or ']'", found: describeByte(p, i, end))
            }
        default:
            throw JSONFault(offset: i, expected: "a value", found: describeByte(p, i, end))
        }
    }

    /// Validates the escapes of an unselected string without changing the line.
    private func checkEscapes(_ p: UnsafeMutablePointer<UInt8>, from: Int, to: Int) throws(JSONFault) {
        let copy = UnsafeMutablePointer<UInt8>.allocate(capacity: to - from)
        defer { copy.deallocate() }
        copy.initialize(from: p + from, count: to - from)
        do {
            _ = try unescapeJSONString(copy, from: 0, to: to - from)
        } catch {
            var fault = error
            fault.offset += from
            throw fault
        }
    }

    private func literal(_ p: UnsafePointer<UInt8>, at i: Int, _ word: StaticString) throws(JSONFault) -> Int {
        let w = word.utf8Start
        for k in 0..<word.utf8CodeUnitCount where p[i + k] != w[k] {
            throw JSONFault(offset: i, expected: "a value (true, false or null are lowercase, strings are quoted)",
                            found: describeWord(p, i))
        }
        return i + word.utf8CodeUnitCount
    }
}

/// Scans a JSON number at `i` (`-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`); returns
/// the offset after it.
func scanJSONNumber(_ p: UnsafePointer<UInt8>, at start: Int) throws(JSONFault) -> Int {
    @inline(__always) func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }
    var i = start
    if p[i] == UInt8(ascii: "-") { i += 1 }
    if p[i] == UInt8(ascii: "0") {
        i += 1
        if isDigit(p[i]) {
            throw JSONFault(offset: start, message: "a JSON number has no leading zeros", found: describeWord(p, start))
        }
    } else if isDigit(p[i]) {
        while isDigit(p[i]) { i += 1 }
    } else {
        throw JSONFault(offset: start, expected: "a number", found: describeWord(p, start))
    }
    if p[i] == UInt8(ascii: ".") {
        i += 1
        guard isDigit(p[i]) else {
            throw JSONFault(offset: start, message: "a JSON number needs digits after the decimal point", found: describeWord(p, start))
        }
        while isDigit(p[i]) { i += 1 }
    }
    if p[i] | 0x20 == UInt8(ascii: "e") {
        i += 1
        if p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") { i += 1 }
        guard isDigit(p[i]) else {
            throw JSONFault(offset: start, message: "a JSON number needs digits in its exponent", found: describeWord(p, start))
        }
        while isDigit(p[i]) { i += 1 }
    }
    return i
}

/// Skips JSON whitespace (space, tab, CR; a LF ends the line).
@inline(__always)
func skipWhitespace(_ p: UnsafePointer<UInt8>, _ start: Int) -> Int {
    var i = start
    while p[i] == 0x20 || p[i] == 0x09 || p[i] == 0x0D { i += 1 }
    return i
}

/// The byte at `i` for a message: `"x"`, `byte 0x01`, or `the end of the line`.
func describeByte(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> String {
    if i >= end { return "the end of the line" }
    let c = p[i]
    if c >= 0x20 && c < 0x7F { return quoted(String(UnicodeScalar(c))) }
    if c >= 0x80 { return describeWord(p, i) }
    return "byte 0x\(String(c, radix: 16))"
}

/// What starts at `i` where a value was expected.
func describeValueStart(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> String {
    switch p[i] {
    case UInt8(ascii: "["): return "an array"
    case UInt8(ascii: "\""): return "a string"
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return "a number"
    default: return describeByte(p, i, end)
    }
}

/// The run of bytes at `i` up to a JSON delimiter (at most 20), quoted.
func describeWord(_ p: UnsafePointer<UInt8>, _ i: Int) -> String {
    var j = i
    while j - i < 20 {
        let c = p[j]
        if c == 0x0A || c == 0x20 || c == 0x09 || c == 0x0D || c == UInt8(ascii: ",") || c == UInt8(ascii: "}")
            || c == UInt8(ascii: "]") || c == UInt8(ascii: ":") { break }
        j += 1
    }
    if j == i { j = i + 1 }
    return quoted(String(decoding: UnsafeBufferPointer(start: p + i, count: j - i), as: UTF8.self))
}
