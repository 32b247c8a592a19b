import Foundation  // Thread and NSCondition: one lock round trip per chunk, never per byte.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file read in large chunks by a background thread that also hashes them (SHA-256), presented to
/// one consumer as a window of contiguous bytes (`bytes[0..<count]`).
///
/// The window always starts at a place the consumer chose (`refill(keepingFrom:)` keeps the bytes
/// from an offset, typically the start of an incomplete row, and appends the next chunk), so a
/// parser only ever sees whole rows plus one incomplete tail. Memory is bounded: three chunk
/// buffers, plus a larger window only while one row is longer than the carry space.
///
/// Guarantees for the consumer:
/// - at least `padding` readable bytes follow `bytes + count`, so word-at-a-time scans need no
///   bounds checks inside the window; their values are unspecified, except that at end of file
///   `bytes[count]` is a LF (a sentinel that ends the last line for byte-wise parsers);
/// - `firstInvalidUTF8` is the offset of the first invalid UTF-8 sequence in the window, or
///   `Int.max`: bytes are validated up to the last newline (and to the end at end of file), so a
///   sequence split by a chunk boundary is never reported;
/// - a UTF-8 byte order mark at the start of the file is dropped from the window (but hashed);
/// - `sha256` (lowercase hex of every byte of the file) is set once `atEOF` is true.
///
/// The file is opened once and read once, front to back, so pipes, FIFOs and standard input work.
final class HashedChunkStream {
    /// Bytes readable past the end of the window.
    static let padding = 64

    let displayPath: String
    private let readAhead: ReadAhead
    private let chunkSize: Int
    private var current: ChunkBuffer?
    private var owned: UnsafeMutablePointer<UInt8>?
    /// Start of the window.
    private(set) var bytes: UnsafeMutablePointer<UInt8>
    /// Number of bytes in the window.
    private(set) var count = 0
    /// Whether the window holds the file's last byte (no more data will come).
    private(set) var atEOF = false
    /// Offset of the first invalid UTF-8 sequence in the window, `Int.max` when none is known.
    private(set) var firstInvalidUTF8 = Int.max
    private var validatedEnd = 0
    /// Lowercase hex SHA-256 of the whole file, once `atEOF` is true.
    private(set) var sha256: String?
    /// The file's size when it is a regular file; nil for a pipe or FIFO (nothing is assumed of
    /// their size: they are read to their end).
    let totalBytes: Int64?
    /// Bytes of the file taken into the window so far.
    private(set) var bytesRead: Int64 = 0
    /// Told after each chunk how many bytes have been read (`stage` names the file).
    var progress = ProgressReporter.off

