@testable import EvalKitData
import Testing

@Suite struct CSVReaderTests {
    let dir = TemporaryDirectory()

    @Test func selectedColumnsInTheirOwnOrder() throws {
        let path = dir.file("a.csv", "id,label,score\n1,cat,0.5\n2,dog,0.25\n")
        let table = try readCSV(path, ["score", "id"])
        #expect(table.rows == [["0.5", "1"], ["0.25", "2"]])
        #expect(table.lines == [2, 3])
        let reader = try CSVReader(path: path, displayPath: "a.csv", columns: ["label"])
        #expect(reader.header == ["id", "label", "score"])
        #expect(reader.headerLine == 1)
        // Selecting nothing still reads (and checks) every row.
        #expect(try readCSV(path, []).rows == [[], []])
    }

    @Test func quotedFieldsHoldDelimiters() throws {
        let path = dir.file("q.csv", "a,b,c\n\"x,y\",\"\",z\n\"\",\"1\",\"2,3,4\"\n")
        #expect(try readCSV(path, ["a", "b", "c"]).rows == [["x,y", "", "z"], ["", "1", "2,3,4"]])
    }

    @Test func doubledQuotesAreOneQuote() throws {
        let path = dir.file("e.csv", "id,text\n1,\"he said \"\"hi\"\"\"\n2,\"\"\"\"\n3,\"a\"\"\"\n")
        #expect(try readCSV(path, ["text", "id"]).rows == [["he said \"hi\"", "1"], ["\"", "2"], ["a\"", "3"]])
    }

    @Test func embeddedNewlinesKeepLineNumbers() throws {
        let path = dir.file("n.csv", "id,text,x\n1,\"two\nlines\",a\n2,\"three\r\nline\nfield\",b\n3,plain,c\n")
        let table = try readCSV(path, ["id", "text", "x"])
        #expect(table.rows == [["1", "two\nlines", "a"], ["2", "three\r\nline\nfield", "b"], ["3", "plain", "c"]])
        #expect(table.lines == [2, 4, 7])
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let path = dir.file("bom.csv", bytes: [0xEF, 0xBB, 0xBF] + Array("id,label\n1,a\n".utf8))
        let reader = try CSVReader(path: path, displayPath: "bom.csv", columns: ["id"])
        #expect(reader.header == ["id", "label"])
        #expect(try readAll(reader).rows == [["1"]])
    }

    @Test func crlfLineEnds() throws {
        let path = dir.file("crlf.csv", "id,label,note\r\n1,a,\r\n2,\"b\"\r\n3,c,\"x\"\r\n")
        // Row 2 has two fields: the CR is not part of "b".
        #expect(inputError { _ = try readCSV(path, ["id"]) }?.line == 3)
        let good = dir.file("crlf2.csv", "id,label,note\r\n1,a,\r\n2,\"b\",y\r\n3,c,\"x\"\r\n4,d,e")
        #expect(try readCSV(good, ["id", "label", "note"]).rows == [["1", "a", ""], ["2", "b", "y"], ["3", "c", "x"], ["4", "d", "e"]])
    }

    @Test func loneCarriageReturnIsData() throws {
        let path = dir.file("cr.csv", "a,b\nx\ry,z\n")
        #expect(try readCSV(path, ["a", "b"]).rows == [["x\ry", "z"]])
    }

    @Test func tabDelimiter() throws {
        let path = dir.file("t.tsv", "id\tname\tscore\n1\tAnn, Lee\t0.5\n2\t\"tab\there\"\t1\n")
        let table = try readCSV(path, ["name", "score"], delimiter: 0x09)
        #expect(table.rows == [["Ann, Lee", "0.5"], ["tab\there", "1"]])
    }

    @Test func finalLineWithoutNewline() throws {
        #expect(try readCSV(dir.file("f1.csv", "a,b\n1,2"), ["a", "b"]).rows == [["1", "2"]])
        #expect(try readCSV(dir.file("f2.csv", "a,b\n1,\"2\""), ["b"]).rows == [["2"]])
        #expect(try readCSV(dir.file("f3.csv", "a,b\n1,"), ["a", "b"]).rows == [["1", ""]])
        #expect(try readCSV(dir.file("f4.csv", "a,b\n1,2\r"), ["b"]).rows == [["2"]])
        #expect(try readCSV(dir.file("f5.csv", "a,b\n1,\"x\"\"\""), ["b"]).rows == [["x\""]])
        #expect(try readCSV(dir.file("f6.csv", "a"), ["a"]).rows == [])
    }

