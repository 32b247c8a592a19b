import EvalKitData
import Foundation

/// One side's boxes of one sequence, in file order: frame (0-based), track id, box, confidence,
/// class and visibility, and each row's line for messages.
struct TrackRows: Sendable {
    var frame: [Int32] = []
    var id: [Int64] = []
    var box: [Double] = []
    var confidence: [Double] = []
    /// Class as written (MOTChallenge: a whole number; `-1` or absent: none).
    var classText: [String] = []
    var visibility: [Double] = []
    /// Values of the box attributes read from a table (`columns.object_attributes`), per attribute.
    var attributes: [[String?]] = []
    var line: [Int32] = []
    var file: String = ""
    var count: Int { id.count }
}

/// A sequence of the sequences table (the dataset's `metadata` file).
struct SequenceInfo: Sendable {
    var name: String
    var length: Int
    var frameRate: Double?
    var width: Double?
    var height: Double?
    var attributes: [String?]
    var line: Int
}

/// Reading tracking inputs: the sequences table, MOTChallenge text files (one per sequence) and
/// tables with a sequence column.
enum TrackingFiles {
    struct SequenceColumns {
        var name = "sequence", length = "length", frameRate = "frame_rate", width = "width", height = "height"
    }

    /// Reads the sequences table: one row per sequence with its length in frames, optionally its
    /// frame rate and image size, and its attributes. The table is the list of sequences evaluated.
    static func readSequences(_ file: DatasetManifest.File, columns c: SequenceColumns, attributes: [String])
        throws -> (sequences: [SequenceInfo], sha256: String) {
        let display = file.displayPath
        var header: [String] = []
        let table = try openTable(path: file.resolvedPath, displayPath: display, format: file.format ?? .csv, csv: file.csv) { names in
            header = names ?? []
            var wanted = [c.name, c.length]
            for optional in [c.frameRate, c.width, c.height] where names?.contains(optional) ?? false { wanted.append(optional) }
            return unique(wanted + attributes)
        }
        if !header.isEmpty && !header.contains(c.length) {
            throw InputError(file: display, field: c.length, message: "the sequences table has no length column (the number of frames of each sequence)",
                             hint: "name it with the manifest's columns.length; lengths are never taken from the last box")
        }
        table.readOnCallingThread()
        let names = table.selectedColumns
        let at = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var sequences: [SequenceInfo] = []
        var seen: [String: Int] = [:]
        var batch = FieldBatch(columns: names)
        while try table.nextBatch(&batch, capacity: 4096) {
            for r in 0..<batch.count {
                let line = batch.line(r)
                let name = batch.string(r, at[c.name]!)
                if name.isEmpty { throw InputError(file: display, line: line, field: c.name, expected: "a sequence name", found: "an empty field") }
                if let first = seen[name] {
                    throw InputError(file: display, line: line, field: c.name, message: "sequence \(quoted(name)) is listed twice (first on line \(first))")
                }
                seen[name] = line
                let lengthText = batch.isAbsent(r, at[c.length]!) ? "" : batch.string(r, at[c.length]!)
                guard let length = parseInt64(lengthText), length >= 0, length < 100_000_000 else {
                    throw InputError(file: display, line: line, field: c.length, expected: "the sequence's length in frames (a whole number ≥ 0)",
                                     found: lengthText.isEmpty ? "an empty field" : quoted(lengthText))
                }
                func optionalNumber(_ column: String, _ what: String) throws -> Double? {
                    guard let k = at[column], !batch.isAbsent(r, k) else { return nil }
                    let text = batch.string(r, k)
                    if text.isEmpty { return nil }
                    guard let v = parseDouble(text), v.isFinite, v > 0 else {
                        throw InputError(file: display, line: line, field: column, expected: what, found: quoted(text))
                    }
                    return v
                }
                let values = attributes.map { a -> String? in
                    let v = batch.string(r, at[a]!)
                    return v.isEmpty ? nil : v
                }
                sequences.append(SequenceInfo(name: name, length: Int(length),
                                              frameRate: try optionalNumber(c.frameRate, "frames per second (a number > 0)"),
                                              width: try optionalNumber(c.width, "the image width in pixels (a number > 0)"),
                                              height: try optionalNumber(c.height, "the image height in pixels (a number > 0)"),
                                              attributes: values, line: line))
            }
        }
        guard let sha = table.sha256 else { throw InternalError("reader gave no sha256 at end of file") }
        try file.checkDigest(sha, displayPath: display)
        return (sequences, sha)
    }

    // MARK: - MOTChallenge text

