/// A tabular file read as a stream of `FieldBatch`es of selected columns.
///
/// Implementations: `CSVReader` (RFC 4180) and `JSONLReader` (one JSON object per line). Both
/// validate UTF-8, report faults as `InputError` naming file and line, and hash the bytes they read
/// so `sha256` is known once the last batch has been returned, without a second pass.
public protocol TabularSource: AnyObject {
    /// The path as the user named it, used in error messages.
    var displayPath: String { get }
    /// The selected column names, in the order they appear in every batch.
    var selectedColumns: [String] { get }
    /// Fills `batch` (emptied first) with up to `capacity` rows; returns false at end of file
    /// (and then `batch.count == 0`).
    func nextBatch(_ batch: inout FieldBatch, capacity: Int) throws -> Bool
    /// Lowercase hex SHA-256 of the whole file; nil until the file has been read to its end.
    var sha256: String? { get }
    /// The file's size when it is a regular file; nil for a pipe, FIFO or standard input, which
    /// can be read only once.
    var totalBytes: Int64? { get }
    /// Sends the bytes read so far, and then after each chunk, to `reporter`.
    func reportProgress(to reporter: ProgressReporter)
    /// Reads (and hashes) the rest of the file on the caller's thread instead of a helper
    /// thread (`--threads 1`).
    func readOnCallingThread()
}

/// The file formats evalkit reads: tables (CSV, JSONL) and COCO JSON (a ground-truth file with
/// images, annotations and categories, or a results list), which only the detection task reads.
public enum TableFormat: String, Sendable, CaseIterable {
    case csv
    case jsonl
    case coco
    /// sed_eval's file list: one recording a line, `reference<TAB>estimate` (paths of per-recording
    /// event lists `onset<TAB>offset<TAB>label`), read by the `events` task.
    case eventList = "event_list"
    /// NIST ActEV's JSON (a reference or system output with `activities`, or a file index), read
    /// by the `events` task.
    case actev
    /// Float32 embedding matrices: NumPy `.npy`, or raw float32 described by a JSON header
    /// (`EmbeddingReader`), read by the `verification` task.
    case embeddings
    /// MOTChallenge text, one file per sequence (`frame,id,x,y,w,h,conf,class,visibility`): a
    /// directory of `<sequence>.txt` files or a path with `{sequence}`, read by the `tracking` task.
    case mot
}

/// Options for reading CSV files.
public struct CSVOptions: Sendable, Equatable {
    /// Field delimiter (one ASCII byte), `,` by default; `\t` for TSV.
    public var delimiter: UInt8 = UInt8(ascii: ",")
    public init(delimiter: UInt8 = UInt8(ascii: ",")) { self.delimiter = delimiter }
}
