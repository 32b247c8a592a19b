/// The CSV reader's fast row scanner.
///
/// It agrees with `parseRowSlow` (the definition) but works a 64-byte block at a time: eight
/// 8-byte words are matched against the delimiter and LF at once (`matchMask`) and packed into a
/// 64-bit mask whose set bits are the field ends. Quotes matter only at the start of a field, so
/// instead of matching them per word the scanner keeps the offset of the next `"` (from
/// `memchr`) and takes the byte-wise path only when a field starts there. Field bounds are written
/// as offsets into the window plus `delta`, the place where the caller copies the scanned bytes
/// in one block. A quoted field with `""` escapes (or bytes after its closing quote) is unescaped
/// in place once its row is complete (a row cut by the window's end is scanned again after the
/// refill, so nothing is changed before then).
extension CSVReader {
    enum ScanOutcome {
        /// `maxRows` rows were scanned.
        case full
        /// The window ends inside a row: refill from `position` and scan again.
        case needMore
        /// End of file.
        case end
    }

    struct ScanResult {
        var rows: Int
        /// The scanned rows' bytes are `window[position-before ..< segmentEnd]`.
        var segmentEnd: Int
        var outcome: ScanOutcome
    }

    /// Where a quoted field starting at `start` ends (see `scanQuoted`).
    enum QuotedField {
        /// Content `window[contentStart..<contentEnd]`, or, when `raw`, bytes
        /// `window[start..<contentEnd]` still to be unescaped; the delimiter or LF (or end of file)
        /// that ends the field is at `terminator`; `newlines` LFs were inside.
        case field(contentStart: Int, contentEnd: Int, raw: Bool, terminator: Int, newlines: Int)
        case needMore
        case unterminated
    }

