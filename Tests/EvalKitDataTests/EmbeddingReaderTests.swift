@testable import EvalKitData
import Foundation
import Testing

/// The fixtures of Tests/Fixtures/embeddings, written by numpy (make_fixtures.py), and what the
/// script recorded about them (expected.json: the good matrix's float32 bit patterns, sha256s).
enum EmbeddingFixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/embeddings").path

    static func path(_ name: String) -> String { directory + "/" + name }

    /// expected.json, read with the project's parser (Foundation's misrounds some numbers).
    static let expected: JSONNode = try! JSONParser.parse(
        readSmallFile(path: path("expected.json"), display: "expected.json"), file: "expected.json")

    /// A list of rows of hex bit patterns from expected.json, flattened.
    static func bits(_ key: String) -> [UInt32] {
        expected[key]!.arrayItems!.flatMap { $0.arrayItems!.map { UInt32($0.stringValue!, radix: 16)! } }
    }

    /// The good matrix's values as bit patterns, row-major.
    static var bits: [UInt32] { bits("bits") }

    static var shape: [Int] { expected["shape"]!.arrayItems!.map { Int($0.numberValue!) } }

    static func sha256(_ name: String) -> String { expected["sha256"]![name]!.stringValue! }

    static func read(_ name: String) throws -> EmbeddingMatrix {
        try EmbeddingReader.read(path: path(name), displayPath: name).matrix
    }

    /// The `InputError` that reading `name` (displayed as itself) throws.
    static func error(_ name: String) -> InputError? {
        inputError { _ = try EmbeddingReader.read(path: path(name), displayPath: name) }
    }
}

/// A `.npy` file's bytes: magic, version, header length, `header` padded to a multiple of 64 with
/// a newline, then `values` as little-endian float32.
func npyBytes(_ header: String, values: [Float] = [], major: UInt8 = 1) -> [UInt8] {
    let lengthSize = major == 1 ? 2 : 4
    var text = Array(header.utf8)
    let unpadded = 8 + lengthSize + text.count + 1
    text += repeatElement(UInt8(ascii: " "), count: (64 - unpadded % 64) % 64) + [0x0A]
    var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [major, 0]
    bytes += (0..<lengthSize).map { UInt8(truncatingIfNeeded: text.count >> (8 * $0)) }
    bytes += text
    values.withUnsafeBytes { bytes += $0 }  // a little-endian machine's floats are '<f4'
    return bytes
}

@Suite struct EmbeddingReaderTests {
    let dir = TemporaryDirectory()

    // MARK: Reading

    @Test(arguments: ["good_v1.npy", "good_v2.npy", "good_v3.npy"])
    func npyVersionsReadBitForBit(name: String) throws {
        let (matrix, files) = try EmbeddingReader.read(path: EmbeddingFixtures.path(name), displayPath: "emb/" + name)
        #expect([matrix.rows, matrix.columns] == EmbeddingFixtures.shape)
        #expect(matrix.values.map(\.bitPattern) == EmbeddingFixtures.bits)
        #expect(files.map(\.path) == ["emb/" + name])
        #expect(files.map(\.sha256) == [EmbeddingFixtures.sha256(name)])
    }

    @Test func rawFileWithJSONHeaderReadsBitForBitAndReportsBothFiles() throws {
        let (matrix, files) = try EmbeddingReader.read(path: EmbeddingFixtures.path("good.json"), displayPath: "emb/good.json")
        #expect([matrix.rows, matrix.columns] == EmbeddingFixtures.shape)
        #expect(matrix.values.map(\.bitPattern) == EmbeddingFixtures.bits)
        #expect(files.map(\.path) == ["emb/good.json", "emb/good.f32"])
        #expect(files.map(\.sha256) == [EmbeddingFixtures.sha256("good.json"), EmbeddingFixtures.sha256("good.f32")])
    }

    /// The digest is the one `sha256Hex(ofFile:)` (and `sha256sum`) gives for the whole file.
    @Test func digestIsTheWholeFiles() throws {
        let path = EmbeddingFixtures.path("nonfinite.npy")
        let (_, files) = try EmbeddingReader.read(path: path, displayPath: "nonfinite.npy")
        #expect(files[0].sha256 == (try sha256Hex(ofFile: path)))
    }

    @Test func matrixWithNoRowsIsRead() throws {
        let (matrix, _) = try EmbeddingReader.read(path: EmbeddingFixtures.path("empty_rows.npy"), displayPath: "e.npy")
        #expect(matrix.rows == 0 && matrix.columns == 4 && matrix.values.isEmpty)
        #expect(matrix.firstNonFinite() == nil)
        var copy = matrix
        #expect(copy.normalizeRows() == [])
    }

