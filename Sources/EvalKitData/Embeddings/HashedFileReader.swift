#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file read once, front to back, that hashes (SHA-256) every byte as it reads it, so a
/// reader learns the file's digest without a second pass. Reads go straight into the caller's
/// memory (no intermediate buffer), one piece at a time, each hashed right after it arrives,
/// while it is still in the cache. No helper thread: with huge pages for the destination,
/// hashing is most of the time (about 33 of 40 ms for 41 MB), so overlapping the two would gain
/// little.
final class HashedFileReader {
    let displayPath: String
    /// The file's size when it is a regular file; nil for a pipe or FIFO.
    let size: Int64?
    /// Bytes read (and hashed) so far.
    private(set) var offset = 0
    private let fd: Int32
    private var hasher = StreamingSHA256()
    /// Hears of the bytes read, after each piece (`reading <displayPath>`).
    private let progress: ProgressReporter
    /// Largest single read(2), hashed as soon as it is read.
    private static let piece = 1 << 20

    init(path: String, displayPath: String, progress: ProgressReporter = .off) throws {
        self.displayPath = displayPath
        self.progress = progress
        fd = try openFileForReading(path: path, displayPath: displayPath)
        size = regularFileSize(fd)
    }

    deinit { close(fd) }

    /// Bytes left after `offset` when the size is known.
    var remaining: Int64? { size.map { $0 - Int64(offset) } }

    /// Reads up to `count` bytes into `destination`; fewer only at the end of the file.
    func fill(_ destination: UnsafeMutableRawPointer, count: Int) throws -> Int {
        var filled = 0
        while filled < count {
            let got = try readPiece(destination + filled, count: min(Self.piece, count - filled))
            if got == 0 { break }
            hasher.update(UnsafeRawBufferPointer(start: destination + filled, count: got))
            filled += got
            if progress.isOn { progress.report("reading " + displayPath, done: Int64(offset + filled), total: size, unit: .bytes) }
        }
        offset += filled
        return filled
    }

    /// One read(2) of at most `count` bytes (retried on EINTR); 0 at the end of the file.
    private func readPiece(_ destination: UnsafeMutableRawPointer, count: Int) throws -> Int {
        while true {
            let got = read(fd, destination, count)
            if got >= 0 { return got }
            if errno == EINTR { continue }
            throw InputError(file: displayPath, message: "cannot read the file: \(systemErrorText(errno))")
        }
    }

    /// Reads up to `count` bytes; fewer only at the end of the file.
    func bytes(_ count: Int) throws -> [UInt8] {
        var bytes: [UInt8] = []
        while bytes.count < count {
            let want = min(Self.piece, count - bytes.count)
            let start = bytes.count
            bytes += repeatElement(0, count: want)
            let got = try bytes.withUnsafeMutableBytes { try fill($0.baseAddress! + start, count: want) }
            bytes.removeLast(want - got)
            if got < want { break }
        }
        return bytes
    }

    /// Reads (and hashes) whatever is left; returns how many bytes that was.
    func readToEnd() throws -> Int {
        let size = 1 << 16
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        defer { buffer.deallocate() }
        var total = 0
        while true {
            let got = try fill(buffer, count: size)
            total += got
            if got < size { return total }
        }
    }

    /// Lowercase hex SHA-256 of the bytes read so far (the whole file after `readToEnd`).
    func sha256Hex() -> String { hasher.hex() }
}
