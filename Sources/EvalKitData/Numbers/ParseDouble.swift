/// Decimal text to `Double`, correctly rounded.
///
/// Grammar (ASCII, the whole buffer, no spaces): `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`,
/// or `[+-]? (nan | inf | infinity)` in any letter case. The result is identical to Swift's
/// `Double(String)` (and C's `strtod`): inputs with at most 19 significant digits and a decimal
/// exponent within ±22 take Clinger's fast path (one exact multiply or divide by an exactly
/// representable power of ten, so one correctly rounded operation); every other input is handed
/// to `Double(String)`. `nan` and `inf` are returned as NaN and ±infinity so that a caller can
/// reject them with its own message; hexadecimal floats and surrounding spaces are rejected (nil).
public func parseDouble(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
    let n = bytes.count
    guard n > 0, let base = bytes.baseAddress else { return nil }
    var (negative, i) = parseSign(base)
    guard i < n else { return nil }
    if base[i] &- 0x30 > 9 && base[i] != UInt8(ascii: ".") {
        return parseNonFinite(base + i, n - i, negative: negative)
    }

    var mantissa: UInt64 = 0
    var significant = 0       // digits accumulated into `mantissa`
    var exponent = 0          // decimal exponent applied to `mantissa`
    var truncated = false     // more than 19 significant digits
    var sawDigit = false
    while i < n {
        let d = base[i] &- 0x30
        if d > 9 { break }
        sawDigit = true
        if mantissa == 0 && d == 0 {
            // leading zero: no significance
        } else if significant < 19 {
            mantissa = mantissa &* 10 &+ UInt64(d)
            significant += 1
        } else {
            exponent += 1
            if d != 0 { truncated = true }
        }
        i += 1
    }
    if i < n && base[i] == UInt8(ascii: ".") {
        i += 1
        while i < n {
            let d = base[i] &- 0x30
            if d > 9 { break }
            sawDigit = true
            if mantissa == 0 && d == 0 {
                exponent -= 1
            } else if significant < 19 {
                mantissa = mantissa &* 10 &+ UInt64(d)
                significant += 1
                exponent -= 1
            } else if d != 0 {
                truncated = true
            }
            i += 1
        }
    }
    guard sawDigit else { return nil }
    if i < n && (base[i] | 0x20) == UInt8(ascii: "e") {
        i += 1
        var exponentNegative = false
        if i < n && (base[i] == UInt8(ascii: "-") || base[i] == UInt8(ascii: "+")) {
            exponentNegative = base[i] == UInt8(ascii: "-")
            i += 1
        }
        var value = 0
        var sawExponentDigit = false
        while i < n {
            let d = base[i] &- 0x30
            if d > 9 { break }
            sawExponentDigit = true
            if value < 1_000_000 { value = value * 10 + Int(d) }
            i += 1
        }
        guard sawExponentDigit else { return nil }
        exponent += exponentNegative ? -value : value
    }
    guard i == n else { return nil }

    if mantissa == 0 { return negative ? -0.0 : 0.0 }
    if !truncated && mantissa <= (1 << 53) && exponent >= -22 && exponent <= 22 {
        var value = Double(mantissa)
        if exponent < 0 {
            value /= exactPowersOfTen[-exponent]
        } else {
            value *= exactPowersOfTen[exponent]
        }
        return negative ? -value : value
    }
    // Slow path: the standard library's correctly rounded conversion (the syntax was checked).
    return Double(String(decoding: bytes, as: UTF8.self))
}

/// Parses a `Double` from a Swift string with the same grammar as `parseDouble(_:)`.
public func parseDouble(_ text: some StringProtocol) -> Double? {
    var copy = String(text)
    return copy.withUTF8 { parseDouble($0) }
}

/// 10^0 ... 10^22: every one is exactly representable as a Double.
private let exactPowersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
]

/// `nan`, `inf`, `infinity` in any case (the sign already consumed).
private func parseNonFinite(_ p: UnsafePointer<UInt8>, _ n: Int, negative: Bool) -> Double? {
    func matches(_ word: StaticString) -> Bool {
        guard word.utf8CodeUnitCount == n else { return false }
        let w = word.utf8Start
        for k in 0..<n where (p[k] | 0x20) != w[k] { return false }
        return true
    }
    if matches("nan") { return negative ? -Double.nan : Double.nan }
    if matches("inf") || matches("infinity") { return negative ? -Double.infinity : Double.infinity }
    return nil
}