    /// The file of `sequence` under a MOTChallenge path: a template with `{sequence}`, or a
    /// directory holding `<sequence>.txt` (or, for ground truth, `<sequence>/gt/gt.txt`).
    static func motPath(_ base: String, display: String, sequence: String, groundTruth: Bool) -> (path: String, display: String)? {
        if base.contains("{sequence}") {
            return (base.replacingOccurrences(of: "{sequence}", with: sequence), display.replacingOccurrences(of: "{sequence}", with: sequence))
        }
        let flat = (base as NSString).appendingPathComponent(sequence + ".txt")
        if FileManager.default.fileExists(atPath: flat) || !groundTruth {
            return (flat, (display as NSString).appendingPathComponent(sequence + ".txt"))
        }
        let nested = (base as NSString).appendingPathComponent(sequence + "/gt/gt.txt")
        if FileManager.default.fileExists(atPath: nested) { return (nested, (display as NSString).appendingPathComponent(sequence + "/gt/gt.txt")) }
        return nil
    }

    /// The `<name>.txt` files of a MOTChallenge directory that name no sequence of the table.
    static func unknownSequenceFiles(_ base: String, known: Set<String>) -> [String] {
        guard !base.contains("{sequence}"), let entries = try? FileManager.default.contentsOfDirectory(atPath: base) else { return [] }
        return entries.filter { $0.hasSuffix(".txt") && !known.contains(String($0.dropLast(4))) }.sorted()
    }

