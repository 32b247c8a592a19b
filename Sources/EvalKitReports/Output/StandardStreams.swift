import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Writes to standard output and standard error without trapping (Foundation's
/// `FileHandle.write` traps on EPIPE or ENOSPC).
///
/// - SIGPIPE is ignored (`ignoreBrokenPipe`), so a reader that goes away (`evalkit run … | head`)
///   shows up as EPIPE: further output to that stream is dropped quietly and the run goes on to
///   its usual exit status.
/// - Any other failure of standard output (ENOSPC on `> /dev/full`, EBADF on a closed
///   descriptor) throws `WriteFailure`: the run is an error (exit 2) and records nothing.
/// - A failure of standard error is ignored: there is nowhere left to report it.
public enum StandardStreams {
    public enum Stream: Sendable { case output, error }

    /// A failed write: the errno.
    public struct WriteFailure: Error, CustomStringConvertible {
        public var code: Int32
        public var description: String { String(cString: strerror(code)) }
    }

    nonisolated(unsafe) static var outputClosed = false
    /// Standard output was a closed descriptor when the process started.
    nonisolated(unsafe) static var outputMissing = false

    /// Ignores SIGPIPE for the whole process; call once at start.
    public static func ignoreBrokenPipe() {
        signal(SIGPIPE, SIG_IGN)
    }

    /// Puts /dev/null on standard input, output and error where the process was started with
    /// them closed (`evalkit run … >&-`), so that no file the run opens later takes descriptor 1
    /// and receives the report. A closed standard output is remembered: writing the report to it
    /// is then an error (EBADF), as it would have been.
    public static func guardClosedDescriptors() {
        for fd in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
            let null = open("/dev/null", fd == STDIN_FILENO ? O_RDONLY : O_WRONLY)
            if null >= 0 && null != fd {
                dup2(null, fd)
                close(null)
            }
            if fd == STDOUT_FILENO { outputMissing = true }
        }
    }

    /// Writes `data` to the stream (see the type's rules).
    public static func write(_ data: Data, to stream: Stream) throws {
        switch stream {
        case .output:
            if outputMissing { throw WriteFailure(code: EBADF) }
            guard !outputClosed else { return }
            do {
                try writeAll(data, to: STDOUT_FILENO)
            } catch let failure as WriteFailure where failure.code == EPIPE {
                outputClosed = true
            }
        case .error:
            try? writeAll(data, to: STDERR_FILENO)
        }
    }

    /// Writes `text` to standard error (never fails).
    public static func error(_ text: String) {
        try? write(Data(text.utf8), to: .error)
    }

    /// Writes every byte of `data` to `fd`, retrying after EINTR and short writes.
    static func writeAll(_ data: Data, to fd: Int32) throws {
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            guard var pointer = buffer.baseAddress else { return }
            var remaining = buffer.count
            while remaining > 0 {
                let written = Glibc.write(fd, pointer, remaining)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw WriteFailure(code: errno)
                }
                remaining -= written
                pointer += written
            }
        }
    }
}
