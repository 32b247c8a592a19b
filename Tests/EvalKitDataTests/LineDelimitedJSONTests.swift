@testable import EvalKitData
import Testing

/// Tests of `JSONLReader` (named so as not to collide with the JSON parser's test files).
@Suite struct LineDelimitedJSONTests {
    let dir = TemporaryDirectory()

    @Test func eachValueType() throws {
        let path = dir.file("v.jsonl", """
            {"id": "a", "score": 0.25, "ok": true, "n": null, "big": -1.5E+3}
            {"id":"b\\"q\\\\\\/\\n\\t","score":10,"ok":false,"big":0}
            {"score": -0.0, "id": "caf\\u00e9 \\ud83d\\ude00 \\u20AC", "other": {"x": [1, {"y": null}]}}

            """)
        let table = try readJSONL(path, ["id", "score", "ok", "n", "big"])
        #expect(table.rows == [
            ["a", "0.25", "true", nil, "-1.5E+3"],
            ["b\"q\\/\n\t", "10", "false", nil, "0"],
            ["café 😀 €", "-0.0", nil, nil, nil],
        ])
        #expect(table.lines == [1, 2, 3])
    }

    @Test func blankLinesBOMAndCRLF() throws {
        let path = dir.file("b.jsonl", bytes: [0xEF, 0xBB, 0xBF] + Array("{\"a\":1}\r\n\r\n   \n\t{\"a\":2} \r\n\n{\"a\":3}".utf8))
        let table = try readJSONL(path, ["a"])
        #expect(table.rows == [["1"], ["2"], ["3"]])
        #expect(table.lines == [1, 4, 6])
    }

    @Test func emptyObjectsAndNoSelectedKeys() throws {
        let path = dir.file("e.jsonl", "{}\n{ }\n{\"x\": 1}\n")
        #expect(try readJSONL(path, ["a"]).rows == [[nil], [nil], [nil]])
        #expect(try readJSONL(path, []).rows == [[], [], []])
    }

    @Test func nestedSelectedValueIsAnError() throws {
        let path = dir.file("n.jsonl", "{\"a\": 1}\n{\"a\": {\"b\": 2}}\n")
        let error = try #require(inputError { _ = try readJSONL(path, ["a"]) })
        #expect(error.line == 2)
        #expect(error.column == 7)
        #expect(error.field == "a")
        #expect(error.description == "t.jsonl:2:7: field \"a\": expected a string, number or boolean, found an object")
        let array = dir.file("n2.jsonl", "{\"a\": [1]}\n")
        #expect(inputError { _ = try readJSONL(array, ["a"]) }?.found == "an array")
    }

    /// Each malformed line, with the 1-based byte column of the fault.
    @Test(arguments: [
        ("{\"a\": 1", 8),                   // missing }
        ("{\"a\": 1} x", 10),               // text after the object
        ("{\"a\" 1}", 6),                   // missing :
        ("{a: 1}", 2),                      // unquoted key
        ("{\"a\": 01}", 7),                 // leading zero
        ("{\"a\": 1.}", 7),                 // no digits after the point
        ("{\"a\": -}", 7),                  // lone minus
        ("{\"a\": tru}", 7),                // bad literal
        ("{\"a\": \"x\\q\"}", 9),           // bad escape
        ("{\"a\": \"\\ud800\"}", 8),        // lone high surrogate
        ("{\"a\": \"\\udc00\"}", 8),        // lone low surrogate
        ("{\"a\": \"\\u12\"}", 8),          // short \u escape
        ("{\"a\": \"open}", 7),             // unterminated string
        ("{\"a\": \"tab\there\"}", 11),     // raw control character
        ("[1, 2]", 1),                      // not an object
        ("{\"a\": 1,}", 9),                 // trailing comma
        ("{\"b\": [1, 2}", 12),             // bad array (unselected)
        ("{\"b\": \"\\x\"}", 8),            // bad escape (unselected)
        ("{\"a\": 1, \"a\": 2}", 15),       // duplicate selected key
    ])
    func malformedLines(line: String, column: Int) throws {
        let path = dir.file("m.jsonl", "{\"a\": 0}\n" + line + "\n")
        let error = try #require(inputError { _ = try readJSONL(path, ["a"]) })
        #expect(error.file == "t.jsonl")
        #expect(error.line == 2)
        #expect(error.column == column, "\(error)")
    }

    @Test func deepNestingIsRejectedNotCrashed() throws {
        let deep = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        let path = dir.file("d.jsonl", "{\"b\": \(deep)}\n")
        #expect(inputError { _ = try readJSONL(path, ["a"]) }?.line == 1)
        let fine = dir.file("d2.jsonl", "{\"b\": [[[{\"c\": [true, null, \"x\"]}]]], \"a\": \"k\"}\n")
        #expect(try readJSONL(fine, ["a"]).rows == [["k"]])
    }

    @Test func invalidUTF8NamesLineAndColumn() throws {
        let path = dir.file("u.jsonl", bytes: Array("{\"a\": 1}\n{\"b\": \"x".utf8) + [0xC0, 0x80] + Array("\"}\n".utf8))
        let error = try #require(inputError { _ = try readJSONL(path, ["a"]) })
        #expect(error.line == 2)
        #expect(error.column == 9)
    }

    @Test func emptyFileIsAnError() throws {
        for (name, text) in [("e0.jsonl", ""), ("e1.jsonl", "\n\n  \n")] {
            let error = try #require(inputError { _ = try readJSONL(dir.file(name, text), ["a"]) })
            #expect(error.message == "file is empty, expected one JSON object per line")
        }
    }

    @Test func escapedKeysMatch() throws {
        let path = dir.file("k.jsonl", "{\"sc\\u006fre\": 3, \"x\\\"y\": 4}\n")
        #expect(try readJSONL(path, ["score", "x\"y"]).rows == [["3", "4"]])
    }

    @Test func sha256OfTheWholeFile() throws {
        let path = dir.file("s.jsonl", "{\"a\": 1}\n")
        let reader = try JSONLReader(path: path, displayPath: "s.jsonl", columns: ["a"])
        _ = try readAll(reader)
        #expect(reader.sha256 == (try sha256Hex(ofFile: path)))
    }

    @Test func chunkBoundariesAndBatchSizesDoNotChangeTheRows() throws {
        var text = ""
        for i in 0..<300 {
            let pad = String(repeating: " ", count: i % 13)
            text += "{\"id\": \(i),\(pad)\"name\": \"n\\u00e9\\\"\(i)\", \"deep\": {\"k\": [\(i)]}, \"ok\": \(i % 2 == 0)}\n"
            if i % 17 == 0 { text += "\n" }
        }
        let path = dir.file("c.jsonl", text)
        let reference = try readJSONL(path, ["name", "id", "ok"])
        #expect(reference.rows.count == 300)
        #expect(reference.rows[1] == ["né\"1", "1", "false"])
        for chunk in [1, 7, 64, 1000] {
            for carry in [0, 16, 4096] {
                for capacity in [1, 5, 1000] {
                    #expect(try readJSONL(path, ["name", "id", "ok"], chunkSize: chunk, carrySize: carry,
                                          capacity: capacity) == reference)
                }
            }
        }
    }
}