    @Test func emptyFieldsAndTrailingDelimiter() throws {
        let path = dir.file("empty.csv", "a,b,c\n,,\n1,,3\n")
        #expect(try readCSV(path, ["c", "b", "a"]).rows == [["", "", ""], ["3", "", "1"]])
    }

    @Test func quoteInsideUnquotedFieldIsLiteral() throws {
        let path = dir.file("lenient.csv", "a,b\n5\"x,\"ab\"c\nq\"\"r,\"s\"t\"u\"\n")
        #expect(try readCSV(path, ["a", "b"]).rows == [["5\"x", "abc"], ["q\"\"r", "st\"u\""]])
    }

    @Test func missingColumnSuggestsTheClosest() throws {
        let path = dir.file("m.csv", "id,label,score\n1,a,0.5\n")
        let error = try #require(inputError { _ = try CSVReader(path: path, displayPath: "m.csv", columns: ["id", "scores"]) })
        #expect(error.file == "m.csv")
        #expect(error.line == 1)
        #expect(error.field == "scores")
        #expect(error.hint == "did you mean \"score\"?")
        #expect(error.description.contains("\"id\", \"label\", \"score\""))
        let far = try #require(inputError { _ = try CSVReader(path: path, displayPath: "m.csv", columns: ["weight"]) })
        #expect(far.hint == nil)
        #expect(far.field == "weight")
    }

    @Test func severalMissingColumnsAreAllReported() throws {
        let path = dir.file("m2.csv", "id,label\n1,a\n")
        #expect(throws: InputErrors.self) { _ = try CSVReader(path: path, displayPath: "m2.csv", columns: ["x", "y"]) }
    }

    @Test func duplicateSelectedHeaderIsAnError() throws {
        let path = dir.file("d.csv", "id,score,score,x,x\n1,2,3,4,5\n")
        let error = try #require(inputError { _ = try CSVReader(path: path, displayPath: "d.csv", columns: ["score"]) })
        #expect(error.field == "score")
        #expect(error.line == 1)
        // A repeated name that is not selected is harmless.
        #expect(try readCSV(path, ["id"]).rows == [["1"]])
    }

    @Test func raggedRowNamesItsLine() throws {
        let short = dir.file("r1.csv", "a,b,c\n1,2,3\n\n4,5\n")
        let e1 = try #require(inputError { _ = try readCSV(short, ["a"]) })
        #expect(e1.line == 4)
        #expect(e1.description == "t.csv:4: expected 3 fields (as in the header), found 2")
        let long = dir.file("r2.csv", "a,b,c\n1,2,3\n4,5,6,7,8\n")
        let e2 = try #require(inputError { _ = try readCSV(long, ["c"]) })
        #expect(e2.line == 3)
        #expect(e2.found == "5")
        let last = dir.file("r3.csv", "a,b,c\n1,2,3\n4")
        #expect(inputError { _ = try readCSV(last, ["c"]) }?.line == 3)
    }

    @Test func invalidUTF8NamesLineAndColumn() throws {
        let bytes = Array("id,name,label\n1,ok,a\n2,caf".utf8) + [0xE9] + Array(",b\n".utf8)
        let path = dir.file("u.csv", bytes: bytes)
        // The bad byte is in a column that is not selected: still an error.
        let error = try #require(inputError { _ = try readCSV(path, ["label"]) })
        #expect(error.line == 3)
        #expect(error.column == 6)
        #expect(error.found == "byte 0xe9")
        // Valid multi-byte text passes.
        let good = dir.file("u2.csv", "id,name\n1,café 😀\n")
        #expect(try readCSV(good, ["name"]).rows == [["café 😀"]])
    }

    @Test func invalidUTF8InTheHeader() throws {
        let path = dir.file("uh.csv", bytes: Array("id,na".utf8) + [0xFF] + Array("me\n1,2\n".utf8))
        #expect(inputError { _ = try readCSV(path, ["id"]) }?.line == 1)
    }

