@testable import EvalKitData
import Foundation
import Testing

@Suite struct FastJSONTests {
    let dir = TemporaryDirectory()

    /// Opens `text` written to a file that errors name "t.json".
    func document(_ text: String) throws -> FastJSONDocument {
        try FastJSONDocument(path: dir.file("t.json", text), display: "t.json")
    }

    /// The error of reading `fields` of the array at `member` of `text`.
    func failure(_ text: String, member: String? = nil, _ fields: [JSONFieldRequest]) throws -> InputError {
        try #require(inputError { _ = try document(text).objectArray(member: member, fields: fields) })
    }

    static let groundTruth = """
        {"info": {"year": 2025}, "images": [
          {"id": 1, "file_name": "a.jpg", "width": 640, "height": 480, "lighting": "night"},
          {"id": 2, "file_name": "b.jpg", "width": 320, "height": 240, "lighting": "day", "weather": null}
        ],
        "annotations": [
          {"id": 10, "image_id": 1, "category_id": 3, "bbox": [1.5, 2, 30.25, 40], "area": 1210, "iscrowd": 0,
           "attributes": {"plate": "AB12", "colour": "red"}},
          {"id": 11, "image_id": 2, "category_id": 1, "bbox": [0, 0, 1e2, 5E-1], "area": 50.5,
           "attributes": {"plate": "caf\\u00e9 \\"x\\""}, "segmentation": [[1, 2, 3]]}
        ],
        "categories": [{"id": 1, "name": "person", "supercategory": "object"}, {"id": 3, "name": "car"}]}
        """

    @Test func cocoGroundTruth() throws {
        let doc = try document(Self.groundTruth)
        #expect(!doc.rootIsArray)
        #expect(doc.hasMember("annotations") && doc.hasMember("info") && !doc.hasMember("segments"))

        let images = try doc.objectArray(member: "images", fields: [JSONFieldRequest("id", .integer, required: true)])
        #expect(images.count == 2)
        #expect(images.integers["id"] == [1, 2])
        #expect(images.present == nil)
        #expect(images.extraKeys == ["file_name", "width", "height", "lighting", "weather"])

        let annotations = try doc.objectArray(member: "annotations", fields: [
            JSONFieldRequest("id", .integer, required: true), JSONFieldRequest("image_id", .integer, required: true),
            JSONFieldRequest("category_id", .integer, required: true), JSONFieldRequest("bbox", .box, required: true),
            JSONFieldRequest("area", .number), JSONFieldRequest("iscrowd", .integer),
            JSONFieldRequest("attributes.plate", .text), JSONFieldRequest("attributes.size", .text),
        ])
        #expect(annotations.count == 2)
        #expect(annotations.integers["id"] == [10, 11])
        #expect(annotations.integers["image_id"] == [1, 2])
        #expect(annotations.integers["category_id"] == [3, 1])
        #expect(annotations.integers["iscrowd"] == [0, .min])
        #expect(annotations.boxes["bbox"] == [1.5, 2, 30.25, 40, 0, 0, 100, 0.5])
        #expect(annotations.numbers["area"] == [1210, 50.5])
        #expect(annotations.texts["attributes.plate"] == ["AB12", "café \"x\""])
        #expect(annotations.texts["attributes.size"] == [nil, nil])
        #expect(annotations.present?["iscrowd"] == [true, false])
        #expect(annotations.present?["area"] == [true, true])
        #expect(annotations.present?["bbox"] == nil)
        #expect(annotations.extraKeys == ["attributes.colour", "segmentation"])

        let categories = try doc.objectArray(member: "categories", fields: [
            JSONFieldRequest("id", .integer, required: true), JSONFieldRequest("name", .text, required: true),
        ])
        #expect(categories.integers["id"] == [1, 3])
        #expect(categories.texts["name"] == ["person", "car"])
        #expect(categories.extraKeys == ["supercategory"])
        // The document can be read again.
        #expect(try doc.objectArray(member: "images", fields: []).count == 2)
    }

