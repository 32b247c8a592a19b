import Foundation

/// A dataset manifest (`Datasets/NAME/dataset.json`): what the files are, which columns hold the
/// id, the label(s) and the attributes, the licence and source, and the sha256 of every file, so a
/// result can say exactly what it was computed on. Format: Datasets/README.md.
public struct DatasetManifest: Sendable {
    /// One file of the dataset.
    public struct File: Sendable {
        /// Path as written in the manifest (relative to the manifest).
        public var path: String
        /// Absolute or working-directory-relative path to open.
        public var resolvedPath: String
        /// The path to show in messages (relative to the current directory when possible).
        public var displayPath: String
        public var role: String
        public var format: TableFormat?
        public var csv: CSVOptions
        public var rows: Int?
        /// Expected lowercase hex SHA-256, when the manifest records one.
        public var sha256: String?
    }

    public var name: String
    public var description: String?
    public var license: String?
    public var source: String?
    /// Display path of the manifest itself (nil for a dataset written inline in a scheme).
    public var manifestPath: String?
    public var files: [File]
    public var idColumn: String
    /// Label columns: one for single-target classification, several for multilabel attributes.
    public var labelColumns: [String]
    /// Whether the manifest used `labels` (multilabel attributes) rather than `label`.
    public var isMultilabel: Bool
    public var attributeColumns: [String]
    /// Attributes of the boxes of a detection dataset (`columns.object_attributes`): slicing by
    /// one gives per-box slices.
    public var objectAttributeColumns: [String] = []
    /// The kind's own `columns` keys (`ManifestSurface.columnKeys`) as written, for the kind to
    /// read with `NodeReader` (events' `onset`, `offset`, `duration`).
    public var kindColumns: [String: JSONNode] = [:]
    /// Attributes of the kind's own to slice by (`ManifestSurface.attributeListKeys`, e.g. events'
    /// `event_attributes`).
    public var kindAttributeColumns: [String] = []

    /// The file with role `ground_truth`.
    public var groundTruth: File? { files.first { $0.role == "ground_truth" } }

    /// File roles (the same for every task kind; a kind reads some of them, `other` is never read).
    public static let roles = ["ground_truth", "predictions", "metadata", "gallery", "other"]
    static let topKeys = ["evalkit_dataset", "name", "description", "license", "source", "files", "columns", "citation", "notes"]
    static let fileKeys = ["path", "role", "format", "rows", "sha256", "delimiter", "produced_by", "description"]

    /// Loads and validates a manifest file. `display` is the path to use in messages; `surface`
    /// the `columns` keys the task kind reads.
    public static func load(path: String, display: String, surface: ManifestSurface) throws -> DatasetManifest {
        let bytes = try readSmallFile(path: path, display: display)
        let root = try JSONParser.parse(bytes, file: display)
        let base = parentPath(path)
        let displayBase = parentPath(display)
        return try parse(root, file: display, baseDirectory: base, displayBase: displayBase, manifestPath: display,
                         surface: surface)
    }