    @Test func unterminatedQuoteNamesWhereItOpens() throws {
        let path = dir.file("uq.csv", "a,b\n1,2\n3,\"open\nstill open\n")
        let error = try #require(inputError { _ = try readCSV(path, ["a"]) })
        #expect(error.line == 3)
        #expect(error.field == "b")
        #expect(error.message?.contains("unterminated") == true)
        let header = dir.file("uq2.csv", "a,\"b\n")
        #expect(inputError { _ = try readCSV(header, ["a"]) }?.line == 1)
    }

    @Test func emptyFileIsAnError() throws {
        for (name, bytes) in [("e0.csv", [UInt8]()), ("e1.csv", [0xEF, 0xBB, 0xBF]), ("e2.csv", Array("\n\r\n".utf8))] {
            let path = dir.file(name, bytes: bytes)
            let error = try #require(inputError { _ = try CSVReader(path: path, displayPath: name, columns: ["id"]) })
            #expect(error.description == "\(name): file is empty, expected a header row")
        }
    }

    @Test func headerOnlyHasNoRows() throws {
        let path = dir.file("h.csv", "id,label\n")
        let reader = try CSVReader(path: path, displayPath: "h.csv", columns: ["label"])
        #expect(try readAll(reader).rows.isEmpty)
        #expect(reader.sha256 != nil)
    }

    @Test func blankLinesAreSkippedAndCounted() throws {
        let path = dir.file("b.csv", "\n\nid,v\n\n1,a\r\n\r\n\n2,b\n\n")
        let reader = try CSVReader(path: path, displayPath: "b.csv", columns: ["v", "id"])
        #expect(reader.headerLine == 3)
        let table = try readAll(reader)
        #expect(table.rows == [["a", "1"], ["b", "2"]])
        #expect(table.lines == [5, 8])
        // A quoted empty field is a row, not a blank line.
        let single = dir.file("b2.csv", "v\n\"\"\n\nx\n")
        #expect(try readCSV(single, ["v"]).rows == [[""], ["x"]])
    }

    @Test func sha256OfTheWholeFile() throws {
        let path = dir.file("abc.csv", "abc")
        let reader = try CSVReader(path: path, displayPath: "abc.csv", columns: ["abc"])
        _ = try readAll(reader)
        #expect(reader.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        // The BOM is hashed too (it is part of the file).
        let bom = dir.file("bom.csv", bytes: [0xEF, 0xBB, 0xBF] + Array("abc".utf8))
        let r2 = try CSVReader(path: bom, displayPath: "bom.csv", columns: ["abc"])
        _ = try readAll(r2)
        #expect(r2.sha256 == (try sha256Hex(ofFile: bom)))
        #expect(r2.sha256 != reader.sha256)
    }

    @Test func batchCapacityDoesNotChangeTheRows() throws {
        var text = "id,text,score\n"
        for i in 0..<500 {
            text += i % 7 == 0 ? "\(i),\"q \"\"\(i)\"\"\nx\",\(i).5\n" : "\(i),t\(i),\(i).5\n"
            if i % 50 == 0 { text += "\n" }
        }
        let path = dir.file("cap.csv", text)
        let whole = try readCSV(path, ["score", "text", "id"], capacity: 100_000)
        #expect(whole.rows.count == 500)
        for capacity in [1, 2, 3, 7, 64, 499, 500, 501] {
            #expect(try readCSV(path, ["score", "text", "id"], capacity: capacity) == whole)
        }
    }

    @Test func rowsAndQuotedFieldsStraddleChunkBoundaries() throws {
        var text = "id,text,score\n"
        for i in 0..<300 {
            let long = String(repeating: "w\(i % 10)", count: i % 40)
            switch i % 4 {
            case 0: text += "\(i),\"\(long),\"\"quoted\"\"\nnext line\",\(i)\r\n"
            case 1: text += "\(i),\(long),\(i)\n"
            case 2: text += "\(i),\"\(long)\",\(i)\n\n"
            default: text += "\(i),\"é😀\(long)\",\(i)\n"
            }
        }
        let path = dir.file("chunks.csv", text)
        let reference = try readCSV(path, ["text", "id", "score"])
        #expect(reference.rows.count == 300)
        for chunk in [1, 2, 3, 5, 16, 63, 64, 65, 100, 1000] {
            for carry in [0, 4, 64, 4096] {
                let table = try readCSV(path, ["text", "id", "score"], chunkSize: chunk, carrySize: carry, capacity: 37)
                #expect(table == reference, "chunk \(chunk), carry \(carry)")
            }
        }
    }

