/// Reads float32 embedding matrices (one row per template) for face verification.
///
/// Two forms:
/// - a NumPy `.npy` file (format version 1.0, 2.0 or 3.0) holding a 2-D, C-ordered array of
///   dtype `'<f4'` (`NPYHeader`);
/// - a JSON header (any path ending in `.json`) naming a raw little-endian float32 data file
///   (`RawEmbeddingHeader`).
///
/// Every fault is an `InputError` naming the file: a missing file, a file that is not `.npy`, an
/// unsupported version or dtype (`'<f8'` is float64, `'>f4'` big-endian), Fortran order, a shape
/// that is not 2-D or has no columns, and data shorter or longer than the shape says (in bytes).
/// A matrix with no rows is read.
public enum EmbeddingReader {
    /// Reads `.npy` (NumPy format version 1.0, 2.0 or 3.0; dtype '<f4', fortran_order False, 2-D
    /// shape) or a raw float32 file described by a JSON header (path ends in .json):
    /// {"file": "probes.f32", "dtype": "float32", "byte_order": "little", "order": "C", "shape": [n, d]},
    /// "file" relative to the header's directory. `displayPath` is how messages name the file.
    ///
    /// Returns the matrix and the lowercase hex SHA-256 of every file read, each computed over the
    /// same bytes as they were read (one pass per file):
    /// - `.npy`: one entry, `(displayPath, sha256 of the whole file)`;
    /// - JSON header: two entries, the header `(displayPath, sha256)` and then the data file
    ///   `(its display path, sha256)`, the data file's display path being `file` resolved against
    ///   `displayPath`'s directory.
    ///
    /// Reading reports the bytes of the matrix's file to `progress`.
    ///
    /// - Complexity: one read of each file into the matrix's storage; no per-value parsing.
    public static func read(path: String, displayPath: String, progress: ProgressReporter = .off) throws
        -> (matrix: EmbeddingMatrix, files: [(path: String, sha256: String)])
    {
        if path.lowercased().hasSuffix(".json") {
            return try readRaw(headerPath: path, displayPath: displayPath, progress: progress)
        }
        let file = try HashedFileReader(path: path, displayPath: displayPath, progress: progress)
        let header = try NPYHeader.read(file)
        let (rows, columns) = try header.embeddingShape(display: displayPath)
        let matrix = try readFloat32Matrix(file, rows: rows, columns: columns,
                                           context: " after a \(header.dataOffset)-byte header")
        return (matrix, [(displayPath, file.sha256Hex())])
    }

    /// The JSON-header form: the header is small and read whole, the data file read once.
    private static func readRaw(headerPath: String, displayPath: String, progress: ProgressReporter) throws
        -> (matrix: EmbeddingMatrix, files: [(path: String, sha256: String)])
    {
        let bytes = try readSmallFile(path: headerPath, display: displayPath)
        let header = try RawEmbeddingHeader.parse(bytes, path: headerPath, display: displayPath)
        let file: HashedFileReader
        do {
            file = try HashedFileReader(path: header.dataPath, displayPath: header.dataDisplayPath, progress: progress)
        } catch var error as InputError {
            error.hint = error.hint ?? "the data file named by \"file\" in \(displayPath)"
            throw error
        }
        let matrix = try readFloat32Matrix(file, rows: header.rows, columns: header.columns,
                                           context: ", the shape in \(displayPath)")
        return (matrix, [(displayPath, sha256Hex(of: bytes)), (header.dataDisplayPath, file.sha256Hex())])
    }
}