    /// Scans rows from `position` into `bounds` and `lines`, updating `position` and `line`.
    ///
    /// `bounds` has room for `maxRows + 1` rows of `2 * selectedColumns.count` offsets, plus 2:
    /// fields that are not selected (or beyond the header's count) are written to the row after
    /// the current one, which is overwritten later, so the hot loop needs no branch for them.
    func scan(maxRows: Int, bounds out: UnsafeMutablePointer<Int>, lines: UnsafeMutablePointer<Int>,
              delta: Int) throws -> ScanResult {
        let buf = stream.bytes
        let count = stream.count
        let atEOF = stream.atEOF
        let invalidUTF8 = stream.firstInvalidUTF8
        let columnCount = slots.count
        let stride = 2 * selectedColumns.count
        let dPattern = repeatedByte(delimiter)
        let lfPattern = repeatedByte(0x0A)
        let quote = UInt8(ascii: "\"")

        return try slotOffsets.withUnsafeBufferPointer { offsets -> ScanResult in
            let slotOffset = offsets.baseAddress!  // columnCount + 1 entries, the last one the dummy
            var p = position        // start of the block being matched
            var fs = position       // start of the current field
            var rowStart = position
            var field = 0
            var line = self.line
            var rowLine = line
            var rows = 0
            var rowOut = out
            var nextQuote = quoteHint >= position ? quoteHint : findByte(quote, in: buf, from: fs, to: count)
            pending.removeAll(keepingCapacity: true)

            /// Ends the row whose last field ended at `rowEnd` (a LF or the end of the file).
            func commitRow(rowEnd: Int) throws {
                if field != columnCount { throw raggedError(found: field, rowLine: rowLine) }
                if invalidUTF8 < rowEnd {
                    throw invalidUTF8Error(at: invalidUTF8, rowStart: rowStart, rowLine: rowLine)
                }
                if !pending.isEmpty { applyPending(rowOut, delta: delta) }
                lines[rows] = rowLine
                rows += 1
                rowOut += stride
                field = 0
                rowStart = rowEnd + 1
                rowLine = line
            }

            outer: while true {
                // A field that starts with a quote: scan it byte-wise, with what ends it.
                if fs >= nextQuote {
                    if fs > nextQuote { nextQuote = findByte(quote, in: buf, from: fs, to: count) }
                    if fs == nextQuote && fs < count {
                        switch scanQuoted(start: fs) {
                        case .needMore:
                            position = rowStart
                            self.line = rowLine
                            quoteHint = -1
                            pending.removeAll(keepingCapacity: true)
                            return ScanResult(rows: rows, segmentEnd: rowStart, outcome: .needMore)
                        case .unterminated:
                            throw unterminatedError(quoteOffset: fs, field: field, rowStart: rowStart, rowLine: rowLine)
                        case .field(let cs, let ce, let raw, let terminator, let newlines):
                            line += newlines
                            let off = slotOffset[min(field, columnCount)]
                            if raw {
                                if off != stride { pending.append((off / 2, fs, ce)) }
                            } else {
                                rowOut[off] = cs + delta
                                rowOut[off + 1] = ce + delta
                            }
                            field += 1
                            nextQuote = findByte(quote, in: buf, from: terminator, to: count)
                            if terminator >= count {
                                try commitRow(rowEnd: count)
                                position = count
                                self.line = line
                                return ScanResult(rows: rows, segmentEnd: count, outcome: .end)
                            }
                            fs = terminator + 1
                            p = fs
                            if buf[terminator] == 0x0A {
                                line += 1
                                try commitRow(rowEnd: terminator)
                                if rows == maxRows {
                                    position = fs
                                    self.line = line
                                    quoteHint = nextQuote
                                    return ScanResult(rows: rows, segmentEnd: fs, outcome: .full)
                                }
                            }
                            continue outer
                        }
                    }
                }
                if p >= count { break outer }

                // Delimiter and LF positions in the 64 bytes at p.
                var m: UInt64 = 0
                let raw = UnsafeRawPointer(buf + p)
                for k in 0..<8 {
                    let w = raw.loadUnaligned(fromByteOffset: 8 * k, as: UInt64.self)
                    m |= gatherHighBits(matchMask(w, dPattern) | matchMask(w, lfPattern)) << UInt64(8 * k)
                }
                let available = count &- p
                if available < 64 { m &= (1 &<< UInt64(available)) &- 1 }

                while m != 0 {
                    let q = p &+ m.trailingZeroBitCount
                    m &= m &- 1
                    if buf[q] != 0x0A {
                        // A delimiter ends the field.
                        let off = slotOffset[min(field, columnCount)]
                        rowOut[off] = fs &+ delta
                        rowOut[off &+ 1] = q &+ delta
                        field &+= 1
                        fs = q &+ 1
                    } else {
                        // A LF ends the field and the row (a CR before it is dropped).
                        var end = q
                        if q > fs && buf[q &- 1] == 0x0D { end = q &- 1 }
                        line &+= 1
                        if field == 0 && end == fs {
                            // A blank line.
                            fs = q &+ 1
                            rowStart = fs
                            rowLine = line
                        } else {
                            let off = slotOffset[min(field, columnCount)]
                            rowOut[off] = fs &+ delta
                            rowOut[off &+ 1] = end &+ delta
                            field &+= 1
                            fs = q &+ 1
                            if field != columnCount { throw raggedError(found: field, rowLine: rowLine) }
                            if invalidUTF8 < q {
                                throw invalidUTF8Error(at: invalidUTF8, rowStart: rowStart, rowLine: rowLine)
                            }
                            if !pending.isEmpty { applyPending(rowOut, delta: delta) }
                            lines[rows] = rowLine
                            rows &+= 1
                            rowOut += stride
                            field = 0
                            rowStart = fs
                            rowLine = line
                            if rows == maxRows {
                                position = fs
                                self.line = line
                                quoteHint = nextQuote
                                return ScanResult(rows: rows, segmentEnd: fs, outcome: .full)
                            }
                        }
                    }
                    if fs >= nextQuote {
                        p = fs
                        continue outer
                    }
                }
                p &+= 64
            }

            // The window is used up.
            quoteHint = -1
            guard atEOF else {
                position = rowStart
                self.line = rowLine
                pending.removeAll(keepingCapacity: true)
                return ScanResult(rows: rows, segmentEnd: rowStart, outcome: .needMore)
            }
            // A final row without a newline (a lone CR at the very end is a line end).
            var end = count
            if count > fs && buf[count - 1] == 0x0D { end = count - 1 }
            if field > 0 || end > fs {
                let off = slotOffset[min(field, columnCount)]
                rowOut[off] = fs + delta
                rowOut[off + 1] = end + delta
                field += 1
                try commitRow(rowEnd: count)
            }
            position = count
            self.line = line
            return ScanResult(rows: rows, segmentEnd: count, outcome: .end)
        }
    }

