/// Decimal text to `Int64`.
///
/// Grammar (ASCII, the whole buffer, no spaces): `[+-]? digits`. Returns nil for anything else
/// and for values outside `Int64.min ... Int64.max`.
public func parseInt64(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
    let n = bytes.count
    guard n > 0, let base = bytes.baseAddress else { return nil }
    var (negative, i) = parseSign(base)
    guard i < n else { return nil }
    // Accumulate as a negative number so that Int64.min is representable.
    var value: Int64 = 0
    while i < n {
        let d = base[i] &- 0x30
        guard d <= 9 else { return nil }
        let (times10, o1) = value.multipliedReportingOverflow(by: 10)
        let (next, o2) = times10.subtractingReportingOverflow(Int64(d))
        if o1 || o2 { return nil }
        value = next
        i += 1
    }
    if negative { return value }
    return value == Int64.min ? nil : -value
}

/// Parses an `Int64` from a Swift string with the same grammar as `parseInt64(_:)`.
public func parseInt64(_ text: some StringProtocol) -> Int64? {
    var copy = String(text)
    return copy.withUTF8 { parseInt64($0) }
}

/// A leading `-` or `+`: whether the number is negative and where its digits start.
@inline(__always)
func parseSign(_ base: UnsafePointer<UInt8>) -> (negative: Bool, start: Int) {
    switch base[0] {
    case UInt8(ascii: "-"): (true, 1)
    case UInt8(ascii: "+"): (false, 1)
    default: (false, 0)
    }
}