    @Test func resultsArray() throws {
        let doc = try document("""
            [{"image_id": 1, "category_id": 3, "bbox": [10, 20.5, 30, 40], "score": 0.25},
             {"image_id": 1, "category_id": 2, "bbox": [-1.5e3, 0, 1, 2], "score": 1},
             {"category_id": 2, "image_id": 9007199254740993, "score": 5e-324, "bbox": [0, 0, 0, 0]}]
            """)
        #expect(doc.rootIsArray)
        #expect(!doc.hasMember("annotations"))
        let results = try doc.objectArray(member: nil, fields: [
            JSONFieldRequest("image_id", .integer, required: true), JSONFieldRequest("category_id", .integer, required: true),
            JSONFieldRequest("bbox", .box, required: true), JSONFieldRequest("score", .number, required: true),
        ])
        #expect(results.count == 3)
        #expect(results.integers["image_id"] == [1, 1, 9_007_199_254_740_993])
        #expect(results.integers["category_id"] == [3, 2, 2])
        #expect(results.boxes["bbox"] == [10, 20.5, 30, 40, -1500, 0, 1, 2, 0, 0, 0, 0])
        #expect(results.numbers["score"] == [0.25, 1, .leastNonzeroMagnitude])
        #expect(results.extraKeys.isEmpty)
    }

    @Test func emptyArrays() throws {
        let doc = try document("{\"annotations\": [], \"images\": [ ]}")
        let fields = [JSONFieldRequest("id", .integer, required: true), JSONFieldRequest("name", .text)]
        let columns = try doc.objectArray(member: "annotations", fields: fields)
        #expect(columns.count == 0)
        #expect(columns.integers["id"] == [])
        #expect(columns.texts["name"] == [])
        #expect(try document("[]").objectArray(member: nil, fields: fields).count == 0)
    }

