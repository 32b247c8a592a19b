import EvalKitData
import Foundation

/// Events as read from one input (the reference or the system output), before they are checked
/// against the recordings: one entry per row, in file order (docs/schemes.md, "Task `events`").
struct EventRows {
    /// The files the rows came from (one table, or the per-recording lists of an event list).
    var files: [String] = []
    var videoNames: [String] = []
    var videoIndex: [String: Int32] = [:]
    var labelNames: [String] = []
    var labelIndex: [String: Int32] = [:]
    var video: [Int32] = []
    var label: [Int32] = []
    /// Interval rows: onset and offset in seconds. Frame rows: the frame in `frame`, and onset/offset unused.
    var onset: [Double] = []
    var offset: [Double] = []
    var frame: [Int] = []
    /// Scores of the rows, when the table has a score column.
    var score: [Double] = []
    /// Target objects of the rows (indices into `objectNames`), when the table has an object column.
    var object: [Int32] = []
    var objectNames: [String] = []
    var objectIndex: [String: Int32] = [:]
    /// Per event attribute (`Columns.attributes`), each row's value ("" when empty or absent).
    var attributes: [[String]] = []
    var file: [Int32] = []
    var line: [Int] = []
    var sha256 = ""
    /// Recordings an event list names that have no events.
    var emptyRecordings: [String] = []
    /// Recording names in the order an event list names them.
    var listedRecordings: [String] = []

    var count: Int { video.count }

    mutating func intern(video name: String) -> Int32 {
        if let index = videoIndex[name] { return index }
        let index = Int32(videoNames.count)
        videoNames.append(name)
        videoIndex[name] = index
        return index
    }

    mutating func intern(label name: String) -> Int32 {
        if let index = labelIndex[name] { return index }
        let index = Int32(labelNames.count)
        labelNames.append(name)
        labelIndex[name] = index
        return index
    }

    /// The place of row `i` for messages.
    func place(_ i: Int) -> (file: String, line: Int) { (files[Int(file[i])], line[i]) }

    /// Appends an interval row after checking its times.
    mutating func appendInterval(video: String, label: String, onset: Double?, offset: Double?, onsetText: String, offsetText: String,
                                 onsetField: String, offsetField: String, file fileIndex: Int32, line: Int) throws {
        let display = files[Int(fileIndex)]
        // Texts as written for messages (an event list keeps them only when a time does not parse).
        let onsetText = onsetText.isEmpty ? onset.map { JSONOutput.format($0) } ?? "" : onsetText
        let offsetText = offsetText.isEmpty ? offset.map { JSONOutput.format($0) } ?? "" : offsetText
        guard let onset, onset.isFinite else {
            throw InputError(file: display, line: line, field: onsetField, expected: "a time in seconds (a finite number)", found: quoted(onsetText))
        }
        guard let offset, offset.isFinite else {
            throw InputError(file: display, line: line, field: offsetField, expected: "a time in seconds (a finite number)", found: quoted(offsetText))
        }
        if onset < 0 {
            throw InputError(file: display, line: line, field: onsetField, expected: "a time ≥ 0", found: onsetText)
        }
        if offset < onset {
            throw InputError(file: display, line: line, field: offsetField,
                             expected: "an offset ≥ the onset \(onsetText)", found: offsetText, message: "the event ends before it starts")
        }
        if label.isEmpty {
            throw InputError(file: display, line: line, field: "label", expected: "an event label", found: "an empty field")
        }
        self.video.append(intern(video: video))
        self.label.append(intern(label: label))
        self.onset.append(onset)
        self.offset.append(offset)
        self.file.append(fileIndex)
        self.line.append(line)
    }
}

/// Reads the inputs of the `events` task.
enum EventTables {
    /// The columns of an interval table (`video,onset,offset,label`) or a frame-label table
    /// (`video,frame,label`).
    struct Columns {
        var video: String
        var label: String
        var onset: String
        var offset: String
        /// Set for frame labels.
        var frame: String?
        /// The score column of scored system events.
        var score: String?
        /// The target-object column: events match only events of the same object.
        var object: String?
        /// Event attribute columns (reference side: slices by event attributes).
        var attributes: [String] = []
    }