    @Test func errorsAreFoundAcrossChunkBoundaries() throws {
        var text = "a,b\n"
        for i in 0..<200 { text += "\(i),\"x\ny\"\n" }
        text += "bad\n"
        let path = dir.file("late.csv", text)
        for chunk in [7, 64, 1 << 20] {
            let error = inputError { _ = try readCSV(path, ["a"], chunkSize: chunk, carrySize: 16) }
            #expect(error?.line == 402)
        }
        let utf = dir.file("late-utf.csv", bytes: Array(text.utf8.dropLast(4)) + [0x61, 0xC3, 0x28, 0x2C, 0x62, 0x0A])
        for chunk in [7, 64, 1 << 20] {
            let error = inputError { _ = try readCSV(utf, ["a"], chunkSize: chunk, carrySize: 16) }
            #expect(error?.line == 402)
            #expect(error?.column == 2)
        }
    }

    @Test func fastScannerAgreesWithTheDefinition() throws {
        // Random files of awkward bytes, read with many chunk sizes, against `parseRowSlow`.
        var rng = SeededGenerator(seed: 42)
        let alphabet: [UInt8] = Array("ab,\",\"\n\r\n ;é".utf8)
        for trial in 0..<300 {
            let columns = Int.random(in: 1...4, using: &rng)
            var bytes = Array((0..<columns).map { "c\($0)" }.joined(separator: ",").utf8) + [0x0A]
            let length = Int.random(in: 0...200, using: &rng)
            var quoted = false
            for _ in 0..<length {
                var b = alphabet[Int.random(in: 0..<alphabet.count, using: &rng)]
                if b >= 0x80 { b = UInt8(ascii: "x") }
                if b == UInt8(ascii: "\"") { quoted.toggle() }
                bytes.append(b)
            }
            if quoted && Bool.random(using: &rng) { bytes.append(UInt8(ascii: "\"")) }
            let expected = slowParse(bytes, columnCount: columns)
            let path = dir.file("fuzz\(trial).csv", bytes: bytes)
            let names = (0..<columns).map { "c\($0)" }.reversed().map { $0 }
            for chunk in [1, 3, 64, 1 << 16] {
                let got: Result<Table, InputError>
                do {
                    got = .success(try readCSV(path, names, chunkSize: chunk, carrySize: 5, capacity: 3))
                } catch let error as InputError {
                    got = .failure(error)
                }
                switch (expected, got) {
                case (.success(let rows), .success(let table)):
                    #expect(table.rows == rows.map { Array($0.reversed()) }, "trial \(trial) chunk \(chunk)")
                case (.failure(let slow), .failure(let error)):
                    #expect(error.line == slow.line, "trial \(trial) chunk \(chunk): \(error)")
                default:
                    Issue.record("trial \(trial) chunk \(chunk): expected \(expected), got \(got)")
                }
            }
        }
    }

    @Test func invalidDelimiterIsRejected() throws {
        let path = dir.file("x.csv", "a\n")
        #expect(inputError {
            _ = try CSVReader(path: path, displayPath: "x.csv", options: CSVOptions(delimiter: UInt8(ascii: "\"")), columns: ["a"])
        }?.field == "delimiter")
    }
}

/// Rows of `bytes` by the definition (`parseRowSlow`), or the line of the first error.
private func slowParse(_ bytes: [UInt8], columnCount: Int) -> Result<[[String]], IntError> {
    var rows: [[String]] = []
    var line = 1
    var position = 0
    var first = true
    return bytes.withUnsafeBufferPointer { buffer in
        let p = buffer.baseAddress!
        while true {
            switch parseRowSlow(p, count: buffer.count, from: position, atEOF: true, delimiter: UInt8(ascii: ",")) {
            case .end: return .success(rows)
            case .needMore: return .failure(IntError(line: -1))
            case .blank(let next):
                position = next
                line += 1
            case .unterminated(let quote, _):
                return .failure(IntError(line: line + buffer[position..<quote].filter { $0 == 0x0A }.count))
            case .row(let fields, let next, let newlines):
                if !first {
                    if fields.count != columnCount { return .failure(IntError(line: line)) }
                    rows.append(fields.map { String(decoding: $0, as: UTF8.self) })
                }
                first = false
                position = next
                line += newlines
            }
        }
    }
}

private struct IntError: Error, Equatable {
    var line: Int
}