    @Test func textsAndAbsentValues() throws {
        let doc = try document("""
            [{"t": "a\\tb", "n": 2.5, "i": -9223372036854775808, "b": [1, 2, 3, 4], "p": {"q": 1}},
             {"t": 3, "n": null, "i": null, "b": null, "p": null},
             {"t": true},
             {"t": false, "p": {}},
             {"t": null, "p": {"q": "x"}},
             {"t": 2.50, "sc\\u006fre": 1}]
            """)
        let columns = try doc.objectArray(member: nil, fields: [
            JSONFieldRequest("t", .text), JSONFieldRequest("n", .number), JSONFieldRequest("i", .integer),
            JSONFieldRequest("b", .box), JSONFieldRequest("p.q", .text), JSONFieldRequest("score", .integer),
        ])
        #expect(columns.texts["t"] == ["a\tb", "3", "true", "false", nil, "2.50"])
        #expect(columns.texts["p.q"] == ["1", nil, nil, nil, "x", nil])
        #expect(columns.integers["i"] == [.min, .min, .min, .min, .min, .min])
        #expect(columns.present?["i"] == [true, false, false, false, false, false])
        #expect(columns.present?["t"] == [true, true, true, true, false, true])
        #expect(columns.integers["score"] == [.min, .min, .min, .min, .min, 1])
        let n = try #require(columns.numbers["n"])
        #expect(n[0] == 2.5 && n[1...].allSatisfy(\.isNaN))
        let b = try #require(columns.boxes["b"])
        #expect(Array(b[0..<4]) == [1, 2, 3, 4] && b[4...].allSatisfy(\.isNaN))
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let path = dir.file("bom.json", bytes: [0xEF, 0xBB, 0xBF] + Array("[{\"a\": 1}]".utf8))
        let columns = try FastJSONDocument(path: path, display: "bom.json")
            .objectArray(member: nil, fields: [JSONFieldRequest("a", .integer)])
        #expect(columns.integers["a"] == [1])
        let bad = dir.file("bom2.json", bytes: [0xEF, 0xBB, 0xBF] + Array("[{\"a\": 1.5}]".utf8))
        let error = try #require(inputError {
            _ = try FastJSONDocument(path: bad, display: "bom2.json").objectArray(member: nil, fields: [JSONFieldRequest("a", .integer)])
        })
        #expect(error.description == "bom2.json:1:8 ([0].a): field \"a\": expected an integer, found 1.5")
    }

    // MARK: Errors

    @Test func missingEmptyAndUnreadableFiles() throws {
        let missing = try #require(inputError { _ = try FastJSONDocument(path: dir.path + "/none.json", display: "none.json") })
        #expect(missing.description == "none.json: file not found")
        let directory = try #require(inputError { _ = try FastJSONDocument(path: dir.path, display: "d") })
        #expect(directory.description == "d: is a directory, expected a file")
        for text in ["", " \n\t "] {
            let empty = try #require(inputError { _ = try document(text) })
            #expect(empty.description == "t.json: file is empty, expected a JSON value")
        }
    }

    @Test func invalidUTF8() throws {
        let path = dir.file("u.json", bytes: Array("[{\"a\": 1},\n {\"b\": \"x".utf8) + [0xC0, 0x80] + Array("\"}]".utf8))
        let error = try #require(inputError { _ = try FastJSONDocument(path: path, display: "u.json") })
        #expect(error.description == "u.json:2:10: file is not valid UTF-8 at byte offset 20 (bytes 0xc0 0x80)")
    }

    /// Malformed JSON is placed by its byte offset.
    @Test(arguments: [
        ("[{\"a\": 1},\n {\"a\": 2,, \"b\": 3}]", 2, 10, "not valid JSON at byte offset 20 (simdjson: TAPE_ERROR"),
        ("[{\"a\": 1}\n {\"a\": 2}]", 2, 2, "not valid JSON at byte offset 11 (simdjson: TAPE_ERROR"),
        ("[{\"a\": 1}] x", 1, 12, "not valid JSON at byte offset 11 (simdjson: INCOMPLETE_ARRAY_OR_OBJECT"),
        ("[{\"a\": 1},\n {\"a\": 2}", 2, 9, "not valid JSON at byte offset 19 (simdjson: INCOMPLETE_ARRAY_OR_OBJECT"),
        ("[{\"a\": tru}]", 1, 8, "not valid JSON at byte offset 7 (simdjson: T_ATOM_ERROR"),
        ("[{\"a\": 01}]", 1, 8, "not valid JSON at byte offset 7 (simdjson: NUMBER_ERROR"),
        ("[{\"a\" 1}]", 1, 7, "not valid JSON at byte offset 6 (simdjson: TAPE_ERROR"),
        ("[{\"a\": nul}]", 1, 8, "not valid JSON at byte offset 7 (simdjson: N_ATOM_ERROR"),
    ])
    func malformed(text: String, line: Int, column: Int, message: String) throws {
        let error = try failure(text, [JSONFieldRequest("a", .number)])
        #expect(error.file == "t.json")
        #expect(error.line == line && error.column == column, "\(error)")
        #expect(error.message?.hasPrefix(message) == true, "\(error)")
    }

    @Test func unclosedStringHasNoPosition() throws {
        let error = try #require(inputError { _ = try document("[{\"a\": \"x}]") })
        #expect(error.line == nil)
        #expect(error.message?.hasPrefix("not valid JSON (simdjson: UNCLOSED_STRING") == true, "\(error)")
    }

    /// Python's json writes NaN and Infinity for float nan and inf; they are not JSON.
    @Test func pythonNaNAndInfinity() throws {
        let fields = [JSONFieldRequest("bbox", .box, required: true), JSONFieldRequest("score", .number, required: true)]
        let nan = try failure("[{\"bbox\": [1, 2, 3, 4], \"score\": 0.5},\n {\"bbox\": [1, 2, 3, 4], \"score\": NaN}]", fields)
        #expect(nan.description == "t.json:2:34 ([1].score): field \"score\": NaN is not a JSON number (Python's json "
            + "writes NaN for a float nan): a coordinate or score is missing")
        let inf = try failure("[{\"bbox\": [1, Infinity, 3, 4], \"score\": 0.5}]", fields)
        #expect(inf.description == "t.json:1:15 ([0].bbox): field \"bbox\": Infinity is not a JSON number (Python's json "
            + "writes Infinity for a float inf): a coordinate or score is infinite")
        let negative = try failure("[{\"bbox\": [1, 2, 3, 4], \"score\": -Infinity}]", fields)
        #expect(negative.line == 1 && negative.column == 34)
        #expect(negative.message?.hasPrefix("-Infinity is not a JSON number") == true)
        let text = try failure("[{\"t\": NaN}]", [JSONFieldRequest("t", .text)])
        #expect(text.column == 8 && text.message?.hasPrefix("NaN is not") == true)
        let root = try #require(inputError { _ = try document("NaN") })
        #expect(root.line == 1 && root.column == 1 && root.message?.hasPrefix("NaN is not") == true)
    }

    @Test func rootOfTheWrongType() throws {
        let id = [JSONFieldRequest("id", .integer)]
        #expect(try failure("{\"a\": []}", id).description == "t.json:1:1: expected an array at the root, found an object")
        #expect(try failure("[{\"a\": []}]", member: "a", id).description
            == "t.json:1:1: expected an object at the root, found an array")
        #expect(try failure(" \"text\"", id).description == "t.json:1:2: expected an array at the root, found \"text\"")
        #expect(try failure("42", member: "a", id).description == "t.json:1:1: expected an object at the root, found 42")
    }

    @Test func memberMissingOrNotAnArray() throws {
        let id = [JSONFieldRequest("id", .integer)]
        #expect(try failure("{\"images\": []}", member: "annotations", id).description
            == "t.json:1:1: expected an array \"annotations\", found an object without that key")
        #expect(try failure("{\"images\": [],\n \"annotations\": {\"id\": 1}}", member: "annotations", id).description
            == "t.json:2:17 (annotations): expected an array, found an object")
        #expect(try failure("{\"annotations\": \"none\"}", member: "annotations", id).description
            == "t.json:1:17 (annotations): expected an array, found \"none\"")
        #expect(try failure("{\"annotations\": [], \"annotations\": []}", member: "annotations", id).description
            == "t.json:1:21 (annotations): found a second \"annotations\" key")
    }

    @Test func elementNotAnObject() throws {
        let id = [JSONFieldRequest("id", .integer)]
        #expect(try failure("{\"images\": [{\"id\": 1},\n 5]}", member: "images", id).description
            == "t.json:2:2 (images[1]): expected an object, found 5")
        #expect(try failure("[[1, 2]]", id).description == "t.json:1:2 ([0]): expected an object, found an array")
        #expect(try failure("[null]", id).description == "t.json:1:2 ([0]): expected an object, found null")
    }

    @Test func requiredFieldAbsent() throws {
        let fields = [JSONFieldRequest("id", .integer), JSONFieldRequest("bbox", .box, required: true)]
        #expect(try failure("{\"annotations\": [{\"bbox\": [1, 2, 3, 4]},\n  {\"id\": 2}]}", member: "annotations", fields).description
            == "t.json:2:3 (annotations[1].bbox): field \"bbox\": missing required key \"bbox\"; expected an array of 4 numbers")
        #expect(try failure("[{\"bbox\": null}]", fields).description
            == "t.json:1:11 ([0].bbox): field \"bbox\": expected an array of 4 numbers, found null")
        let plate = [JSONFieldRequest("attributes.colour", .text), JSONFieldRequest("attributes.plate", .text, required: true)]
        #expect(try failure("[{\"attributes\": {\"colour\": \"red\"}}]", plate).description
            == "t.json:1:17 ([0].attributes.plate): field \"attributes.plate\": missing required key \"plate\"; "
            + "expected a string, number or boolean")
        #expect(try failure("[{\"id\": 1}]", plate).description
            == "t.json:1:2 ([0].attributes): field \"attributes.plate\": missing required key \"attributes\"; expected an object")
        #expect(try failure("[{\"attributes\": 5}]", plate).description
            == "t.json:1:17 ([0].attributes): field \"attributes.plate\": expected an object, found 5")
        #expect(try failure("[{\"attributes\": {\"plate\": null}}]", plate).description
            == "t.json:1:27 ([0].attributes.plate): field \"attributes.plate\": expected a string, number or boolean, found null")
    }

    @Test func boxOfTheWrongShape() throws {
        let bbox = [JSONFieldRequest("bbox", .box, required: true)]
        #expect(try failure("[{\"bbox\": [1, 2, 3]}]", bbox).description
            == "t.json:1:11 ([0].bbox): field \"bbox\": expected an array of 4 numbers, found [1, 2, 3]")
        #expect(try failure("[{\"bbox\": [1, 2, 3, 4, 5]}]", bbox).found == "[1, 2, 3, 4, 5]")
        #expect(try failure("[{\"bbox\": [1, \"2\", 3, 4]}]", bbox).found == "[1, \"2\", 3, 4]")
        #expect(try failure("[{\"bbox\": [[1, 2], 3, 4, 5]}]", bbox).found == "[[1, 2], 3, 4, 5]")
        #expect(try failure("[{\"bbox\": \"1,2,3,4\"}]", bbox).description
            == "t.json:1:11 ([0].bbox): field \"bbox\": expected an array of 4 numbers, found \"1,2,3,4\"")
        #expect(try failure("[{\"bbox\": {\"x\": 1}}]", bbox).found == "an object")
        let long = "[" + (0..<40).map(String.init).joined(separator: ", ") + "]"
        #expect(try failure("[{\"bbox\": \(long)}]", bbox).found == String(long.prefix(60)) + "…")
    }

    @Test func integerFields() throws {
        let id = [JSONFieldRequest("id", .integer)]
        #expect(try failure("[{\"id\": 1},\n{\"id\": 2.5}]", id).description
            == "t.json:2:8 ([1].id): field \"id\": expected an integer, found 2.5")
        #expect(try failure("[{\"id\": 1e2}]", id).found == "1e2")
        #expect(try failure("[{\"id\": 3.0}]", id).found == "3.0")
        #expect(try failure("[{\"id\": \"3\"}]", id).description == "t.json:1:9 ([0].id): field \"id\": expected an integer, found \"3\"")
        #expect(try failure("[{\"id\": true}]", id).found == "true")
        #expect(try failure("[{\"id\": 9223372036854775808}]", id).description == "t.json:1:9 ([0].id): field \"id\": "
            + "expected an integer from -9223372036854775808 to 9223372036854775807, found 9223372036854775808")
        #expect(try failure("[{\"id\": -9223372036854775809}]", id).expected?.hasPrefix("an integer from") == true)
    }

    @Test func numbersOutOfRange() throws {
        #expect(try failure("[{\"s\": 1e400}]", [JSONFieldRequest("s", .number)]).description
            == "t.json:1:8 ([0].s): field \"s\": expected a number within the range of a double, found 1e400")
        #expect(try failure("[{\"s\": [1, 2, -1e999, 4]}]", [JSONFieldRequest("s", .box)]).description
            == "t.json:1:15 ([0].s): field \"s\": expected a number within the range of a double, found -1e999")
        #expect(try failure("[{\"s\": \"x\"}]", [JSONFieldRequest("s", .number)]).found == "\"x\"")
        // Text keeps a number's source text, in range or not.
        let texts = try document("[{\"s\": 1e400}]").objectArray(member: nil, fields: [JSONFieldRequest("s", .text)])
        #expect(texts.texts["s"] == ["1e400"])
        #expect(try failure("[{\"s\": [1]}]", [JSONFieldRequest("s", .text)]).description
            == "t.json:1:8 ([0].s): field \"s\": expected a string, number or boolean, found [1]")
    }

    @Test func duplicateKeys() throws {
        let fields = [JSONFieldRequest("bbox", .box), JSONFieldRequest("attributes.plate", .text)]
        #expect(try failure("[{\"bbox\": [1, 2, 3, 4],\n  \"bbox\": [1, 2, 3, 4]}]", fields).description
            == "t.json:2:3 ([0].bbox): field \"bbox\": found a second \"bbox\" key")
        #expect(try failure("[{\"attributes\": {\"plate\": \"a\", \"plate\": \"b\"}}]", fields).description
            == "t.json:1:32 ([0].attributes.plate): field \"attributes.plate\": found a second \"plate\" key")
        #expect(try failure("[{\"attributes\": {}, \"attributes\": {}}]", fields).description
            == "t.json:1:21 ([0].attributes): field \"attributes.plate\": found a second \"attributes\" key")
        // Keys not requested are not checked.
        let doc = try document("[{\"x\": 1, \"x\": 2, \"bbox\": [1, 2, 3, 4]}]")
        #expect(try doc.objectArray(member: nil, fields: fields).extraKeys == ["x"])
    }

    @Test func documentIsUsableAfterAnError() throws {
        let doc = try document("{\"a\": [{\"id\": 1.5}], \"b\": [{\"id\": 2}]}")
        #expect(inputError { _ = try doc.objectArray(member: "a", fields: [JSONFieldRequest("id", .integer)]) } != nil)
        #expect(doc.hasMember("b"))
        #expect(try doc.objectArray(member: "b", fields: [JSONFieldRequest("id", .integer)]).integers["id"] == [2])
    }

    // MARK: Agreement with Foundation

    /// On a random file, the columns hold what JSONSerialization reads, and every number is the
    /// correctly rounded value of its text (Swift's `Double(String)`) to the last bit.
    /// JSONSerialization itself is not compared for numbers: on Linux it is off by an ulp for
    /// some 17-digit numbers (3.0743685686425038e+113 reads as 3.0743685686425028e+113).
    @Test func agreesWithJSONSerialization() throws {
        var random = SeededGenerator(seed: 7)
        func number() -> String {
            switch Int.random(in: 0..<4, using: &random) {
            case 0:
                let magnitude = Double(bitPattern: UInt64.random(in: 0..<0x7FF0_0000_0000_0000, using: &random))
                return "\(Bool.random(using: &random) ? magnitude : -magnitude)"
            case 1:
                return "\(Int.random(in: -99999...99999, using: &random)).\(UInt64.random(in: 0...UInt64.max, using: &random))"
            case 2:
                let mantissa = "\(Int.random(in: 1...9, using: &random)).\(Int.random(in: 0...999_999, using: &random))"
                return mantissa + "e\(Int.random(in: -300...300, using: &random))"
            default:
                return "\(Int.random(in: -1_000_000...1_000_000, using: &random))"
            }
        }
        let strings = ["plain", "caf\\u00e9", "tab\\there", "quote \\\" and \\\\", "😀 ✓", "\\ud83d\\ude00", ""]
        var objects: [String] = []
        var boxTexts: [[String]] = []
        var scoreTexts: [String?] = []
        for _ in 0..<3000 {
            let box = (0..<4).map { _ in number() }
            let score = Bool.random(using: &random) ? number() : nil
            var members = ["\"id\": \(Int64.random(in: .min ... .max, using: &random))", "\"bbox\": [\(box.joined(separator: ", "))]"]
            if let score { members.append("\"score\": \(score)") }
            if Bool.random(using: &random) { members.append("\"name\": \"\(strings.randomElement(using: &random)!)\"") }
            if Bool.random(using: &random) { members.append("\"meta\": {\"k\": [1, {\"x\": null}]}") }
            members.shuffle(using: &random)
            objects.append("{" + members.joined(separator: ", ") + "}")
            boxTexts.append(box)
            scoreTexts.append(score)
        }
        let text = "{\"results\": [\n" + objects.joined(separator: ",\n") + "\n]}"
        let columns = try document(text).objectArray(member: "results", fields: [
            JSONFieldRequest("id", .integer, required: true), JSONFieldRequest("bbox", .box, required: true),
            JSONFieldRequest("score", .number), JSONFieldRequest("name", .text),
        ])

        let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let reference = try #require(root["results"] as? [[String: Any]])
        #expect(columns.count == reference.count)
        #expect(columns.extraKeys == ["meta"])
        for (i, object) in reference.enumerated() {
            #expect(columns.integers["id"]?[i] == (object["id"] as? NSNumber)?.int64Value)
            #expect(columns.texts["name"]?[i] == object["name"] as? String)
            #expect(columns.present?["score"]?[i] == (object["score"] != nil))
            #expect(Array(columns.boxes["bbox"]![4 * i ..< 4 * i + 4]) == boxTexts[i].map { Double($0)! }, "object \(i)")
            if let score = scoreTexts[i] {
                #expect(columns.numbers["score"]?[i] == Double(score)!, "object \(i): \(score)")
            } else {
                #expect(columns.numbers["score"]?[i].isNaN == true)
            }
        }
    }
}