    /// Scans the quoted field whose opening quote is at `start`, byte-wise (see `parseRowSlow`).
    func scanQuoted(start: Int) -> QuotedField {
        let buf = stream.bytes
        let count = stream.count
        let atEOF = stream.atEOF
        let quote = UInt8(ascii: "\"")
        var i = start + 1
        var escaped = false
        var newlines = 0
        while true {
            let q = findByte(quote, in: buf, from: i, to: count)
            if q == count { return atEOF ? .unterminated : .needMore }
            newlines += countNewlines(in: buf, from: i, to: q)
            if q + 1 < count {
                if buf[q + 1] == quote {
                    escaped = true
                    i = q + 2
                    continue
                }
            } else if !atEOF {
                return .needMore
            }
            // The closing quote is at q.
            let after = q + 1
            if after == count {
                return .field(contentStart: start + 1, contentEnd: escaped ? after : q, raw: escaped,
                              terminator: count, newlines: newlines)
            }
            let c = buf[after]
            if c == delimiter || c == 0x0A {
                return .field(contentStart: start + 1, contentEnd: escaped ? after : q, raw: escaped,
                              terminator: after, newlines: newlines)
            }
            if c == 0x0D {
                if after + 1 < count {
                    if buf[after + 1] == 0x0A {
                        return .field(contentStart: start + 1, contentEnd: escaped ? after : q, raw: escaped,
                                      terminator: after + 1, newlines: newlines)
                    }
                } else if !atEOF {
                    return .needMore
                } else {
                    return .field(contentStart: start + 1, contentEnd: escaped ? after : q, raw: escaped,
                                  terminator: count, newlines: newlines)
                }
            }
            // Bytes after the closing quote: kept literally up to the delimiter or line end.
            var t = after
            while t < count && buf[t] != delimiter && buf[t] != 0x0A { t += 1 }
            if t == count && !atEOF { return .needMore }
            var end = t
            if end > after && buf[end - 1] == 0x0D && (t == count || buf[t] == 0x0A) { end -= 1 }
            return .field(contentStart: start + 1, contentEnd: end, raw: true, terminator: t, newlines: newlines)
        }
    }

    /// Unescapes the current row's raw quoted fields in place and writes their bounds.
    func applyPending(_ rowOut: UnsafeMutablePointer<Int>, delta: Int) {
        let buf = stream.bytes
        for (s, start, end) in pending {
            let length = unescapeQuotedField(buf, start: start, end: end)
            rowOut[2 * s] = start + delta
            rowOut[2 * s + 1] = start + length + delta
        }
        pending.removeAll(keepingCapacity: true)
    }
}

/// Rewrites the raw field `p[start..<end]` (opening with a quote) as its value, in place from
/// `start`: `""` inside the quotes becomes `"`, the closing quote is dropped, bytes after it are
/// kept. Returns the value's length.
func unescapeQuotedField(_ p: UnsafeMutablePointer<UInt8>, start: Int, end: Int) -> Int {
    let quote = UInt8(ascii: "\"")
    var r = start + 1
    var w = start
    var inQuotes = true
    while r < end {
        let c = p[r]
        if inQuotes && c == quote {
            if r + 1 < end && p[r + 1] == quote {
                p[w] = quote
                w += 1
                r += 2
                continue
            }
            inQuotes = false
            r += 1
            continue
        }
        p[w] = c
        w += 1
        r += 1
    }
    return w - start
}
