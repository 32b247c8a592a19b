/// JSON string scanning and unescaping on raw bytes (RFC 8259 section 7), for the JSONL reader.
///
/// A string is `"` ... `"`; inside, bytes below 0x20 must be escaped; escapes are `\"` `\\` `\/`
/// `\b` `\f` `\n` `\r` `\t` and `\uXXXX`, where a high surrogate must be followed by a `\u` low
/// surrogate (the pair is one code point) and a lone surrogate is an error, since it has no UTF-8
/// form. Unescaping never makes a string longer, so it is done in place.

/// A fault in a JSON line: the byte offset where it is, and what is wrong.
struct JSONFault: Error {
    var offset: Int
    var message: String?
    var expected: String?
    var found: String?
    /// The selected key whose value is at fault, when it is one.
    var field: String? = nil
    /// Whether the line is not JSON at all (rather than JSON of the wrong shape).
    var syntax = true
}

/// Scans the string whose opening quote is at `start`; returns the offset of the closing quote and
/// whether there are escapes. `p[end]` must be a LF, and 8 bytes past it must be readable.
func scanJSONString(_ p: UnsafePointer<UInt8>, start: Int, end: Int) throws(JSONFault) -> (close: Int, escaped: Bool) {
    let quotes = repeatedByte(UInt8(ascii: "\""))
    let backslashes = repeatedByte(UInt8(ascii: "\\"))
    let controlBits: UInt64 = 0xE0E0_E0E0_E0E0_E0E0
    var i = start + 1
    var escaped = false
    while true {
        // Skip 8 plain bytes at a time (the window's padding makes the over-read safe: a line ends
        // at a LF, which stops the scan).
        while true {
            let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
            let m = matchMask(w, quotes) | matchMask(w, backslashes) | matchMask(w & controlBits, 0)
            if m != 0 {
                i += m.trailingZeroBitCount >> 3
                break
            }
            i += 8
        }
        let c = p[i]
        if c == UInt8(ascii: "\"") { return (i, escaped) }
        if c == UInt8(ascii: "\\") {
            escaped = true
            if i + 1 >= end { break }
            i += 2
            continue
        }
        // A byte below 0x20.
        if i >= end { break }
        throw JSONFault(offset: i, message: "a control character inside a string must be escaped",
                        found: "byte 0x\(String(c, radix: 16))")
    }
    throw JSONFault(offset: start, message: "unterminated string: the line ends before its closing quote")
}

/// Unescapes the string content `p[from..<to]` in place, writing from `from`; returns the length.
func unescapeJSONString(_ p: UnsafeMutablePointer<UInt8>, from: Int, to: Int) throws(JSONFault) -> Int {
    var r = from
    var w = from
    while r < to {
        let c = p[r]
        if c != UInt8(ascii: "\\") {
            p[w] = c
            w += 1
            r += 1
            continue
        }
        let e = p[r + 1]
        r += 2
        switch e {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): p[w] = e
        case UInt8(ascii: "b"): p[w] = 0x08
        case UInt8(ascii: "f"): p[w] = 0x0C
        case UInt8(ascii: "n"): p[w] = 0x0A
        case UInt8(ascii: "r"): p[w] = 0x0D
        case UInt8(ascii: "t"): p[w] = 0x09
        case UInt8(ascii: "u"):
            var scalar = try hex4(p, at: r, limit: to, escapeAt: r - 2)
            r += 4
            if scalar >= 0xD800 && scalar <= 0xDBFF {
                guard r + 6 <= to, p[r] == UInt8(ascii: "\\"), p[r + 1] == UInt8(ascii: "u") else {
                    throw JSONFault(offset: r - 6, message: "a \\u escape of a high surrogate must be followed by a \\u escape of a low surrogate")
                }
                let low = try hex4(p, at: r + 2, limit: to, escapeAt: r)
                guard low >= 0xDC00 && low <= 0xDFFF else {
                    throw JSONFault(offset: r, message: "a \\u escape of a high surrogate must be followed by a \\u escape of a low surrogate")
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                r += 6
            } else if scalar >= 0xDC00 && scalar <= 0xDFFF {
                throw JSONFault(offset: r - 6, message: "a lone low surrogate (\\u escape) is not a character")
            }
            w += writeUTF8(scalar, to: p + w)
            continue
        default:
            throw JSONFault(offset: r - 2, message: "invalid escape in a string",
                            found: quoted(String(decoding: [UInt8(ascii: "\\"), e], as: UTF8.self)))
        }
        w += 1
    }
    return w - from
}

/// The value of the four hex digits at `p[at...]`.
private func hex4(_ p: UnsafePointer<UInt8>, at: Int, limit: Int, escapeAt: Int) throws(JSONFault) -> UInt32 {
    guard at + 4 <= limit else {
        throw JSONFault(offset: escapeAt, message: "a \\u escape needs four hexadecimal digits")
    }
    var value: UInt32 = 0
    for k in 0..<4 {
        let c = p[at + k]
        let digit: UInt8
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = c - UInt8(ascii: "A") + 10
        default:
            throw JSONFault(offset: escapeAt, message: "a \\u escape needs four hexadecimal digits")
        }
        value = value << 4 | UInt32(digit)
    }
    return value
}

/// Writes the UTF-8 form of `scalar` (a valid code point) at `p`; returns its length.
private func writeUTF8(_ scalar: UInt32, to p: UnsafeMutablePointer<UInt8>) -> Int {
    switch scalar {
    case 0..<0x80:
        p[0] = UInt8(scalar)
        return 1
    case 0x80..<0x800:
        p[0] = UInt8(0xC0 | (scalar >> 6))
        p[1] = UInt8(0x80 | (scalar & 0x3F))
        return 2
    case 0x800..<0x10000:
        p[0] = UInt8(0xE0 | (scalar >> 12))
        p[1] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
        p[2] = UInt8(0x80 | (scalar & 0x3F))
        return 3
    default:
        p[0] = UInt8(0xF0 | (scalar >> 18))
        p[1] = UInt8(0x80 | ((scalar >> 12) & 0x3F))
        p[2] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
        p[3] = UInt8(0x80 | (scalar & 0x3F))
        return 4
    }
}
