#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opens a tabular file for streaming with the reader of its format: `CSVReader` for `.csv`,
/// `JSONLReader` for `.jsonl`. `columns` are the columns (CSV header names, JSONL keys) to select,
/// in the order every batch will hold them.
///
/// Throws an `InputError` naming `displayPath` when the file is missing (`file not found`), a
/// directory (`is a directory`), unreadable (`permission denied`), empty, or lacks a selected
/// CSV column.
public func openTable(path: String, displayPath: String, format: TableFormat, csv: CSVOptions,
                      columns: [String]) throws -> any TabularSource {
    switch format {
    case .csv:
        return try CSVReader(path: path, displayPath: displayPath, options: csv, columns: columns)
    case .jsonl:
        return try JSONLReader(path: path, displayPath: displayPath, columns: columns)
    case .coco:
        throw InputError(file: displayPath, message: "a COCO JSON file is not a table",
                         hint: "COCO files are read by the detection task; give a CSV or JSONL file here")
    case .actev:
        throw InputError(file: displayPath, message: "an ActEV JSON file is not a table",
                         hint: "ActEV files are read by the events task; give a CSV or JSONL file here")
    case .eventList:
        throw InputError(file: displayPath, message: "an event-list file list is not a table",
                         hint: "event lists are read by the events task; give a CSV or JSONL file here")
    case .embeddings:
        throw InputError(file: displayPath, message: "an embedding matrix is not a table",
                         hint: "embeddings are read by the verification task; give a CSV or JSONL file here")
    case .mot:
        throw InputError(file: displayPath, message: "MOTChallenge files are not one table",
                         hint: "MOTChallenge files are read by the tracking task; give a CSV or JSONL file here")
    }
}

/// Opens a tabular file whose columns depend on its header: `select` gets the CSV header (nil for
/// JSONL, whose keys are per line) and returns the columns to select. The file is opened once.
public func openTable(path: String, displayPath: String, format: TableFormat, csv: CSVOptions,
                      selecting select: ([String]?) -> [String]) throws -> any TabularSource {
    switch format {
    case .csv:
        return try CSVReader(path: path, displayPath: displayPath, options: csv, selecting: { select($0) })
    case .jsonl:
        return try JSONLReader(path: path, displayPath: displayPath, columns: select(nil))
    case .coco, .eventList, .actev, .embeddings, .mot:
        return try openTable(path: path, displayPath: displayPath, format: format, csv: csv, columns: [])
    }
}

/// The table format implied by a path's extension (case-insensitive): `.csv` and `.tsv` are CSV
/// (see `defaultCSVOptions(forPath:)` for the delimiter), `.jsonl` and `.ndjson` are JSONL, `.json`
/// is COCO JSON; nil for any other extension (the caller asks the user to name the format).
public func tableFormat(forPath path: String) -> TableFormat? {
    let lower = path.lowercased()
    if lower.hasSuffix(".csv") || lower.hasSuffix(".tsv") { return .csv }
    if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") { return .jsonl }
    if lower.hasSuffix(".json") { return .coco }
    if lower.hasSuffix(".npy") { return .embeddings }
    return nil
}

/// CSV options implied by a path's extension: a tab delimiter for `.tsv`, a comma otherwise.
public func defaultCSVOptions(forPath path: String) -> CSVOptions {
    path.lowercased().hasSuffix(".tsv") ? CSVOptions(delimiter: 0x09) : CSVOptions()
}

/// The path that names standard input (`--predictions -`).
public let standardInputPath = "-"
/// How standard input is shown in messages and results.
public let standardInputDisplay = "<stdin>"

/// Opens `path` read-only and returns the descriptor, or throws an `InputError` naming
/// `displayPath`: `file not found`, `is a directory`, `permission denied`, or the system's text.
/// `standardInputPath` (`-`) gives a duplicate of standard input (refused when it is a terminal,
/// which would wait for typing). Pipes and FIFOs are opened like files; the caller reads each
/// once, from start to end (no seeking).
func openFileForReading(path: String, displayPath: String) throws -> Int32 {
    if path == standardInputPath {
        if isatty(STDIN_FILENO) != 0 {
            throw InputError(file: displayPath, message: "standard input is a terminal, expected the file's bytes",
                             hint: "pipe or redirect the file into evalkit, e.g. `--predictions - < predictions.csv`")
        }
        let fd = fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 0)
        if fd < 0 { throw InputError(file: displayPath, message: "cannot read standard input: \(systemErrorText(errno))") }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw InputError(file: displayPath, message: "is a directory, expected a file")
        }
        return fd
    }
    var info = stat()
    if stat(path, &info) != 0 {
        let code = errno
        if code == ENOENT, lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK {
            throw InputError(file: displayPath, message: "a dangling symbolic link (its target does not exist)")
        }
        throw InputError(file: displayPath, message: openFailureText(code))
    }
    if (info.st_mode & S_IFMT) == S_IFDIR {
        throw InputError(file: displayPath, message: "is a directory, expected a file")
    }
    while true {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd >= 0 { return fd }
        if errno == EINTR { continue }
        throw InputError(file: displayPath, message: openFailureText(errno))
    }
}

/// The size of an open regular file, nil for a pipe, FIFO, socket or terminal (whose `st_size`
/// says nothing about what will be read).
func regularFileSize(_ fd: Int32) -> Int64? {
    var info = stat()
    guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
    return Int64(info.st_size)
}

private func openFailureText(_ code: Int32) -> String {
    switch code {
    case ENOENT, ENOTDIR: return "file not found"
    case ELOOP: return "too many levels of symbolic links (a symbolic link loop)"
    case EACCES, EPERM: return "permission denied"
    case EISDIR: return "is a directory, expected a file"
    default: return "cannot open the file: \(systemErrorText(code))"
    }
}

/// The C library's text for an `errno` value.
func systemErrorText(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "error \(code)" }
    return String(cString: text)
}