    /// Reads an interval or frame-label table (CSV or JSONL).
    static func readTable(path: String, display: String, format: TableFormat, csv: CSVOptions, columns c: Columns,
                          progress: ProgressReporter, threads: Threads) throws -> EventRows {
        let names = (c.frame.map { [c.video, $0, c.label] } ?? [c.video, c.onset, c.offset, c.label]) + (c.score.map { [$0] } ?? [])
            + (c.object.map { [$0] } ?? []) + c.attributes
        let table = try openTable(path: path, displayPath: display, format: format, csv: csv, columns: unique(names))
        table.reportProgress(to: progress)
        if !threads.isParallel { table.readOnCallingThread() }
        let at = Dictionary(unique(names).enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var rows = EventRows()
        rows.files = [display]
        rows.attributes = c.attributes.map { _ in [] }
        var batch = FieldBatch(columns: unique(names))
        while try table.nextBatch(&batch, capacity: 4096) {
            for r in 0..<batch.count {
                let line = batch.line(r)
                let video = batch.string(r, at[c.video]!)
                if video.isEmpty || batch.isAbsent(r, at[c.video]!) {
                    throw InputError(file: display, line: line, field: c.video, expected: "a video name", found: "an empty field")
                }
                let label = batch.string(r, at[c.label]!)
                for (a, name) in c.attributes.enumerated() {
                    rows.attributes[a].append(batch.isAbsent(r, at[name]!) ? "" : batch.string(r, at[name]!))
                }
                if let objectColumn = c.object {
                    let name = batch.string(r, at[objectColumn]!)
                    if name.isEmpty {
                        throw InputError(file: display, line: line, field: objectColumn, expected: "the event's target object", found: "an empty field")
                    }
                    if let known = rows.objectIndex[name] { rows.object.append(known) } else {
                        rows.objectIndex[name] = Int32(rows.objectNames.count)
                        rows.object.append(Int32(rows.objectNames.count))
                        rows.objectNames.append(name)
                    }
                }
                if let scoreColumn = c.score {
                    let text = batch.string(r, at[scoreColumn]!)
                    guard let score = parseDouble(text), score.isFinite else {
                        throw InputError(file: display, line: line, field: scoreColumn, expected: "a score (a finite number)",
                                         found: text.isEmpty ? "an empty field" : quoted(text))
                    }
                    rows.score.append(score)
                }
                if let frameColumn = c.frame {
                    let text = batch.string(r, at[frameColumn]!)
                    guard let frame = Int(text), frame >= 0 else {
                        throw InputError(file: display, line: line, field: frameColumn, expected: "a frame number (an integer ≥ 0)", found: quoted(text))
                    }
                    if label.isEmpty {
                        throw InputError(file: display, line: line, field: c.label, expected: "an event label", found: "an empty field")
                    }
                    rows.video.append(rows.intern(video: video))
                    rows.label.append(rows.intern(label: label))
                    rows.frame.append(frame)
                    rows.file.append(0)
                    rows.line.append(line)
                } else {
                    let onsetText = batch.string(r, at[c.onset]!), offsetText = batch.string(r, at[c.offset]!)
                    try rows.appendInterval(video: video, label: label, onset: parseDouble(onsetText), offset: parseDouble(offsetText),
                                            onsetText: onsetText, offsetText: offsetText, onsetField: c.onset, offsetField: c.offset,
                                            file: 0, line: line)
                }
            }
        }
        guard let sha = table.sha256 else { throw InternalError("reader gave no sha256 at end of file") }
        rows.sha256 = sha
        return rows
    }

    /// Reads sed_eval's file list (`reference<TAB>estimate` a line, paths relative to the list) and
    /// the per-recording event lists of one side (`column` 0: references, 1: estimates). A
    /// recording is named by its reference file's name without extension. Each list's lines are
    /// `onset<TAB>offset<TAB>label`, or with the file name first (`file<TAB>onset<TAB>offset<TAB>label`,
    /// and `file<TAB>scene<TAB>onset<TAB>offset<TAB>label`), or a file name alone (no events);
    /// empty lines are skipped. The digest is SHA-256 over the file list's bytes followed by each
    /// listed file's bytes, in list order.
    static func readEventList(path: String, display: String, column: Int, threads: Threads, progress: ProgressReporter = .off) throws -> EventRows {
        let listBytes = try readSmallFile(path: path, display: display)
        var digest = StreamingSHA256()
        digest.update(listBytes)
        let base = parentPath(path), displayBase = parentPath(display)
        var rows = EventRows()
        var seen = Set<String>()
        var listed: [(name: String, path: String, display: String)] = []
        for (lineIndex, rawLine) in splitLines(listBytes).enumerated() {
            let text = String(decoding: rawLine, as: UTF8.self)
            if text.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) { continue }
            let fields = text.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            guard fields.count >= 2, !fields[0].isEmpty, !fields[1].isEmpty else {
                throw InputError(file: display, line: lineIndex + 1, expected: "a reference and an estimate path separated by a tab",
                                 found: quoted(text))
            }
            let name = stem(fields[0])
            guard seen.insert(name).inserted else {
                throw InputError(file: display, line: lineIndex + 1, message: "recording \(quoted(name)) is listed twice")
            }
            listed.append((name, resolve(fields[column], base: base), resolve(fields[column], base: displayBase)))
        }
        // The per-recording lists, read and parsed on every thread, then joined in list order.
        let chunk = max(1, listed.count / max(1, threads.count * 8))
        let tally = ProgressTally(progress, stage: "reading " + (column == 0 ? "reference" : "estimate") + " lists of " + display,
                                  total: Int64(listed.count), unit: .files)
        let parts = try threads.map((listed.count + chunk - 1) / chunk) { c throws -> [(bytes: [UInt8], events: [ListedEvent])] in
            try listed[(c * chunk)..<min(listed.count, (c + 1) * chunk)].map { entry in
                let bytes = try readSmallFile(path: entry.path, display: entry.display)
                tally.add()
                return (bytes, try parseEventList(bytes, display: entry.display))
            }
        }
        var index = 0
        for part in parts {
            for (bytes, events) in part {
                let entry = listed[index]
                index += 1
                digest.update(bytes)
                rows.listedRecordings.append(entry.name)
                rows.files.append(entry.display)
                let fileIndex = Int32(rows.files.count - 1)
                _ = rows.intern(video: entry.name)
                if events.isEmpty { rows.emptyRecordings.append(entry.name) }
                for event in events {
                    try rows.appendInterval(video: entry.name, label: event.label, onset: event.onset, offset: event.offset,
                                            onsetText: event.onsetText, offsetText: event.offsetText, onsetField: "onset",
                                            offsetField: "offset", file: fileIndex, line: event.line)
                }
            }
        }
        rows.sha256 = digest.hex()
        return rows
    }

