import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Makes a FIFO at `path` and starts a thread that writes `bytes` into it (blocking until a
/// reader opens it). Returns the path.
func writingFIFO(at path: String, _ bytes: [UInt8]) -> String {
    #expect(mkfifo(path, 0o600) == 0)
    let thread = Thread {
        let fd = open(path, O_WRONLY)
        guard fd >= 0 else { return }
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let wrote = write(fd, buffer.baseAddress! + offset, min(buffer.count - offset, 4096))
                if wrote <= 0 { break }
                offset += wrote
            }
        }
        close(fd)
    }
    thread.start()
    return path
}
