/// UTF-8 validation of raw bytes (shared by the CSV and JSONL readers).
///
/// Valid means well-formed UTF-8 as Unicode defines it: no overlong forms, no surrogates
/// (U+D800...U+DFFF), nothing above U+10FFFF, no truncated sequences. Runs of ASCII are skipped
/// 32 bytes at a time, so ASCII text costs little more than a read of memory.

/// Offset of the first byte of the first invalid UTF-8 sequence in `p[0..<count]`, or nil when all
/// of it is valid.
func findInvalidUTF8(_ p: UnsafePointer<UInt8>, count n: Int) -> Int? {
    let high: UInt64 = 0x8080_8080_8080_8080
    var i = 0
    while i < n {
        while i + 32 <= n {
            let r = UnsafeRawPointer(p + i)
            let any = r.loadUnaligned(as: UInt64.self) | r.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                | r.loadUnaligned(fromByteOffset: 16, as: UInt64.self)
                | r.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
            if any & high != 0 { break }
            i += 32
        }
        let stop = min(n, i + 32)
        while i < stop {
            let b0 = p[i]
            if b0 < 0x80 {
                i += 1
                continue
            }
            let length = utf8SequenceLength(p + i, available: n - i)
            if length == 0 { return i }
            i += length
        }
    }
    return nil
}

/// Length (2...4) of the valid multi-byte sequence at `p`, or 0 when it is invalid or truncated.
@inline(__always)
private func utf8SequenceLength(_ p: UnsafePointer<UInt8>, available: Int) -> Int {
    @inline(__always) func isContinuation(_ b: UInt8) -> Bool { b & 0xC0 == 0x80 }
    let b0 = p[0]
    if b0 < 0xC2 { return 0 }
    if b0 < 0xE0 {
        return available >= 2 && isContinuation(p[1]) ? 2 : 0
    }
    if b0 < 0xF0 {
        guard available >= 3 else { return 0 }
        let b1 = p[1]
        let lowOK: Bool
        switch b0 {
        case 0xE0: lowOK = b1 >= 0xA0 && b1 <= 0xBF
        case 0xED: lowOK = b1 >= 0x80 && b1 <= 0x9F
        default: lowOK = isContinuation(b1)
        }
        return lowOK && isContinuation(p[2]) ? 3 : 0
    }
    if b0 < 0xF5 {
        guard available >= 4 else { return 0 }
        let b1 = p[1]
        let lowOK: Bool
        switch b0 {
        case 0xF0: lowOK = b1 >= 0x90 && b1 <= 0xBF
        case 0xF4: lowOK = b1 >= 0x80 && b1 <= 0x8F
        default: lowOK = isContinuation(b1)
        }
        return lowOK && isContinuation(p[2]) && isContinuation(p[3]) ? 4 : 0
    }
    return 0
}

/// Describes the bytes at an invalid UTF-8 position for an error message, e.g. `byte 0xff`.
func describeInvalidUTF8(_ p: UnsafePointer<UInt8>, available: Int) -> String {
    var shown = 1
    while shown < min(available, 4) && p[shown] >= 0x80 { shown += 1 }
    let hex = (0..<shown).map { "0x" + String(p[$0], radix: 16) }
    return shown == 1 ? "byte \(hex[0])" : "bytes \(hex.joined(separator: " "))"
}