    /// A matrix of several 1 MiB read pieces and a partial one, written here (values i * 0.25 - 7).
    @Test func largeMatrixAcrossReadPieces() throws {
        let rows = 2100, columns = 513
        let values = (0..<(rows * columns)).map { Float($0 % 4099) * 0.25 - 7 }
        let bytes = npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (\(rows), \(columns)), }", values: values)
        let path = dir.file("large.npy", bytes: bytes)
        let (matrix, files) = try EmbeddingReader.read(path: path, displayPath: "large.npy")
        #expect(matrix.rows == rows && matrix.columns == columns)
        #expect(matrix.values == values)
        #expect(files[0].sha256 == sha256Hex(of: bytes))
    }

    // MARK: The .npy header

    /// Key order, spacing, quotes, trailing commas and Python 2's `L` suffix do not matter.
    @Test(arguments: [
        "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }",
        "{'shape': (2, 3), 'fortran_order': False, 'descr': '<f4'}",
        "{\"descr\":\"<f4\",\"fortran_order\":False,\"shape\":(2,3)}",
        "  {  'descr' :  u'<f4' ,\n 'fortran_order' : False ,\t'shape' : ( 2 , 3 , ) , }  ",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (2L, 3L)}",
    ])
    func headerSpellingsAreRead(header: String) throws {
        let values: [Float] = [1, 2, 3, 4, 5, 6.5]
        let path = dir.file("h.npy", bytes: npyBytes(header, values: values))
        let (matrix, _) = try EmbeddingReader.read(path: path, displayPath: "h.npy")
        #expect(matrix.rows == 2 && matrix.columns == 3 && matrix.values == values)
    }

    @Test func headerParsesPythonLiterals() throws {
        func text(_ s: String) throws -> String { try PythonLiteralParser.parse(Array(s.utf8), utf8: true).text }
        #expect(try text("(5,)") == "(5,)")
        #expect(try text("(5)") == "5")
        #expect(try text("()") == "()")
        #expect(try text("[('a', '<f4'), ('b', '<i8')]") == "[('a', '<f4'), ('b', '<i8')]")
        #expect(try text("{'a': None, 'b': True, 'c': -3, 'd': 'it\\'s'}") == "{'a': None, 'b': True, 'c': -3, 'd': 'it's'}")
        #expect(throws: PythonLiteralError.self) { try text("{'a': 1, 'a': 2}") }
        #expect(throws: PythonLiteralError.self) { try text("(1.5, 2)") }
        #expect(throws: PythonLiteralError.self) { try text("Truest") }
        #expect(throws: PythonLiteralError.self) { try text("(99999999999999999999,)") }
        #expect(throws: PythonLiteralError.self) { try text(String(repeating: "(", count: 40)) }
        #expect(throws: PythonLiteralError.self) { try text("{'a': 1} x") }
    }

    @Test func dtypeDescriptions() {
        #expect(describeNumPyDescr("<f8") == "float64")
        #expect(describeNumPyDescr(">f4") == "big-endian float32")
        #expect(describeNumPyDescr("<f2") == "float16")
        #expect(describeNumPyDescr("<i8") == "int64")
        #expect(describeNumPyDescr("|u1") == "uint8")
        #expect(describeNumPyDescr("|b1") == "bool")
        #expect(describeNumPyDescr("<U10") == "Unicode strings")
        #expect(describeNumPyDescr("|O") == "Python objects")
        #expect(describeNumPyDescr("<M8[ns]") == "datetime64")
        #expect(describeNumPyDescr("float32") == nil)
    }

    // MARK: Bad files

    /// numpy-written files that are not a C-ordered 2-D '<f4' array of the right size.
    @Test(arguments: [
        ("big_endian.npy", "big_endian.npy: unsupported dtype: expected little-endian float32 ('<f4'), found '>f4' "
            + "(big-endian float32); convert it with numpy: np.save(path, array.astype('<f4'))"),
        ("float64.npy", "float64.npy: unsupported dtype: expected little-endian float32 ('<f4'), found '<f8' (float64); "
            + "convert it with numpy: np.save(path, array.astype('<f4'))"),
        ("fortran.npy", "fortran.npy: the array is stored in Fortran (column-major) order: expected fortran_order False "
            + "(row-major, C order), found True; save a C-ordered copy: np.save(path, np.ascontiguousarray(array))"),
        ("three_d.npy", "three_d.npy: the array is not 2-D: expected a 2-D shape (templates, dimensions), found (2, 2, 2) (3-D)"),
        ("one_d.npy", "one_d.npy: the array is not 2-D: expected a 2-D shape (templates, dimensions), found (3,) (1-D); "
            + "save array.reshape(1, -1) for one embedding"),
        ("zero_columns.npy", "zero_columns.npy: the embeddings have no dimensions: expected at least 1 column, found shape (3, 0)"),
        ("truncated.npy", "truncated.npy: the data is truncated: expected 48 bytes of data (3 × 4 float32 values after a "
            + "128-byte header), found 45 bytes; the data is not a whole number of float32 values"),
        ("trailing.npy", "trailing.npy: unexpected bytes after the data: expected 48 bytes of data (3 × 4 float32 values "
            + "after a 128-byte header), found 52 bytes (4 more); the data holds 13 float32 values, not a whole number of rows of 4"),
        ("bad_magic.npy", "bad_magic.npy: not a NumPy .npy file: expected the .npy magic string \\x93NUMPY, found "
            + "b'\\x94NUMPY\\x01\\x00'; for raw float32 data, give a JSON header (a .json file) describing it: {\"file\": "
            + "\"x.f32\", \"dtype\": \"float32\", \"byte_order\": \"little\", \"order\": \"C\", \"shape\": [rows, columns]}"),
        ("version_4.npy", "version_4.npy: unsupported .npy format version: expected 1.0, 2.0 or 3.0, found 4.0; "
            + "save the array again with numpy's np.save"),
        ("missing.npy", "missing.npy: file not found"),
    ])
    func badFixtureIsAnInputErrorNamingTheFile(name: String, description: String) {
        let error = EmbeddingFixtures.error(name)
        #expect(error?.file == name)
        #expect(error?.description == description)
    }

    /// Headers written here: what numpy would never write, and what it writes for other arrays.
    @Test(arguments: [
        ("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), 'extra': 1}",
         "unexpected key 'extra' in the .npy header: expected only 'descr', 'fortran_order' and 'shape'"),
        ("{'descr': '<f4', 'shape': (3, 2)}", "the .npy header has no 'fortran_order'"),
        ("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2}",
         "cannot parse the .npy header (byte 55 of the header): expected ',' or ')', found \"}\"; "
            + "the header reads \"{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2}\""),
        ("{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (3, 2)}",
         "cannot parse the .npy header (byte 17 of the header): expected each key once, found 'descr' a second time; "
            + "the header reads \"{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (3, 2)}\""),
        ("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (3, 2)}",
         "unsupported dtype: expected little-endian float32 ('<f4'), found a structured dtype [('a', '<f4')]; "
            + "convert it with numpy: np.save(path, array.astype('<f4'))"),
        ("{'descr': '<f4', 'fortran_order': 0, 'shape': (3, 2)}",
         "bad 'fortran_order' in the .npy header: expected True or False, found 0"),
        ("{'descr': '<f4', 'fortran_order': False, 'shape': 3}",
         "bad 'shape' in the .npy header: expected a tuple of sizes such as (20000, 512), found 3"),
        ("{'descr': '<f4', 'fortran_order': False, 'shape': (3, -2)}",
         "bad 'shape' in the .npy header: expected non-negative integer sizes, found (3, -2)"),
        ("['descr']", "the .npy header is not a dict: expected {'descr': ..., 'fortran_order': ..., 'shape': ...}, "
            + "found \"['descr']\""),
        ("{'descr': '<f4', 'fortran_order': False, 'shape': (4611686018427387904, 2)}",
         "the shape 4611686018427387904 × 2 is too large to hold in memory"),
    ])
    func badHeaderIsAnInputError(header: String, description: String) {
        let path = dir.file("h.npy", bytes: npyBytes(header, values: [1, 2, 3, 4, 5, 6]))
        let error = inputError { _ = try EmbeddingReader.read(path: path, displayPath: "emb/h.npy") }
        #expect(error?.description == "emb/h.npy: " + description)
    }

    @Test func emptyAndCutShortFilesAreInputErrors() {
        let good = npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2), }", values: [1, 2])
        let cases: [([UInt8], String)] = [
            ([], "file is empty, expected a NumPy .npy file"),
            (Array(good[0..<7]), "not a NumPy .npy file: expected the .npy magic string \\x93NUMPY, found the file ends after 7 bytes; "
                + "for raw float32 data, give a JSON header (a .json file) describing it: {\"file\": \"x.f32\", "
                + "\"dtype\": \"float32\", \"byte_order\": \"little\", \"order\": \"C\", \"shape\": [rows, columns]}"),
            (Array(good[0..<9]), "the .npy header is truncated (the file ends in its length)"),
            (Array(good[0..<40]), "the .npy header is truncated: expected 118 header bytes, found 30 bytes"),
            (Array(good[0..<128]), "the data is truncated: expected 8 bytes of data (1 × 2 float32 values after a "
                + "128-byte header), found 0 bytes; the data holds 0 rows of 2 values"),
            (Array("PK\u{3}\u{4}0000".utf8), "not a NumPy .npy file: expected the .npy magic string \\x93NUMPY, found "
                + "b'PK\\x03\\x040000'; this looks like a .npz archive (np.savez); save one array with np.save instead"),
        ]
        for (bytes, description) in cases {
            let path = dir.file("cut.npy", bytes: bytes)
            let error = inputError { _ = try EmbeddingReader.read(path: path, displayPath: "cut.npy") }
            #expect(error?.description == "cut.npy: " + description)
        }
    }

    // MARK: Bad raw headers

    /// Each raw header below has one fault; the data file holds 48 bytes (3 × 4 values).
    @Test(arguments: [
        (#""dtype": "float64""#, #"emb/r.json:1:11 (dtype): unsupported dtype: expected "float32" (little-endian "#
            + #"float32), found "float64"; write the data with numpy: array.astype('<f4').tofile(path)"#),
        (#""dtype": "<f4""#, #"emb/r.json:1:11 (dtype): unsupported dtype: expected "float32" (little-endian "#
            + #"float32), found "<f4" (float32); write "dtype": "float32" (the byte order goes in "byte_order")"#),
        (#""byte_order": "big""#, #"emb/r.json:1:16 (byte_order): big-endian data is not read: expected "little", "#
            + #"found "big"; write the data with numpy: array.astype('<f4').tofile(path)"#),
        (#""order": "F""#, #"emb/r.json:1:11 (order): column-major (Fortran) order is not read: expected "C" "#
            + #"(row-major), found "F"; write a C-ordered copy: np.ascontiguousarray(array).tofile(path)"#),
        (#""shape": [3, 4, 1]"#, #"emb/r.json:1:11 (shape): the array is not 2-D: expected a 2-D shape "#
            + #"(templates, dimensions), found [3, 4, 1] (3-D)"#),
        (#""shape": [12]"#, #"emb/r.json:1:11 (shape): the array is not 2-D: expected a 2-D shape "#
            + #"(templates, dimensions), found [12] (1-D); write [1, 12] for one embedding"#),
        (#""shape": [3, 0]"#, #"emb/r.json:1:11 (shape): the embeddings have no dimensions: expected at least 1 column, "#
            + #"found shape [3, 0]"#),
        (#""shape": "3x4""#, #"emb/r.json:1:11 (shape): expected [rows, columns], found "3x4""#),
        (#""shape": [-3, 4]"#, #"emb/r.json:1:12 (shape[0]): expected a non-negative size, found -3"#),
        (#""shape": [3, 4.5]"#, #"emb/r.json:1:15 (shape[1]): expected an integer, found 4.5"#),
        (#""shape": [3, 5]"#, #"emb/data.f32: the data is truncated: expected 60 bytes of data (3 × 5 float32 values, "#
            + #"the shape in emb/r.json), found 48 bytes; the data holds 12 float32 values, not a whole number of rows of 5"#),
        (#""shape": [2, 4]"#, #"emb/data.f32: unexpected bytes after the data: expected 32 bytes of data (2 × 4 float32 "#
            + #"values, the shape in emb/r.json), found 48 bytes (16 more); the data holds 3 rows of 4 values"#),
        (#""file": "nope.f32""#, #"emb/nope.f32: file not found; the data file named by "file" in emb/r.json"#),
        (#""dtpye": "float32""#, #"emb/r.json:1:11 (dtpye): unknown key "dtpye" in raw embedding header; did you "#
            + #"mean "dtype"?\#nemb/r.json:1:1 (dtype): missing required key "dtype"; expected "float32""#),
    ])
    func badRawHeaderIsAnInputError(override: String, description: String) {
        _ = dir.file("data.f32", bytes: [UInt8](repeating: 0, count: 48))
        // The overriding member comes first (its key at column 2); the others follow unless overridden.
        let defaults = [#""file": "data.f32""#, #""dtype": "float32""#, #""byte_order": "little""#, #""order": "C""#,
                        #""shape": [3, 4]"#]
        let key = override.prefix { $0 != ":" }
        let members = defaults.filter { !$0.hasPrefix(key) && !(key == #""dtpye""# && $0.hasPrefix(#""dtype""#)) }
        let text = "{" + ([override] + members).joined(separator: ", ") + "}"
        let path = dir.file("r.json", text)
        do {
            _ = try EmbeddingReader.read(path: path, displayPath: "emb/r.json")
            Issue.record("no error for \(override)")
        } catch {
            #expect("\(error)" == description)
        }
    }

    // MARK: Pipes

    /// Makes a FIFO at `name` and starts a thread that writes `bytes` into it; returns its path.
    func fifo(_ name: String, _ bytes: [UInt8]) -> String {
        writingFIFO(at: dir.path + "/" + name, bytes)
    }

    /// A FIFO (no size known ahead) reads and hashes like the file, and its faults are the same.
    @Test func fifoReadsLikeTheFile() throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: EmbeddingFixtures.path("good_v2.npy"))))
        let (matrix, files) = try EmbeddingReader.read(path: fifo("p.npy", bytes), displayPath: "p.npy")
        #expect(matrix.values.map(\.bitPattern) == EmbeddingFixtures.bits)
        #expect(files[0].sha256 == EmbeddingFixtures.sha256("good_v2.npy"))

        let short = inputError { _ = try EmbeddingReader.read(path: fifo("s.npy", Array(bytes.dropLast(5))), displayPath: "s.npy") }
        #expect(short?.found == "43 bytes")
        let long = inputError { _ = try EmbeddingReader.read(path: fifo("l.npy", bytes + [1, 2]), displayPath: "l.npy") }
        #expect(long?.found == "50 bytes (2 more)")
    }

    // MARK: Non-finite values and normalisation

    @Test func firstNonFiniteFindsTheFirstAndCountsRows() throws {
        let matrix = try EmbeddingFixtures.read("nonfinite.npy")
        let found = matrix.firstNonFinite()
        #expect(found?.row == 1 && found?.column == 2 && found?.rowsAffected == 2)
        // The good matrix holds -0, a subnormal and the largest float32: all finite.
        #expect(try EmbeddingFixtures.read("good_v1.npy").firstNonFinite() == nil)
        let negativeInfinity = EmbeddingMatrix(rows: 2, columns: 2, values: [-.infinity, 1, .nan, 2])
        let first = negativeInfinity.firstNonFinite()
        #expect(first?.row == 0 && first?.column == 0 && first?.rowsAffected == 2)
        let signalling = EmbeddingMatrix(rows: 1, columns: 3, values: [0, .greatestFiniteMagnitude, .signalingNaN])
        #expect(signalling.firstNonFinite()?.column == 2)
    }

    /// Bit for bit what make_fixtures.py's `normalized` (the definition, in numpy) gives.
    @Test func normalizeRowsMatchesTheDefinitionInNumPy() throws {
        var good = try EmbeddingFixtures.read("good_v1.npy")
        #expect(good.normalizeRows() == [])
        #expect(good.values.map(\.bitPattern) == EmbeddingFixtures.bits("normalized_bits"))
        var zeroRow = try EmbeddingFixtures.read("zero_row.npy")
        #expect(zeroRow.normalizeRows() == [1])
        #expect(zeroRow.values.map(\.bitPattern) == EmbeddingFixtures.bits("zero_row_normalized_bits"))
    }

    /// Rows of subnormals (1 / norm overflows float32) are divided in Double; huge rows do not overflow.
    @Test func normalizeRowsAtTheEdgesOfFloat32() {
        let tiny = Float.leastNonzeroMagnitude, huge = Float.greatestFiniteMagnitude
        var matrix = EmbeddingMatrix(rows: 4, columns: 2, values: [tiny, 0, tiny, tiny, huge, huge, 0, -0.0])
        #expect(matrix.normalizeRows() == [3])
        let half = Float(0.5.squareRoot())
        #expect(matrix.values[0..<6] == [1, 0, half, half, half, half])
        #expect(matrix.values[7].sign == .minus)
    }

    /// Seeded random rows: unit norm within float32 rounding.
    @Test func normalizedRowsHaveUnitNorm() {
        var generator = SeededGenerator(seed: 7)
        let rows = 50, columns = 129
        var matrix = EmbeddingMatrix(rows: rows, columns: columns, values: (0..<(rows * columns)).map { _ in
            Float.random(in: -3...3, using: &generator)
        })
        #expect(matrix.normalizeRows() == [])
        for row in 0..<rows {
            let norm = matrix.row(row).reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
            #expect(abs(norm - 1) < 1e-6)
        }
    }
}