    /// Opens `path` and loads the first chunk. `chunkSize` and `carrySize` are small in tests only.
    init(path: String, displayPath: String, chunkSize: Int = 8 << 20, carrySize: Int = 256 << 10) throws {
        precondition(chunkSize > 0 && carrySize >= 0)
        self.displayPath = displayPath
        self.chunkSize = chunkSize
        let fd = try openFileForReading(path: path, displayPath: displayPath)
        totalBytes = regularFileSize(fd)
        readAhead = ReadAhead(fd: fd, chunkSize: chunkSize, carrySize: carrySize, buffers: 3)
        let worker = readAhead
        let thread = Thread { worker.run() }
        thread.name = "evalkit-read"
        thread.start()
        let empty = ChunkBuffer(prefix: 0, capacity: 0)
        current = empty
        bytes = empty.data
        try refill(keepingFrom: 0)
        // Drop a UTF-8 byte order mark (EF BB BF), after enough bytes arrived to see it.
        while count < 3 && !atEOF { try refill(keepingFrom: 0) }
        if count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            bytes += 3
            count -= 3
            validatedEnd = 0
            firstInvalidUTF8 = Int.max
            validate()
        }
    }

    deinit {
        readAhead.cancel()
        if let current { readAhead.recycle(current) }
        owned?.deallocate()
    }

    /// From the next chunk on, reads and hashes on the consumer's thread (no helper thread).
    func readOnCallingThread() { readAhead.readOnCallingThread() }

    /// Drops the window's bytes before `offset`, keeps the rest at the start of the new window and
    /// appends the next chunk of the file. Offsets into the window shift down by `offset`.
    func refill(keepingFrom offset: Int) throws {
        precondition(!atEOF && offset >= 0 && offset <= count)
        let taken: ChunkBuffer?
        do {
            taken = try readAhead.take()
        } catch let failure as ReadFailure {
            throw InputError(file: displayPath, message: "cannot read the file: \(systemErrorText(failure.code))")
        }
        guard let next = taken else {
            throw InputError(file: displayPath, message: "the file ended while it was being read")
        }
        let carry = count - offset
        let fresh = next.count  // read before `next` may go back to the producer
        if carry <= next.prefix {
            let start = next.data - carry
            start.update(from: bytes + offset, count: carry)
            release()
            current = next
            bytes = start
        } else {
            let window = UnsafeMutablePointer<UInt8>.allocate(capacity: carry + fresh + Self.padding)
            window.update(from: bytes + offset, count: carry)
            (window + carry).update(from: next.data, count: fresh)
            (window + carry + fresh).initialize(repeating: 0, count: Self.padding)
            release()
            readAhead.recycle(next)
            owned = window
            bytes = window
        }
        count = carry + fresh
        atEOF = fresh < chunkSize
        bytesRead += Int64(fresh)
        if progress.isOn {
            progress.report("reading " + displayPath, done: bytesRead, total: totalBytes, unit: .bytes)
        }
        if atEOF {
            sha256 = readAhead.finalDigest()
            bytes[count] = 0x0A
        }
        validatedEnd = max(0, validatedEnd - offset)
        if firstInvalidUTF8 != Int.max { firstInvalidUTF8 -= offset }
        validate()
    }

    /// Returns the window's buffer to the pool (or frees an oversized window).
    private func release() {
        if let current {
            readAhead.recycle(current)
            self.current = nil
        }
        if let owned {
            owned.deallocate()
            self.owned = nil
        }
    }

    /// Validates UTF-8 from `validatedEnd` to the last newline (or the end, at end of file).
    private func validate() {
        guard firstInvalidUTF8 == Int.max else { return }
        var limit = count
        if !atEOF {
            limit = count
            while limit > validatedEnd && bytes[limit - 1] != 0x0A { limit -= 1 }
        }
        guard limit > validatedEnd else { return }
        if let bad = findInvalidUTF8(bytes + validatedEnd, count: limit - validatedEnd) {
            firstInvalidUTF8 = validatedEnd + bad
        }
        validatedEnd = limit
    }
}

/// A failed read(2), with its errno.
struct ReadFailure: Error {
    let code: Int32
}

/// One buffer of file bytes: `prefix` spare bytes (where a carried tail is copied), `capacity` bytes
/// read from the file, then padding.
final class ChunkBuffer: @unchecked Sendable {
    let storage: UnsafeMutablePointer<UInt8>
    let prefix: Int
    let capacity: Int
    /// Bytes read into `data`.
    var count = 0
    var data: UnsafeMutablePointer<UInt8> { storage + prefix }

    init(prefix: Int, capacity: Int) {
        self.prefix = prefix
        self.capacity = capacity
        let total = prefix + capacity + HashedChunkStream.padding
        storage = .allocate(capacity: total)
        (storage + prefix + capacity).initialize(repeating: 0, count: HashedChunkStream.padding)
    }

    deinit { storage.deallocate() }
}

/// The background half of `HashedChunkStream`: reads chunks into free buffers, hashes them and
/// queues them in file order. It owns the file descriptor and closes it when it stops.
final class ReadAhead: @unchecked Sendable {
    private let condition = NSCondition()
    private let fd: Int32
    private let chunkSize: Int
    // Guarded by `condition`:
    private var free: [ChunkBuffer]
    private var ready: [ChunkBuffer] = []
    private var readError: Int32?
    private var finished = false
    private var cancelled = false
    private var digest: String?
    /// Chunks read, and calls of `take` so far: until the consumer asks for its second chunk
    /// (it has read the header and streams), only the first chunk is read, so a file opened at
    /// plan time and kept for the run holds one chunk, not three.
    private var produced = 0
    private var takeCalls = 0
    /// Set by `readOnCallingThread`; `producerGone` once the background thread has returned.
    private var inline = false
    private var producerGone = false
    private var fileClosed = false
    /// The digest so far, and a failed read of the last `fill`: touched by the one thread that reads.
    private var hasher = StreamingSHA256()
    private var pendingFailure: Int32?