    /// One line of a per-recording event list.
    struct ListedEvent {
        var onset: Double?
        var offset: Double?
        var label: String
        var line: Int
        /// The fields as written, for messages (only kept when a time does not parse).
        var onsetText = ""
        var offsetText = ""
    }

    /// Parses a per-recording event list from its bytes: tab-separated fields, each trimmed of
    /// spaces and a CR as dcase_util reads them; 1 field (a file name: no events), 3, 4 (file
    /// first) or 5 (file and scene first) fields; blank lines skipped.
    static func parseEventList(_ bytes: [UInt8], display: String) throws -> [ListedEvent] {
        var events: [ListedEvent] = []
        try bytes.withUnsafeBufferPointer { all in
            var fields: [Range<Int>] = []
            var lineStart = 0
            var lineNumber = 0
            while lineStart < all.count {
                lineNumber += 1
                var lineEnd = lineStart
                while lineEnd < all.count && all[lineEnd] != 0x0A { lineEnd += 1 }
                fields.removeAll(keepingCapacity: true)
                var fieldStart = lineStart
                for i in lineStart...lineEnd where i == lineEnd || all[i] == 0x09 {
                    var a = fieldStart, b = i
                    while a < b && isBlank(all[a]) { a += 1 }
                    while b > a && isBlank(all[b - 1]) { b -= 1 }
                    fields.append(a..<b)
                    fieldStart = i + 1
                }
                lineStart = lineEnd + 1
                if fields.allSatisfy({ $0.isEmpty }) { continue }
                let offset: Int
                switch fields.count {
                case 1: continue
                case 3: offset = 0
                case 4: offset = 1
                case 5: offset = 2
                default:
                    throw InputError(file: display, line: lineNumber,
                                     expected: "onset<TAB>offset<TAB>label (optionally after the file name, or file and scene)",
                                     found: "\(fields.count) tab-separated fields")
                }
                let on = UnsafeBufferPointer(rebasing: all[fields[offset]]), off = UnsafeBufferPointer(rebasing: all[fields[offset + 1]])
                var event = ListedEvent(onset: parseDouble(on), offset: parseDouble(off),
                                        label: String(decoding: UnsafeBufferPointer(rebasing: all[fields[offset + 2]]), as: UTF8.self),
                                        line: lineNumber)
                if event.onset == nil || event.offset == nil {
                    event.onsetText = String(decoding: on, as: UTF8.self)
                    event.offsetText = String(decoding: off, as: UTF8.self)
                }
                events.append(event)
            }
        }
        return events
    }

