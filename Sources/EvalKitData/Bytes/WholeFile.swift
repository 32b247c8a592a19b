#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the whole file at `path` with read(2); errors name `displayPath` (`file not found`,
/// `is a directory, expected a file`, `permission denied`, `cannot read the file: …`).
///
/// Used for small files (schemes, manifests) instead of Foundation's
/// `FileManager.contents(atPath:)`, which on Swift 6.3.1 for Linux leaks a 4 KiB buffer for every
/// empty file it reads (found by the fuzzers, docs/fuzzing.md).
func readWholeFile(path: String, displayPath: String) throws -> [UInt8] {
    let fd = try openFileForReading(path: path, displayPath: displayPath)
    defer { close(fd) }
    var bytes: [UInt8] = []
    var info = stat()
    if fstat(fd, &info) == 0, info.st_size > 0 { bytes.reserveCapacity(Int(info.st_size)) }
    var chunk = [UInt8](repeating: 0, count: 64 << 10)
    while true {
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n > 0 {
            bytes.append(contentsOf: chunk[0..<n])
        } else if n == 0 {
            return bytes
        } else if errno != EINTR {
            throw InputError(file: displayPath, message: "cannot read the file: \(systemErrorText(errno))")
        }
    }
}