    init(fd: Int32, chunkSize: Int, carrySize: Int, buffers: Int) {
        self.fd = fd
        self.chunkSize = chunkSize
        free = (0..<buffers).map { _ in ChunkBuffer(prefix: carrySize, capacity: chunkSize) }
    }

    /// The producer loop (runs on its own thread, until `readOnCallingThread`).
    func run() {
        while true {
            condition.lock()
            while (free.isEmpty || (produced >= 1 && takeCalls < 2)) && !cancelled && !inline { condition.wait() }
            if cancelled || inline {
                producerGone = true
                if cancelled { closeFile() }
                condition.broadcast()
                condition.unlock()
                return
            }
            let buffer = free.removeLast()
            produced += 1
            condition.unlock()
            let last = fill(buffer)
            condition.lock()
            queue(buffer, last: last)
            if last {
                producerGone = true
                closeFile()
            }
            condition.broadcast()
            condition.unlock()
            if last { return }
        }
    }

    /// Reads the next chunk into `buffer` and hashes it; returns whether it is the last.
    /// Called by one thread at a time: the producer, or after it stopped, the consumer.
    private func fill(_ buffer: ChunkBuffer) -> Bool {
        var filled = 0
        var failure: Int32?
        while filled < chunkSize {
            let got = read(fd, buffer.data + filled, chunkSize - filled)
            if got < 0 {
                if errno == EINTR { continue }
                failure = errno
                break
            }
            if got == 0 { break }
            filled += got
        }
        buffer.count = filled
        if failure == nil {
            hasher.update(UnsafeRawBufferPointer(start: buffer.data, count: filled))
        }
        pendingFailure = failure
        return failure != nil || filled < chunkSize
    }

    /// Closes the file once (under the lock).
    private func closeFile() {
        guard !fileClosed else { return }
        fileClosed = true
        close(fd)
    }

    /// Queues a filled buffer (under the lock).
    private func queue(_ buffer: ChunkBuffer, last: Bool) {
        if let failure = pendingFailure {
            readError = failure
            free.append(buffer)
        } else {
            if last { digest = hasher.hex() }
            ready.append(buffer)
        }
        if last { finished = true }
    }

    /// Stops the background thread after the chunk it is reading: from then on `take` reads and
    /// hashes each chunk on the caller's thread (a run with `--threads 1`).
    func readOnCallingThread() {
        condition.lock()
        inline = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next chunk in file order (blocks until it is read); nil after the last one.
    func take() throws -> ChunkBuffer? {
        condition.lock()
        defer { condition.unlock() }
        takeCalls += 1
        if takeCalls == 2 { condition.broadcast() }
        while ready.isEmpty {
            if let readError {
                throw ReadFailure(code: readError)
            }
            if finished { return nil }
            if producerGone && !cancelled, let buffer = free.popLast() {
                // Inline: read the chunk here (the producer is gone, so no other thread reads).
                let last = fill(buffer)
                queue(buffer, last: last)
                if last { closeFile() }
                continue
            }
            condition.wait()
        }
        return ready.removeFirst()
    }

    /// Gives a buffer back for reuse.
    func recycle(_ buffer: ChunkBuffer) {
        guard buffer.capacity == chunkSize else { return }
        condition.lock()
        free.append(buffer)
        condition.broadcast()
        condition.unlock()
    }

    /// The file's digest, once the last chunk was queued.
    func finalDigest() -> String? {
        condition.lock()
        defer { condition.unlock() }
        return digest
    }

    /// Stops the producer (the consumer is gone).
    func cancel() {
        condition.lock()
        cancelled = true
        if producerGone { closeFile() }
        condition.broadcast()
        condition.unlock()
    }
}