    /// Parses MOTChallenge text: `frame,id,x,y,w,h[,conf[,class[,visibility[,…]]]]` a line (commas,
    /// or spaces when a line has no comma), frames 1-based up to `length`.
    static func parseMOT(_ bytes: [UInt8], display: String, length: Int, isTruth: Bool) throws -> TrackRows {
        var rows = TrackRows()
        rows.file = display
        let estimate = bytes.count / 40
        rows.frame.reserveCapacity(estimate)
        rows.id.reserveCapacity(estimate)
        rows.box.reserveCapacity(estimate * 4)
        rows.confidence.reserveCapacity(estimate)
        rows.classText.reserveCapacity(estimate)
        rows.visibility.reserveCapacity(estimate)
        rows.line.reserveCapacity(estimate)
        let names = ["frame", "id", "x", "y", "w", "h", "conf", "class", "visibility"]
        try bytes.withUnsafeBufferPointer { all in
            var start = 0
            var lineNumber = 0
            var fields: [Range<Int>] = []
            while start < all.count {
                var end = start
                while end < all.count && all[end] != 0x0A { end += 1 }
                lineNumber += 1
                var stop = end
                if stop > start && all[stop - 1] == 0x0D { stop -= 1 }
                defer { start = end + 1 }
                // Split on commas (or blanks), trimming blanks.
                fields.removeAll(keepingCapacity: true)
                var hasComma = false
                for k in start..<stop where all[k] == UInt8(ascii: ",") { hasComma = true; break }
                var k = start
                if hasComma {
                    var fieldStart = start
                    while k <= stop {
                        if k == stop || all[k] == UInt8(ascii: ",") {
                            var a = fieldStart, b = k
                            while a < b && (all[a] == 0x20 || all[a] == 0x09) { a += 1 }
                            while b > a && (all[b - 1] == 0x20 || all[b - 1] == 0x09) { b -= 1 }
                            fields.append(a..<b)
                            fieldStart = k + 1
                        }
                        k += 1
                    }
                } else {
                    while k < stop {
                        while k < stop && (all[k] == 0x20 || all[k] == 0x09) { k += 1 }
                        if k == stop { break }
                        let a = k
                        while k < stop && all[k] != 0x20 && all[k] != 0x09 { k += 1 }
                        fields.append(a..<k)
                    }
                }
                if fields.isEmpty || (fields.count == 1 && fields[0].isEmpty) { continue }
                func text(_ f: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: all[fields[f]]), as: UTF8.self) }
                func fail(_ f: Int, _ expected: String) -> InputError {
                    InputError(file: display, line: lineNumber, field: names[f], expected: expected,
                               found: fields[f].isEmpty ? "an empty field" : quoted(text(f)))
                }
                guard fields.count >= 6 else {
                    throw InputError(file: display, line: lineNumber, expected: "at least 6 fields (frame,id,x,y,w,h)", found: "\(fields.count)")
                }
                guard let frame = parseInt64(UnsafeBufferPointer(rebasing: all[fields[0]])) else { throw fail(0, "a frame number (a whole number)") }
                guard frame >= 1 && frame <= length else {
                    throw InputError(file: display, line: lineNumber, field: "frame",
                                     message: "frame \(frame) is outside the sequence (frames 1 to \(length), its length in the sequences table)")
                }
                guard let idValue = parseDouble(UnsafeBufferPointer(rebasing: all[fields[1]])), idValue.isFinite, idValue == idValue.rounded(),
                      abs(idValue) < 9e15 else { throw fail(1, "a track id (a whole number)") }
                var box = (0.0, 0.0, 0.0, 0.0)
                for f in 2..<6 {
                    guard let v = parseDouble(UnsafeBufferPointer(rebasing: all[fields[f]])), v.isFinite else { throw fail(f, "a finite number") }
                    switch f {
                    case 2: box.0 = v
                    case 3: box.1 = v
                    case 4: box.2 = v
                    default: box.3 = v
                    }
                }
                if box.2 < 0 { throw fail(4, "a width ≥ 0") }
                if box.3 < 0 { throw fail(5, "a height ≥ 0") }
                var confidence = 1.0, classText = "", visibility = 1.0
                if fields.count > 6 {
                    guard let v = parseDouble(UnsafeBufferPointer(rebasing: all[fields[6]])), v.isFinite else { throw fail(6, "a finite number") }
                    confidence = v
                }
                // Class and visibility are checked where they are used (MOT15 files carry world
                // coordinates in these columns).
                if fields.count > 7 { classText = normalizedClass(text(7)) }
                if fields.count > 8 { visibility = parseDouble(UnsafeBufferPointer(rebasing: all[fields[8]])) ?? .nan }
                rows.frame.append(Int32(frame - 1))
                rows.id.append(Int64(idValue))
                rows.box.append(box.0)
                rows.box.append(box.1)
                rows.box.append(box.2)
                rows.box.append(box.3)
                rows.confidence.append(confidence)
                rows.classText.append(classText)
                rows.visibility.append(visibility)
                rows.line.append(Int32(lineNumber))
            }
        }
        return rows
    }

    /// The rows of MOTChallenge text without parsing it: lines with anything but blanks (a
    /// shard's count of the sequences it does not evaluate).
    static func rowCount(_ bytes: [UInt8]) -> Int {
        var rows = 0, content = false
        for byte in bytes {
            if byte == 0x0A {
                if content { rows += 1 }
                content = false
            } else if byte != 0x20 && byte != 0x09 && byte != 0x0D {
                content = true
            }
        }
        return rows + (content ? 1 : 0)
    }

    /// A class as written, whole numbers in their plain form (`1.0` → `1`); `-1` means none.
    static func normalizedClass(_ text: String) -> String {
        if let v = parseDouble(text), v.isFinite, v == v.rounded(), abs(v) < 1e15 { return v == -1 ? "" : String(Int64(v)) }
        return text
    }

    /// Rejects a track id given twice in one frame (TrackEval refuses it too): each id's rank
    /// remembers the last frame and line it was seen on, the rows taken frame by frame.
    static func checkUniqueIds(_ rows: TrackRows) throws {
        let (rank, distinct) = SequenceBoxes.rankIds(rows.id)
        var lastFrame = [Int32](repeating: -1, count: distinct.count), lastLine = [Int32](repeating: 0, count: distinct.count)
        // Frame by frame (file order within a frame), so rows of a frame need not be adjacent.
        let frames = Int(rows.frame.max() ?? -1) + 1
        for r in TrackingEvaluation.frameOrder(rows.frame, frames: frames) {
            let k = Int(rank[r])
            if lastFrame[k] == rows.frame[r] {
                throw InputError(file: rows.file, line: Int(rows.line[r]), field: "id",
                                 message: "track id \(rows.id[r]) appears twice in frame \(rows.frame[r] + 1) (first on line \(lastLine[k]))")
            }
            lastFrame[k] = rows.frame[r]
            lastLine[k] = rows.line[r]
        }
    }

    // MARK: - Tables with a sequence column

    struct TableColumns {
        var sequence: String
        var attributes: [String] = []
    }

    /// Reads a CSV or JSONL table of boxes, one a row: the sequence column, `frame`, `id`, `x`,
    /// `y`, `w`, `h`, optionally `conf`, `class`, `visibility` and the box attributes; rows are
    /// grouped by sequence (file order kept). Sequences the table does not know are returned apart.
    static func readTable(path: String, display: String, format: TableFormat, csv: CSVOptions, columns c: TableColumns,
                          lengths: [String: Int], progress: ProgressReporter)
        throws -> (rows: [String: TrackRows], unknown: [String: (rows: Int, line: Int)], sha256: String, count: Int) {
        let required = [c.sequence, "frame", "id", "x", "y", "w", "h"]
        var header: [String]?
        let table = try openTable(path: path, displayPath: display, format: format, csv: csv) { names in
            header = names
            var wanted = required
            for optional in ["conf", "class", "visibility"] where names?.contains(optional) ?? true { wanted.append(optional) }
            return unique(wanted + c.attributes)
        }
        if let header {
            for name in required where !header.contains(name) {
                throw InputError(file: display, field: name, message: "the table has no \(quoted(name)) column",
                                 hint: "tracking tables have the columns \(required.joined(separator: ",")) and optionally conf,class,visibility")
            }
        }
        table.reportProgress(to: progress)
        let names = table.selectedColumns
        let at = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var slot: [String: Int] = [:]
        var all: [TrackRows] = []
        var unknown: [String: (rows: Int, line: Int)] = [:]
        var total = 0
        var batch = FieldBatch(columns: names)
        while try table.nextBatch(&batch, capacity: 4096) {
            for r in 0..<batch.count {
                total += 1
                let line = batch.line(r)
                func field(_ name: String) -> String? {
                    guard let k = at[name], !batch.isAbsent(r, k) else { return nil }
                    return batch.string(r, k)
                }
                func number(_ name: String, _ expected: String) throws -> Double {
                    let text = field(name) ?? ""
                    guard let v = parseDouble(text), v.isFinite else {
                        throw InputError(file: display, line: line, field: name, expected: expected, found: text.isEmpty ? "an empty field" : quoted(text))
                    }
                    return v
                }
                let sequence = field(c.sequence) ?? ""
                guard let length = lengths[sequence] else {
                    if sequence.isEmpty {
                        throw InputError(file: display, line: line, field: c.sequence, expected: "a sequence name", found: "an empty field")
                    }
                    unknown[sequence, default: (0, line)].rows += 1
                    continue
                }
                let frameText = field("frame") ?? ""
                guard let frame = parseInt64(frameText) else {
                    throw InputError(file: display, line: line, field: "frame", expected: "a frame number (a whole number)",
                                     found: frameText.isEmpty ? "an empty field" : quoted(frameText))
                }
                guard frame >= 1 && frame <= length else {
                    throw InputError(file: display, line: line, field: "frame",
                                     message: "frame \(frame) is outside sequence \(quoted(sequence)) (frames 1 to \(length), its length in the sequences table)")
                }
                let id = try number("id", "a track id (a whole number)")
                guard id == id.rounded(), abs(id) < 9e15 else {
                    throw InputError(file: display, line: line, field: "id", expected: "a track id (a whole number)", found: quoted(field("id") ?? ""))
                }
                let x = try number("x", "a finite number"), y = try number("y", "a finite number")
                let w = try number("w", "a width ≥ 0"), h = try number("h", "a height ≥ 0")
                if w < 0 { throw InputError(file: display, line: line, field: "w", expected: "a width ≥ 0", found: quoted(field("w")!)) }
                if h < 0 { throw InputError(file: display, line: line, field: "h", expected: "a height ≥ 0", found: quoted(field("h")!)) }
                let s: Int
                if let known = slot[sequence] { s = known } else {
                    s = all.count
                    slot[sequence] = s
                    all.append(TrackRows(attributes: c.attributes.map { _ in [] }, file: display))
                }
                let conf = field("conf").flatMap { $0.isEmpty ? nil : $0 } != nil ? try number("conf", "a finite number") : 1
                let visibility = field("visibility").flatMap { $0.isEmpty ? nil : $0 } != nil ? try number("visibility", "a finite number") : 1
                let classValue = field("class") ?? ""
                all[s].frame.append(Int32(frame - 1))
                all[s].id.append(Int64(id))
                all[s].box += [x, y, w, h]
                all[s].confidence.append(conf)
                all[s].classText.append(normalizedClass(classValue))
                all[s].visibility.append(visibility)
                for (a, name) in c.attributes.enumerated() {
                    let v = field(name) ?? ""
                    all[s].attributes[a].append(v.isEmpty ? nil : v)
                }
                all[s].line.append(Int32(line))
            }
        }
        guard let sha = table.sha256 else { throw InternalError("reader gave no sha256 at end of file") }
        var rows: [String: TrackRows] = [:]
        for (name, s) in slot { rows[name] = all[s] }
        return (rows, unknown, sha, total)
    }
}
