/// The CSV reader's messages for rejected rows.
extension CSVReader {
    /// `file:7: expected 7 fields, found 6` (the header's field count).
    func raggedError(found: Int, rowLine: Int) -> InputError {
        InputError(file: displayPath, line: rowLine, expected: "\(slots.count) fields (as in the header)",
                   found: "\(found)")
    }

    /// `file:12: field "name": unterminated quoted field ...`, at the line of the opening quote.
    func unterminatedError(quoteOffset: Int, field: Int, rowStart: Int, rowLine: Int) -> InputError {
        let quoteLine = rowLine + countNewlines(in: stream.bytes, from: rowStart, to: quoteOffset)
        return InputError(file: displayPath, line: quoteLine, field: field < header.count ? header[field] : nil,
                          message: "unterminated quoted field: the quote that opens it is never closed before the end of the file")
    }

    /// `file:9:14: expected UTF-8 text, found byte 0xff`, at the physical line and byte column.
    func invalidUTF8Error(at offset: Int, rowStart: Int, rowLine: Int) -> InputError {
        invalidUTF8InputError(stream: stream, at: offset, rowStart: rowStart, rowLine: rowLine)
    }
}

/// An invalid UTF-8 error at window offset `offset`, in the row starting at `rowStart` on `rowLine`.
func invalidUTF8InputError(stream: HashedChunkStream, at offset: Int, rowStart: Int, rowLine: Int) -> InputError {
    let p = stream.bytes
    var lineStart = rowStart
    var line = rowLine
    var i = findByte(0x0A, in: p, from: rowStart, to: offset)
    while i < offset {
        line += 1
        lineStart = i + 1
        i = findByte(0x0A, in: p, from: i + 1, to: offset)
    }
    return InputError(file: stream.displayPath, line: line, column: offset - lineStart + 1,
                      expected: "UTF-8 text", found: describeInvalidUTF8(p + offset, available: stream.count - offset))
}
