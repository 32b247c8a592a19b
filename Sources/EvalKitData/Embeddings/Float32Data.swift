#if canImport(Glibc)
import Glibc
#endif

/// The size of a `rows × columns` float32 matrix in bytes, or an error naming `display` (the file
/// that gave the shape) when it does not fit in memory's address space.
func float32ByteCount(rows: Int, columns: Int, display: String) throws -> Int {
    let (count, overflow1) = rows.multipliedReportingOverflow(by: columns)
    let (bytes, overflow2) = count.multipliedReportingOverflow(by: MemoryLayout<Float>.size)
    guard !overflow1, !overflow2 else {
        throw InputError(file: display, message: "the shape \(rows) × \(columns) is too large to hold in memory")
    }
    return bytes
}

/// Reads the rest of `file` as `rows × columns` little-endian float32 values, row-major, straight
/// into the matrix's storage (one read per MiB, no per-value parsing on a little-endian
/// machine). The data must end the file exactly: fewer bytes (truncated) and more bytes
/// (trailing) are both errors, stated in bytes; `context` ends the expected size's description
/// (" after a 128-byte header", ", the shape in probes.json").
///
/// A regular file's size is checked before anything is allocated; a pipe is read in pieces, so a
/// header promising more than arrives does not reserve its memory.
func readFloat32Matrix(_ file: HashedFileReader, rows: Int, columns: Int, context: String) throws
    -> EmbeddingMatrix
{
    // The header readers have checked that the shape's size fits.
    let byteCount = try float32ByteCount(rows: rows, columns: columns, display: file.displayPath)
    let count = rows * columns
    func mismatch(found: Int) -> InputError {
        let expected = "\(byteCount) bytes of data (\(rows) × \(columns) float32 values\(context))"
        let rowBytes = columns * MemoryLayout<Float>.size
        let holds = rowBytes > 0 && found % rowBytes == 0
            ? "the data holds \(found / rowBytes) rows of \(columns) values"
            : found % 4 == 0 ? "the data holds \(found / 4) float32 values, not a whole number of rows of \(columns)"
            : "the data is not a whole number of float32 values"
        if found < byteCount {
            return InputError(file: file.displayPath, expected: expected, found: "\(found) bytes",
                              message: "the data is truncated", hint: holds)
        }
        return InputError(file: file.displayPath, expected: expected,
                          found: "\(found) bytes (\(found - byteCount) more)",
                          message: "unexpected bytes after the data", hint: holds)
    }
    if let remaining = file.remaining, remaining != Int64(byteCount) {
        throw mismatch(found: Int(remaining))
    }
    var got = 0
    var values: [Float]
    if file.size != nil {
        values = try [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            if count > 0 {
                adviseHugePages(UnsafeMutableRawBufferPointer(buffer))
                got = try file.fill(buffer.baseAddress!, count: byteCount)
            }
            initialized = got / MemoryLayout<Float>.size
        }
    } else {
        let bytes = try file.bytes(byteCount)
        got = bytes.count
        if got < byteCount { throw mismatch(found: got) }
        values = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            bytes.withUnsafeBytes { UnsafeMutableRawBufferPointer(buffer).copyMemory(from: $0) }
            initialized = count
        }
    }
    if got < byteCount { throw mismatch(found: got) }
    let extra = try file.readToEnd()
    if extra > 0 { throw mismatch(found: byteCount + extra) }
    #if _endian(big)
    for index in values.indices { values[index] = Float(bitPattern: UInt32(littleEndian: values[index].bitPattern)) }
    #endif
    return EmbeddingMatrix(rows: rows, columns: columns, values: values)
}

/// Asks Linux to back the whole 2 MiB pages inside `buffer` with huge pages (when transparent huge
/// pages are in `madvise` mode): a fresh 41 MB matrix then takes about 20 page faults instead of
/// 10,000, which cost more than copying its bytes (reading 41 MB from the page cache into a fresh
/// array: 33 ms with 4 KiB pages, 11 ms with 2 MiB pages). A hint only: nothing changes where it
/// is refused.
private func adviseHugePages(_ buffer: UnsafeMutableRawBufferPointer) {
    #if os(Linux)
    let huge = 2 << 20
    guard let base = buffer.baseAddress, buffer.count >= 2 * huge else { return }
    let start = (Int(bitPattern: base) + huge - 1) & ~(huge - 1)
    let end = (Int(bitPattern: base) + buffer.count) & ~(huge - 1)
    guard end > start else { return }
    _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_HUGEPAGE)
    #endif
}