    /// Validates a manifest node (a file's root, or an inline `dataset` object of a scheme).
    public static func parse(_ root: JSONNode, file: String, baseDirectory: String, displayBase: String,
                             manifestPath: String?, surface: ManifestSurface) throws -> DatasetManifest {
        var reader = NodeReader(file: file)
        reader.object(root, allowed: topKeys, what: "dataset manifest")
        guard root.objectMembers != nil else { try reader.check(); fatalError("unreachable") }
        if let versionNode = root["evalkit_dataset"] {
            if let version = reader.integer(versionNode, "evalkit_dataset", in: root), version != 1 {
                reader.fail(versionNode, "unsupported manifest version", expected: "1", found: String(version),
                            hint: version > 1 ? "this evalkit reads manifest version 1; upgrade evalkit" : nil)
            }
        } else if manifestPath != nil {
            reader.missing("evalkit_dataset", in: root, expected: "the manifest format version, 1")
        }
        let name = reader.string(root["name"], "name", in: root, required: true) ?? ""
        let description = reader.string(root["description"], "description", in: root)
        let license = reader.string(root["license"], "license", in: root)
        let source = reader.string(root["source"], "source", in: root)

        var files: [File] = []
        if let filesNode = root["files"] {
            if let items = filesNode.arrayItems {
                for item in items {
                    reader.object(item, allowed: fileKeys, what: "a manifest file entry")
                    guard item.objectMembers != nil else { continue }
                    guard let path = reader.string(item["path"], "path", in: item, required: true) else { continue }
                    let role = reader.choice(item["role"], "role", in: item, roles) ?? "other"
                    var format: TableFormat?
                    if let formatName = reader.choice(item["format"], "format", in: item, TableFormat.allCases.map(\.rawValue)) {
                        format = TableFormat(rawValue: formatName)
                    }
                    if format == nil { format = tableFormat(forPath: path) }
                    var csv = CSVOptions()
                    if path.lowercased().hasSuffix(".tsv") { csv.delimiter = 0x09 }
                    if let delimiterNode = item["delimiter"], let d = reader.string(delimiterNode, "delimiter", in: item) {
                        if let byte = delimiterByte(d) { csv.delimiter = byte } else {
                            reader.fail(delimiterNode, expected: "a single ASCII character such as \",\" or \"\\t\"", found: quoted(d))
                        }
                    }
                    let rows = reader.integer(item["rows"], "rows", in: item)
                    var sha: String?
                    if let shaNode = item["sha256"], let s = reader.string(shaNode, "sha256", in: item) {
                        let lower = s.lowercased()
                        if lower.count == 64, lower.allSatisfy({ $0.isHexDigit }) { sha = lower } else {
                            reader.fail(shaNode, expected: "64 hexadecimal digits", found: quoted(s))
                        }
                    }
                    files.append(File(path: path, resolvedPath: resolve(path, base: baseDirectory),
                                      displayPath: resolve(path, base: displayBase), role: role, format: format,
                                      csv: csv, rows: rows, sha256: sha))
                }
                if files.filter({ $0.role == "ground_truth" }).count != 1 {
                    reader.fail(filesNode, "a dataset needs exactly one file with role \"ground_truth\"",
                                found: "\(files.filter { $0.role == "ground_truth" }.count)")
                }
            } else {
                reader.fail(filesNode, expected: "an array of file entries", found: filesNode.foundDescription)
            }
        } else {
            reader.missing("files", in: root, expected: "an array of file entries")
        }

        // COCO ground truth names its own ids and labels: `columns` only lists image attributes.
        // (NIST ActEV's JSON names its own files and activities too.)
        let groundTruthFormat = files.first { $0.role == "ground_truth" }?.format
        let coco = groundTruthFormat == .coco || groundTruthFormat == .actev
        var idColumn = coco ? "id" : ""
        var labels: [String] = []
        var multilabel = false
        var attributes: [String] = []
        var objectAttributes: [String] = []
        var kindColumns: [String: JSONNode] = [:]
        var kindAttributes: [String] = []
        if let columns = root["columns"] {
            reader.object(columns, allowed: surface.allowedColumnKeys,
                          what: "manifest columns" + (surface.kind.map { " of a \($0) dataset" } ?? ""))
            if columns.objectMembers != nil {
                idColumn = reader.string(columns["id"], "id", in: columns, required: !coco) ?? idColumn
                if let label = columns["label"] {
                    if let s = reader.string(label, "label", in: columns) { labels = [s] }
                    if let both = columns["labels"] {
                        reader.fail(both, "give either \"label\" or \"labels\", not both")
                    }
                } else if let many = columns["labels"] {
                    labels = reader.strings(many, "labels", in: columns) ?? []
                    multilabel = true
                    if labels.isEmpty { reader.fail(many, expected: "at least one label column", found: "[]") }
                } else if !coco && surface.requiresLabel {
                    reader.missing("label", in: columns, expected: "the label column (or \"labels\" for several)")
                }
                attributes = reader.strings(columns["attributes"], "attributes", in: columns) ?? []
                for key in surface.columnKeys { if let node = columns[key] { kindColumns[key] = node } }
                for key in surface.attributeListKeys {
                    if let node = columns[key] { kindAttributes += reader.strings(node, key, in: columns) ?? [] }
                }
                if let objects = columns["object_attributes"] {
                    objectAttributes = reader.strings(objects, "object_attributes", in: columns) ?? []
                    for name in objectAttributes where attributes.contains(name) {
                        reader.fail(objects, "\(quoted(name)) is listed both as an image attribute and as an object attribute")
                    }
                }
            }
        } else if !coco {
            reader.missing("columns", in: root, expected: surface.requiresLabel
                ? "{\"id\": ..., \"label\": ..., \"attributes\": [...]}" : "{\"id\": ..., \"attributes\": [...]}")
        }
        try reader.check()
        return DatasetManifest(name: name, description: description, license: license, source: source,
                               manifestPath: manifestPath, files: files, idColumn: idColumn,
                               labelColumns: labels, isMultilabel: multilabel, attributeColumns: attributes,
                               objectAttributeColumns: objectAttributes, kindColumns: kindColumns,
                               kindAttributeColumns: kindAttributes)
    }
}

