/// A byte-at-a-time CSV row parser: the definition the fast scanner (`CSVReader.scan`) must agree
/// with, used for the header row and in tests as the reference.
///
/// Rules (RFC 4180, lenient where Python's `csv` module is):
/// - fields are separated by `delimiter`, rows end at LF; a CR right before that LF (outside
///   quotes) is dropped, so CRLF files read like LF files; a lone CR is data;
/// - a field that starts with `"` is quoted: delimiters and newlines inside are data, `""` is one
///   `"`; after the closing quote, any further bytes up to the delimiter are kept literally
///   (`"ab"c` reads `abc`, as Python does);
/// - a `"` inside an unquoted field is a literal character (`5"` reads `5"`);
/// - a row with no bytes (or only a CR) is blank and is skipped by the readers;
/// - at end of file, a final row without a newline is a row; an open quote is an error.
enum SlowRowResult: Equatable {
    /// A row: its fields, where the next row starts, and how many newlines it contained.
    case row(fields: [[UInt8]], next: Int, newlines: Int)
    /// A blank line ending at `next`.
    case blank(next: Int)
    /// The bytes ran out before the row ended (more data is needed).
    case needMore
    /// End of data: no bytes left.
    case end
    /// End of file inside a quoted field that opened at `quoteOffset`.
    case unterminated(quoteOffset: Int, field: Int)
}

func parseRowSlow(_ p: UnsafePointer<UInt8>, count: Int, from start: Int, atEOF: Bool,
                  delimiter: UInt8) -> SlowRowResult {
    enum State { case fieldStart, unquoted, quoted, afterQuote }
    let quote = UInt8(ascii: "\"")
    var fields: [[UInt8]] = []
    var current: [UInt8] = []
    var state = State.fieldStart
    var newlines = 0
    var quoteOffset = 0
    var trailingCR = false  // `current` ends with a CR that was outside quotes
    var wasQuoted = false   // the current field opened with a quote
    var i = start
    if i >= count { return atEOF ? .end : .needMore }
    while i < count {
        let c = p[i]
        switch state {
        case .quoted:
            if c == quote {
                if i + 1 < count {
                    if p[i + 1] == quote {
                        current.append(quote)
                        i += 2
                        continue
                    }
                } else if !atEOF {
                    return .needMore
                }
                state = .afterQuote
                trailingCR = false
            } else {
                if c == 0x0A { newlines += 1 }
                current.append(c)
            }
            i += 1
            continue
        case .fieldStart where c == quote:
            state = .quoted
            wasQuoted = true
            quoteOffset = i
            i += 1
            continue
        default:
            break
        }
        // fieldStart (not a quote), unquoted, afterQuote: the same rules.
        if c == delimiter {
            fields.append(current)
            current = []
            state = .fieldStart
            trailingCR = false
            wasQuoted = false
        } else if c == 0x0A {
            if trailingCR { current.removeLast() }
            if fields.isEmpty && current.isEmpty && !wasQuoted {
                return .blank(next: i + 1)
            }
            fields.append(current)
            return .row(fields: fields, next: i + 1, newlines: newlines + 1)
        } else {
            current.append(c)
            trailingCR = c == 0x0D
            state = .unquoted
        }
        i += 1
    }
    guard atEOF else { return .needMore }
    if state == .quoted { return .unterminated(quoteOffset: quoteOffset, field: fields.count) }
    if trailingCR { current.removeLast() }
    if fields.isEmpty && current.isEmpty && !wasQuoted { return .blank(next: count) }
    fields.append(current)
    return .row(fields: fields, next: count, newlines: newlines)
}
