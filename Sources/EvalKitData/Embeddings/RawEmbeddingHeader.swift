/// A JSON header describing a raw float32 data file (the file holds nothing but the values):
///
///     {"file": "probes.f32", "dtype": "float32", "byte_order": "little", "order": "C", "shape": [20000, 512]}
///
/// All five keys are required, and only these values are read: `dtype` "float32", `byte_order`
/// "little", `order` "C" (row-major) and `shape` [rows, columns] with at least one column. `file`
/// is relative to the header's directory (or absolute). NumPy writes such data with
/// `array.astype('<f4').tofile(path)`.
struct RawEmbeddingHeader {
    /// The data file to open.
    var dataPath: String
    /// The data file as messages name it (relative to the header's display path).
    var dataDisplayPath: String
    var rows: Int
    var columns: Int

    static let keys = ["file", "dtype", "byte_order", "order", "shape"]

    /// Parses and checks a header's bytes; `path` and `display` locate the header, to resolve `file`.
    static func parse(_ bytes: [UInt8], path: String, display: String) throws -> RawEmbeddingHeader {
        let root = try JSONParser.parse(bytes, file: display)
        var reader = NodeReader(file: display)
        reader.object(root, allowed: keys, what: "raw embedding header")
        guard root.objectMembers != nil else { try reader.check(); fatalError("unreachable") }
        let writeHint = "write the data with numpy: array.astype('<f4').tofile(path)"
        let file = reader.string(root["file"], "file", in: root, required: true)
        if let node = root["dtype"], let dtype = reader.string(node, "dtype", in: root), dtype != "float32" {
            let meaning = describeNumPyDescr(dtype).map { " (\($0))" } ?? ""
            let spelling = ["<f4", "f4", "float"].contains(dtype) || dtype.lowercased() == "float32"
            reader.fail(node, "unsupported dtype", expected: "\"float32\" (little-endian float32)",
                        found: quoted(dtype) + meaning,
                        hint: spelling ? "write \"dtype\": \"float32\" (the byte order goes in \"byte_order\")" : writeHint)
        } else if root["dtype"] == nil {
            reader.missing("dtype", in: root, expected: "\"float32\"")
        }
        if let node = root["byte_order"], let order = reader.string(node, "byte_order", in: root), order != "little" {
            reader.fail(node, order == "big" ? "big-endian data is not read" : "unknown byte order",
                        expected: "\"little\"", found: quoted(order), hint: order == "big" ? writeHint : nil)
        } else if root["byte_order"] == nil {
            reader.missing("byte_order", in: root, expected: "\"little\"")
        }
        if let node = root["order"], let order = reader.string(node, "order", in: root), order != "C" {
            reader.fail(node, order == "F" ? "column-major (Fortran) order is not read" : "unknown order",
                        expected: "\"C\" (row-major)", found: quoted(order),
                        hint: order == "F" ? "write a C-ordered copy: np.ascontiguousarray(array).tofile(path)" : nil)
        } else if root["order"] == nil {
            reader.missing("order", in: root, expected: "\"C\"")
        }
        var shape: [Int]?
        if let node = root["shape"] {
            if let items = node.arrayItems {
                let sizes = items.compactMap { item -> Int? in
                    guard let size = reader.integer(item, "shape", in: node) else { return nil }
                    guard size >= 0 else {
                        reader.fail(item, expected: "a non-negative size", found: item.foundDescription)
                        return nil
                    }
                    return size
                }
                if sizes.count == items.count {
                    let text = "[" + sizes.map(String.init).joined(separator: ", ") + "]"
                    do {
                        try checkEmbeddingShape(sizes, shapeText: text, display: display,
                                                reshapeHint: "write [1, \(sizes.first ?? 0)] for one embedding")
                        shape = sizes
                    } catch let error as InputError {
                        reader.fail(node, error.message, expected: error.expected, found: error.found, hint: error.hint)
                    }
                }
            } else {
                reader.fail(node, expected: "[rows, columns]", found: node.foundDescription)
            }
        } else {
            reader.missing("shape", in: root, expected: "[rows, columns]")
        }
        try reader.check()
        guard let file, let shape else { fatalError("unreachable: checked above") }
        _ = try float32ByteCount(rows: shape[0], columns: shape[1], display: display)
        return RawEmbeddingHeader(dataPath: resolve(file, base: parentPath(path)),
                                  dataDisplayPath: resolve(file, base: parentPath(display)),
                                  rows: shape[0], columns: shape[1])
    }
}
