#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lowercase hex SHA-256 of a whole file, read in 1 MiB pieces (memory does not grow with the
/// file). For files that are not read through a `TabularSource` (schemes, manifests, embeddings);
/// the tabular readers hash the bytes they read and need no second pass.
///
/// Throws an `InputError` naming `displayPath` (default: `path`) for a missing file, a directory,
/// an unreadable file or a read failure.
public func sha256Hex(ofFile path: String, displayPath: String? = nil) throws -> String {
    let display = displayPath ?? path
    let fd = try openFileForReading(path: path, displayPath: display)
    defer { close(fd) }
    let size = 1 << 20
    let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 64)
    defer { buffer.deallocate() }
    var hasher = StreamingSHA256()
    while true {
        let got = read(fd, buffer, size)
        if got < 0 {
            if errno == EINTR { continue }
            throw InputError(file: display, message: "cannot read the file: \(systemErrorText(errno))")
        }
        if got == 0 { break }
        hasher.update(UnsafeRawBufferPointer(start: buffer, count: got))
    }
    return hasher.hex()
}

/// Lowercase hex SHA-256 of bytes already read (a scheme file: it is read once, and hashed from
/// the same bytes the parser reads).
public func sha256Hex(of bytes: [UInt8]) -> String {
    var hasher = StreamingSHA256()
    hasher.update(bytes)
    return hasher.hex()
}
