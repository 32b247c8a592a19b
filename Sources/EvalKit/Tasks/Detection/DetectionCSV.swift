import EvalKitData

/// Detection ground truth and detections as CSV (or JSONL) tables, one box a row: the image id
/// column (the manifest's `columns.id`, default `image_id`), the category column (`columns.label`,
/// default `label`), `x`, `y`, `w`, `h`, and optionally `iscrowd` and `area` (ground truth) or
/// `score` (detections, required); attribute columns by name. Read into the same form as COCO files.
///
/// Images are the ids of the ground truth's rows plus those of the `metadata` file (images without
/// any box are listed there), ordered numerically when every id is an integer, else as text;
/// categories are the ground truth's labels, ordered as text. Image attributes come from the
/// metadata file, or else from the ground-truth rows (every row of an image must agree).
enum DetectionCSV {
    static let boxColumns = ["x", "y", "w", "h"]

    /// Reads the ground-truth table (and the metadata table), each opened and read once; their
    /// digests are checked against the manifest's.
    static func readTruth(_ file: DatasetManifest.File, idColumn: String, labelColumn: String, metadata: DatasetManifest.File?,
                          imageAttributes: [String], objectAttributes: [String], progress: ProgressReporter,
                          threads: Threads) throws -> COCOGroundTruth {
        let display = file.displayPath
        let format = file.format ?? .csv
        let rowAttributes = metadata == nil ? imageAttributes : []
        // `iscrowd` and `area` are optional columns: selected when the CSV header has them.
        let table = try openTable(path: file.resolvedPath, displayPath: display, format: format, csv: file.csv) { header in
            let optional = ["iscrowd", "area"].filter { header?.contains($0) ?? true }
            return unique([idColumn, labelColumn] + boxColumns + optional + objectAttributes + rowAttributes)
        }
        start(table, progress: progress, threads: threads)
        let columns = table.selectedColumns
        let at = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1, $0) })

        struct Row { var image: String; var label: String; var box: [Double]; var area: Double?; var crowd: Bool; var line: Int }
        var rows: [Row] = []
        var objectValues = objectAttributes.map { _ in [String?]() }
        var imageValues: [String: [String?]] = [:]
        var imageOrder: [String] = []
        var batch = FieldBatch(columns: columns)
        while try table.nextBatch(&batch, capacity: 4096) {
            for r in 0..<batch.count {
                let line = batch.line(r)
                let number = { (name: String) in try finiteNumber(batch, r, at[name]!, field: name, file: display) }
                let image = batch.string(r, at[idColumn]!)
                let box = try readBox(batch, r, at, file: display)
                var area: Double?
                if at["area"] != nil, !batch.string(r, at["area"]!).isEmpty { area = try number("area") }
                var crowd = false
                if let c = at["iscrowd"] {
                    switch batch.string(r, c) {
                    case "", "0": break
                    case "1": crowd = true
                    case let other: throw InputError(file: display, line: line, field: "iscrowd", expected: "0 or 1", found: quoted(other))
                    }
                }
                rows.append(Row(image: image, label: batch.string(r, at[labelColumn]!), box: box, area: area, crowd: crowd, line: line))
                for (a, name) in objectAttributes.enumerated() {
                    let value = batch.isAbsent(r, at[name]!) ? nil : batch.string(r, at[name]!)
                    objectValues[a].append(value?.isEmpty == true ? nil : value)
                }
                let values = rowAttributes.map { name -> String? in
                    let value = batch.string(r, at[name]!)
                    return value.isEmpty ? nil : value
                }
                if let seen = imageValues[image] {
                    if let i = rowAttributes.indices.first(where: { seen[$0] != values[$0] }) {
                        throw InputError(file: display, line: line, field: rowAttributes[i],
                                         expected: "the value of this image's other rows, \(quoted(seen[i] ?? ""))",
                                         found: quoted(values[i] ?? ""),
                                         hint: "image attributes are per image; or list them in a metadata file")
                    }
                } else {
                    imageValues[image] = values
                    imageOrder.append(image)
                }
            }
        }
        var truth = COCOGroundTruth()
        truth.sha256 = try finalDigest(table)
        try file.checkDigest(truth.sha256, displayPath: display)
        var metadataValues: [String: [String?]] = [:]
        if let metadata {
            let (metadataRows, metadataSHA256) = try readMetadata(metadata, idColumn: idColumn, attributes: imageAttributes,
                                                                          progress: progress, threads: threads)
            truth.metadataSHA256 = metadataSHA256
            for (image, values) in metadataRows {
                if imageValues[image] == nil && metadataValues[image] == nil { imageOrder.append(image) }
                metadataValues[image] = values
            }
        }

        let sortedImages = sortedIds(imageOrder)
        if sortedImages.isEmpty {
            throw InputError(file: display, message: "the ground truth has no images (no box rows and no metadata rows), "
                                + "so there is nothing to evaluate")
        }
        truth.imageCount = sortedImages.count
        for (i, name) in sortedImages.enumerated() { truth.imageIndexByName[name] = Int32(i) }
        let absent = imageAttributes.map { _ -> String? in nil }
        truth.imageAttributes = sortedImages.map { name in
            metadata == nil ? imageValues[name]! : metadataValues[name] ?? absent
        }
        truth.categoryNames = Set(rows.map(\.label)).sorted()
        for (k, name) in truth.categoryNames.enumerated() { truth.categoryIndexByName[name] = Int32(k) }
        for row in rows {
            if row.box[2] == 0 || row.box[3] == 0 { truth.zeroSizeBoxes += 1 }
            if row.area == nil { truth.withoutArea += 1 }
            truth.boxes.appendTruth(image: truth.imageIndexByName[row.image]!, category: truth.categoryIndexByName[row.label]!,
                                    x: row.box[0], y: row.box[1], width: row.box[2], height: row.box[3],
                                    area: row.area ?? row.box[2] * row.box[3], crowd: row.crowd)
        }
        for (a, name) in objectAttributes.enumerated() { truth.objectAttributes[name] = objectValues[a] }
        return truth
    }

    static func readResults(path: String, display: String, format: TableFormat, csv: CSVOptions, idColumn: String, labelColumn: String,
                            scoreColumn: String, truth: COCOGroundTruth, attributes: [String], extra: ExtraPolicy,
                            progress: ProgressReporter, threads: Threads) throws -> COCOResults {
        let columns = unique([idColumn, labelColumn, scoreColumn] + boxColumns + attributes)
        let table = try openTable(path: path, displayPath: display, format: format, csv: csv, columns: columns)
        start(table, progress: progress, threads: threads)
        let at = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1, $0) })
        var results = COCOResults()
        var kept = attributes.map { _ in [String?]() }
        var batch = FieldBatch(columns: columns)
        while try table.nextBatch(&batch, capacity: 4096) {
            for r in 0..<batch.count {
                let line = batch.line(r)
                results.count += 1
                let image = batch.string(r, at[idColumn]!)
                guard let imageIndex = truth.imageIndexByName[image] else {
                    if extra == .ignore { results.unknownImages += 1; continue }
                    throw InputError(file: display, line: line, field: idColumn, message: "image \(quoted(image)) is not in the ground truth",
                                     hint: "set \"extra\": \"ignore\" to leave such detections out (they are counted)")
                }
                let label = batch.string(r, at[labelColumn]!)
                guard let category = truth.categoryIndexByName[label] else {
                    if extra == .ignore { results.unknownCategories += 1; continue }
                    throw InputError(file: display, line: line, field: labelColumn,
                                     message: "category \(quoted(label)) is not among the ground truth's categories",
                                     hint: "set \"extra\": \"ignore\" to leave such detections out (they are counted)")
                }
                let box = try readBox(batch, r, at, file: display)
                if box[2] == 0 || box[3] == 0 { results.zeroSizeBoxes += 1 }
                results.boxes.appendDetection(image: imageIndex, category: category, x: box[0], y: box[1], width: box[2], height: box[3],
                                              score: try finiteNumber(batch, r, at[scoreColumn]!, field: scoreColumn, file: display))
                results.fileIndex.append(Int32(results.count - 1))
                for (a, name) in attributes.enumerated() {
                    let value = batch.isAbsent(r, at[name]!) ? nil : batch.string(r, at[name]!)
                    kept[a].append(value?.isEmpty == true ? nil : value)
                }
            }
        }
        for (a, name) in attributes.enumerated() { results.attributes[name] = kept[a] }
        results.sha256 = try finalDigest(table)
        return results
    }

    /// The digest of a table read to its end.
    /// Reports the reading of `table` to `progress`; with one thread, reads the rest of it on the
    /// calling thread.
    static func start(_ table: any TabularSource, progress: ProgressReporter, threads: Threads) {
        table.reportProgress(to: progress)
        if !threads.isParallel { table.readOnCallingThread() }
    }

    static func finalDigest(_ table: any TabularSource) throws -> String {
        guard let sha = table.sha256 else { throw InternalError("reader gave no sha256 at end of file") }
        return sha
    }

    /// A field that must be a finite number.
    static func finiteNumber(_ batch: FieldBatch, _ row: Int, _ column: Int, field: String, file: String) throws -> Double {
        let text = batch.string(row, column)
        guard let value = parseDouble(text), value.isFinite else {
            throw InputError(file: file, line: batch.line(row), field: field, expected: "a finite number", found: quoted(text))
        }
        return value
    }

    /// The row's x, y, w, h; a negative width or height is an error.
    static func readBox(_ batch: FieldBatch, _ row: Int, _ at: [String: Int], file: String) throws -> [Double] {
        let box = try boxColumns.map { try finiteNumber(batch, row, at[$0]!, field: $0, file: file) }
        if box[2] < 0 || box[3] < 0 {
            throw InputError(file: file, line: batch.line(row), field: box[2] < 0 ? "w" : "h", expected: "a width and height ≥ 0",
                             found: JSONOutput.format(min(box[2], box[3])))
        }
        return box
    }

    /// Image id → attribute values from a metadata table (one row per image), and the table's
    /// digest (checked against the manifest's).
    static func readMetadata(_ file: DatasetManifest.File, idColumn: String, attributes: [String],
                             progress: ProgressReporter, threads: Threads) throws -> (rows: [(String, [String?])], sha256: String) {
        let columns = unique([idColumn] + attributes)
        let table = try openTable(path: file.resolvedPath, displayPath: file.displayPath, format: file.format ?? .csv, csv: file.csv,
                                  columns: columns)
        start(table, progress: progress, threads: threads)
        var rows: [(String, [String?])] = []
        var seen = Set<String>()
        var batch = FieldBatch(columns: columns)
        while try table.nextBatch(&batch, capacity: 4096) {
            for r in 0..<batch.count {
                let image = batch.string(r, 0)
                guard seen.insert(image).inserted else {
                    throw InputError(file: file.displayPath, line: batch.line(r), field: idColumn, message: "duplicate image id \(quoted(image))")
                }
                rows.append((image, attributes.map { name in
                    let value = batch.string(r, columns.firstIndex(of: name)!)
                    return value.isEmpty ? nil : value
                }))
            }
        }
        let sha = try finalDigest(table)
        try file.checkDigest(sha, displayPath: file.displayPath)
        return (rows, sha)
    }

    /// Ids in numeric order when all are integers, else in text order.
    static func sortedIds(_ ids: [String]) -> [String] {
        let numbers = ids.map { Int64($0) }
        if numbers.allSatisfy({ $0 != nil }) {
            return zip(ids, numbers).sorted { $0.1! < $1.1! }.map(\.0)
        }
        return ids.sorted()
    }
}