    @inline(__always) static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0D || byte == 0x09 || byte == 0x0B || byte == 0x0C }

    /// The lines of a file's bytes (LF; a final line without LF counts).
    static func splitLines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }

    /// A path's last component without its extension.
    static func stem(_ path: String) -> String {
        let name = lastPathComponent(path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// One video of the recordings table.
    struct Recording {
        var duration: Double
        var fps: Double?
        var attributes: [String?]
        var line: Int
    }

    /// Reads the recordings table (the dataset's `metadata` file): one row per video with its
    /// duration, optionally its frame rate, and its attributes.
    static func readRecordings(_ file: DatasetManifest.File, videoColumn: String, durationColumn: String, fpsColumn: String?,
                               attributes: [String], progress: ProgressReporter, threads: Threads)
        throws -> (recordings: [String: Recording], sha256: String) {
        let display = file.displayPath
        let table = try openTable(path: file.resolvedPath, displayPath: display, format: file.format ?? .csv, csv: file.csv) { header in
            var names = [videoColumn, durationColumn]
            if let fpsColumn, header?.contains(fpsColumn) ?? true { names.append(fpsColumn) }
            return unique(names + attributes)
        }
        table.reportProgress(to: progress)
        if !threads.isParallel { table.readOnCallingThread() }
        let columns = table.selectedColumns
        let at = Dictionary(columns.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var recordings: [String: Recording] = [:]
        var batch = FieldBatch(columns: columns)
        while try table.nextBatch(&batch, capacity: 4096) {
            for r in 0..<batch.count {
                let line = batch.line(r)
                let video = batch.string(r, at[videoColumn]!)
                if video.isEmpty {
                    throw InputError(file: display, line: line, field: videoColumn, expected: "a video name", found: "an empty field")
                }
                let durationText = batch.string(r, at[durationColumn]!)
                guard let duration = parseDouble(durationText), duration.isFinite, duration >= 0 else {
                    throw InputError(file: display, line: line, field: durationColumn, expected: "the video's duration in seconds (a number ≥ 0)",
                                     found: durationText.isEmpty ? "an empty field" : quoted(durationText))
                }
                var fps: Double?
                if let fpsColumn, let c = at[fpsColumn], !(batch.isAbsent(r, c) || batch.string(r, c).isEmpty) {
                    let text = batch.string(r, c)
                    guard let value = parseDouble(text), value.isFinite, value > 0 else {
                        throw InputError(file: display, line: line, field: fpsColumn, expected: "frames per second (a number > 0)", found: quoted(text))
                    }
                    fps = value
                }
                let values = attributes.map { name -> String? in
                    let value = batch.string(r, at[name]!)
                    return value.isEmpty ? nil : value
                }
                if let earlier = recordings[video] {
                    throw InputError(file: display, line: line, field: videoColumn,
                                     message: "video \(quoted(video)) is listed twice (first on line \(earlier.line))")
                }
                recordings[video] = Recording(duration: duration, fps: fps, attributes: values, line: line)
            }
        }
        guard let sha = table.sha256 else { throw InternalError("reader gave no sha256 at end of file") }
        try file.checkDigest(sha, displayPath: display)
        return (recordings, sha)
    }
}
