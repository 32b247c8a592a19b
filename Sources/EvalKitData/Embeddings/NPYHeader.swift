/// The header of a NumPy `.npy` file, as `numpy.lib.format` (NEP 1) writes it:
///
/// - the magic string `\x93NUMPY` (6 bytes), the major and minor format version (1 byte each);
/// - the header length: a little-endian uint16 in version 1.0, a uint32 in 2.0 and 3.0;
/// - the header: the `repr` of a dict with exactly the keys `descr` (the dtype, e.g. `'<f4'`),
///   `fortran_order` and `shape` (a tuple), in Latin-1 (1.0, 2.0) or UTF-8 (3.0), padded with
///   spaces and ending with a newline;
/// - then the array's bytes.
///
/// Keys may come in any order, with any spacing and a trailing comma; the padding is not checked.
struct NPYHeader {
    var major: Int
    var minor: Int
    /// The dtype's array-protocol string (`dtype.str`), or a structured dtype's description.
    var descr: PythonLiteral
    var fortranOrder: Bool
    var shape: [Int]
    /// Bytes before the data: magic, version, length and header.
    var dataOffset: Int

    static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)
    /// The longest header read (NumPy's own reader stops at 10,000 bytes by default).
    static let maxHeaderLength = 1 << 20

    /// Reads the preamble and header from the start of `file`.
    static func read(_ file: HashedFileReader) throws -> NPYHeader {
        let display = file.displayPath
        let start = try file.bytes(8)
        guard start.count == 8, start.starts(with: magic) else {
            if start.isEmpty { throw InputError(file: display, message: "file is empty, expected a NumPy .npy file") }
            throw InputError(file: display, expected: "the .npy magic string \\x93NUMPY",
                             found: start.starts(with: magic) ? "the file ends after \(start.count) bytes" : pythonBytes(start),
                             message: "not a NumPy .npy file", hint: badMagicHint(start))
        }
        let (major, minor) = (Int(start[6]), Int(start[7]))
        guard minor == 0, (1...3).contains(major) else {
            throw InputError(file: display, expected: "1.0, 2.0 or 3.0", found: "\(major).\(minor)",
                             message: "unsupported .npy format version",
                             hint: "save the array again with numpy's np.save")
        }
        let lengthBytes = try file.bytes(major == 1 ? 2 : 4)
        guard lengthBytes.count == (major == 1 ? 2 : 4) else {
            throw InputError(file: display, message: "the .npy header is truncated (the file ends in its length)")
        }
        let length = lengthBytes.reversed().reduce(0) { $0 << 8 | Int($1) }
        if let remaining = file.remaining, Int64(length) > remaining {
            throw InputError(file: display, expected: "\(length) header bytes", found: "\(remaining) bytes",
                             message: "the .npy header is truncated")
        }
        guard length <= maxHeaderLength else {
            throw InputError(file: display, expected: "at most \(maxHeaderLength) bytes", found: "\(length) bytes",
                             message: "the .npy header is implausibly long")
        }
        let text = try file.bytes(length)
        guard text.count == length else {
            throw InputError(file: display, expected: "\(length) header bytes", found: "\(text.count) bytes",
                             message: "the .npy header is truncated")
        }
        let literal: PythonLiteral
        do {
            literal = try PythonLiteralParser.parse(text, utf8: major == 3)
        } catch {
            throw InputError(file: display, expected: error.expected, found: error.found,
                             message: "cannot parse the .npy header (byte \(error.offset) of the header)",
                             hint: "the header reads \(quoted(headerText(text), limit: 120))")
        }
        let (descr, fortranOrder, shape) = try fields(of: literal, display: display)
        return NPYHeader(major: major, minor: minor, descr: descr, fortranOrder: fortranOrder, shape: shape,
                         dataOffset: file.offset)
    }

    /// The three keys of the header dict, checked for their types.
    private static func fields(of literal: PythonLiteral, display: String) throws
        -> (descr: PythonLiteral, fortranOrder: Bool, shape: [Int])
    {
        let keys = ["descr", "fortran_order", "shape"]
        func fault(_ message: String, expected: String? = nil, found: String? = nil) -> InputError {
            InputError(file: display, expected: expected, found: found, message: message)
        }
        guard case .dict(let members) = literal else {
            throw fault("the .npy header is not a dict", expected: "{'descr': ..., 'fortran_order': ..., 'shape': ...}",
                        found: quoted(literal.text))
        }
        if let unknown = members.first(where: { !keys.contains($0.key) }) {
            throw fault("unexpected key '\(unknown.key)' in the .npy header",
                        expected: "only 'descr', 'fortran_order' and 'shape'")
        }
        func member(_ key: String) throws -> PythonLiteral {
            guard let value = members.first(where: { $0.key == key })?.value else {
                throw fault("the .npy header has no '\(key)'")
            }
            return value
        }
        let descr = try member("descr")
        let fortranValue = try member("fortran_order")
        guard case .boolean(let fortranOrder) = fortranValue else {
            throw fault("bad 'fortran_order' in the .npy header", expected: "True or False", found: fortranValue.text)
        }
        let shapeValue = try member("shape")
        guard case .tuple(let items) = shapeValue else {
            throw fault("bad 'shape' in the .npy header", expected: "a tuple of sizes such as (20000, 512)",
                        found: shapeValue.text)
        }
        var shape: [Int] = []
        for item in items {
            guard case .integer(let size) = item, size >= 0 else {
                throw fault("bad 'shape' in the .npy header", expected: "non-negative integer sizes",
                            found: shapeValue.text)
            }
            shape.append(size)
        }
        return (descr, fortranOrder, shape)
    }

    /// Checks that the array is a C-ordered 2-D little-endian float32 array; returns its shape.
    func embeddingShape(display: String) throws -> (rows: Int, columns: Int) {
        let convert = "convert it with numpy: np.save(path, array.astype('<f4'))"
        guard case .string(let dtype) = descr else {
            throw InputError(file: display, expected: "little-endian float32 ('\(float32Descr)')",
                             found: "a structured dtype \(descr.text)", message: "unsupported dtype", hint: convert)
        }
        guard dtype == float32Descr else {
            let meaning = describeNumPyDescr(dtype).map { " (\($0))" } ?? ""
            throw InputError(file: display, expected: "little-endian float32 ('\(float32Descr)')",
                             found: "'\(dtype)'\(meaning)", message: "unsupported dtype", hint: convert)
        }
        guard !fortranOrder else {
            throw InputError(file: display, expected: "fortran_order False (row-major, C order)", found: "True",
                             message: "the array is stored in Fortran (column-major) order",
                             hint: "save a C-ordered copy: np.save(path, np.ascontiguousarray(array))")
        }
        let shapeText = PythonLiteral.tuple(shape.map { .integer($0) }).text
        try checkEmbeddingShape(shape, shapeText: shapeText, display: display,
                                reshapeHint: "save array.reshape(1, -1) for one embedding")
        _ = try float32ByteCount(rows: shape[0], columns: shape[1], display: display)
        return (shape[0], shape[1])
    }
}

