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
    return nil
}

/// CSV options implied by a path's extension: a tab delimiter for `.tsv`, a comma otherwise.
public func defaultCSVOptions(forPath path: String) -> CSVOptions {
    path.lowercased().hasSuffix(".tsv") ? CSVOptions(delimiter: 0x09) : CSVOptions()
}

/// Opens `path` read-only and returns the descriptor, or throws an `InputError` naming
/// `displayPath`: `file not found`, `is a directory`, `permission denied`, or the system's text.
func openFileForReading(path: String, displayPath: String) throws -> Int32 {
    var info = stat()
    if stat(path, &info) != 0 {
        throw InputError(file: displayPath, message: openFailureText(errno))
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