/// Resolves `path` against `base` unless it is absolute, and removes `.` and `name/..` pairs
/// lexically (`Schemes/../Datasets/x.csv` → `Datasets/x.csv`), so messages show short paths.
public func resolve(_ path: String, base: String) -> String {
    let joined = path.hasPrefix("/") || base.isEmpty ? path : base + "/" + path
    return normalizePath(joined)
}

/// Lexical path normalisation: drops empty and `.` components and folds `name/..`.
public func normalizePath(_ path: String) -> String {
    let absolute = path.hasPrefix("/")
    var parts: [Substring] = []
    for part in path.split(separator: "/", omittingEmptySubsequences: true) {
        if part == "." { continue }
        if part == "..", let last = parts.last, last != ".." {
            parts.removeLast()
            continue
        }
        if part == "..", absolute, parts.isEmpty { continue }
        parts.append(part)
    }
    let joined = parts.joined(separator: "/")
    if absolute { return "/" + joined }
    return joined.isEmpty ? "." : joined
}

/// The byte of a one-character delimiter (`\t` accepted as written or as a tab).
public func delimiterByte(_ text: String) -> UInt8? {
    if text == "\\t" || text == "\t" { return 0x09 }
    let utf8 = Array(text.utf8)
    guard utf8.count == 1, utf8[0] < 0x80, utf8[0] != UInt8(ascii: "\""), utf8[0] != 0x0A, utf8[0] != 0x0D else { return nil }
    return utf8[0]
}

/// Reads a small file whole (schemes, manifests), with clear errors for a missing, unreadable or
/// directory path. One open, one front-to-back read: a FIFO works too. `progress` hears of the
/// bytes read (`reading <display>`), for the larger files read this way (NIST ActEV's JSON).
public func readSmallFile(path: String, display: String, progress: ProgressReporter = .off) throws -> [UInt8] {
    let fd = try openFileForReading(path: path, displayPath: display)
    defer { close(fd) }
    var bytes: [UInt8] = []
    var piece = [UInt8](repeating: 0, count: 1 << 16)
    let size = progress.isOn ? regularFileSize(fd) : nil
    while true {
        let got = piece.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if got < 0 {
            if errno == EINTR { continue }
            throw InputError(file: display, message: "cannot read the file: \(systemErrorText(errno))")
        }
        if got == 0 { return bytes }
        bytes.append(contentsOf: piece[0..<got])
        if progress.isOn { progress.report("reading " + display, done: Int64(bytes.count), total: size, unit: .bytes) }
    }
}