/// Checks that `shape` is (rows, columns) with at least one column (rows may be 0).
func checkEmbeddingShape(_ shape: [Int], shapeText: String, display: String, reshapeHint: String) throws {
    guard shape.count == 2 else {
        throw InputError(file: display, expected: "a 2-D shape (templates, dimensions)",
                         found: "\(shapeText) (\(shape.count)-D)", message: "the array is not 2-D",
                         hint: shape.count == 1 ? reshapeHint : nil)
    }
    guard shape[1] > 0 else {
        throw InputError(file: display, expected: "at least 1 column", found: "shape \(shapeText)",
                         message: "the embeddings have no dimensions")
    }
}

/// A header's text without its padding and final newline, for messages.
private func headerText(_ bytes: [UInt8]) -> String {
    var end = bytes.count
    while end > 0, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[end - 1]) { end -= 1 }
    return String(decoding: bytes[..<end], as: UTF8.self)
}

/// Bytes as Python writes a bytes literal (`b'PK\x03\x04'`), for the start of a file that is not
/// what was expected.
func pythonBytes(_ bytes: [UInt8]) -> String {
    var text = "b'"
    for byte in bytes {
        switch byte {
        case UInt8(ascii: "\\"), UInt8(ascii: "'"): text += "\\" + String(Character(Unicode.Scalar(byte)))
        case 0x20..<0x7F: text.append(Character(Unicode.Scalar(byte)))
        default: text += "\\x" + (byte < 16 ? "0" : "") + String(byte, radix: 16)
        }
    }
    return text + "'"
}

/// What a file that is not `.npy` may be, judging by its first bytes.
private func badMagicHint(_ start: [UInt8]) -> String {
    if start.starts(with: Array("PK".utf8)) {
        return "this looks like a .npz archive (np.savez); save one array with np.save instead"
    }
    if let first = start.first, first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
        return "this looks like JSON; a JSON header describing raw float32 data must have a name ending in .json"
    }
    return "for raw float32 data, give a JSON header (a .json file) describing it: "
        + "{\"file\": \"x.f32\", \"dtype\": \"float32\", \"byte_order\": \"little\", \"order\": \"C\", \"shape\": [rows, columns]}"
}
