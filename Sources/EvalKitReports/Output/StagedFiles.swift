import EvalKitData
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A run's output files, written in two steps so that a run that fails leaves nothing behind:
/// `add` writes each file under a temporary name beside its target (or keeps it in memory for a
/// device, a FIFO or standard output); `commit` renames them all into place (and writes the
/// streams); `discard` removes the temporaries and the directories `createDirectory` made.
///
/// Temporary names are `.NAME.evalkit-tmp-PID`. They are removed on SIGINT, SIGTERM and SIGHUP
/// (`TemporaryFiles`); a run killed with SIGKILL leaves them, and the next run that writes into
/// the same directory removes those whose process is gone (`sweepStale`).
public final class StagedFiles {
    enum Entry {
        case rename(temporary: String, target: String)
        case stream(path: String?, data: Data)
    }

    var entries: [Entry] = []
    var createdDirectories: [String] = []
    var swept: Set<String> = []
    let inputs: InputFiles

    /// `inputs` are the run's input files, which no output may overwrite.
    public init(inputs: InputFiles = InputFiles([])) {
        self.inputs = inputs
    }

    /// Creates `path` (and missing parents) unless it exists; `discard` removes what it created.
    public func createDirectory(_ path: String) throws {
        var missing: [String] = []
        var current = path
        while !current.isEmpty, current != "/", !FileManager.default.fileExists(atPath: current) {
            missing.append(current)
            current = parentPath(current)
        }
        for directory in missing.reversed() {
            if mkdir(directory, 0o777) != 0 && errno != EEXIST {
                throw InputError(file: directory, message: "cannot create the directory: \(String(cString: strerror(errno)))")
            }
            createdDirectories.append(directory)
        }
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw InputError(file: path, message: "exists and is not a directory")
        }
    }

    /// Stages `data` for `path`, as `OutputDestination.check` classifies it.
    public func add(_ data: Data, to path: String, what: String = "output") throws {
        try add(data, to: OutputDestination.check(path, what: what), what: what)
    }

    /// Stages `data` for a checked destination.
    public func add(_ data: Data, to destination: OutputDestination, what: String = "output") throws {
        switch destination {
        case .standardOutput:
            entries.append(.stream(path: nil, data: data))
        case .writeThrough(let path):
            entries.append(.stream(path: path, data: data))
        case .replace(let target):
            try inputs.checkNotAnInput(target, what: what)
            let directory = parentPath(target)
            sweepStale(in: directory.isEmpty ? "." : directory)
            let name = lastPathComponent(target)
            let temporary = (directory.isEmpty ? "" : directory + "/") + ".\(name).evalkit-tmp-\(getpid())"
            TemporaryFiles.register(temporary)
            entries.append(.rename(temporary: temporary, target: target))
            try writeWhole(data, to: temporary, flags: O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, display: target)
        }
    }

    /// Moves every staged file into place. A failure part-way removes what remains staged and
    /// throws; files already moved stay (a rename in one directory does not fail in practice).
    public func commit() throws {
        defer { discard(keepDirectories: true) }
        for entry in entries {
            switch entry {
            case .rename(let temporary, let target):
                if rename(temporary, target) != 0 {
                    throw InputError(file: target, message: "cannot move the file into place: \(String(cString: strerror(errno)))")
                }
                TemporaryFiles.unregister(temporary)
            case .stream(let path, let data):
                if let path {
                    try writeWhole(data, to: path, flags: O_WRONLY | O_CLOEXEC, display: path)
                } else {
                    try StandardStreams.write(data, to: .output)
                }
            }
        }
        entries = []
        createdDirectories = []
    }

    /// Removes every staged temporary (and, unless `keepDirectories`, the directories this run
    /// created, when empty).
    public func discard(keepDirectories: Bool = false) {
        for entry in entries {
            if case .rename(let temporary, _) = entry {
                unlink(temporary)
                TemporaryFiles.unregister(temporary)
            }
        }
        entries = []
        if !keepDirectories {
            for directory in createdDirectories.reversed() { rmdir(directory) }
            createdDirectories = []
        }
    }

    /// Removes `.*.evalkit-tmp-PID` files in `directory` whose process no longer runs.
    func sweepStale(in directory: String) {
        guard swept.insert(directory).inserted,
              let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names where name.hasPrefix(".") {
            guard let range = name.range(of: ".evalkit-tmp-", options: .backwards),
                  let pid = Int32(name[range.upperBound...]), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                unlink((directory as NSString).appendingPathComponent(name))
            }
        }
    }

    func writeWhole(_ data: Data, to path: String, flags: Int32, display: String) throws {
        let fd = open(path, flags, 0o666)
        guard fd >= 0 else {
            throw InputError(file: display, message: "cannot write the file: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        do {
            try StandardStreams.writeAll(data, to: fd)
        } catch let error as StandardStreams.WriteFailure {
            throw InputError(file: display, message: "cannot write the file: \(String(cString: strerror(error.code)))")
        }
    }
}

/// The temporaries of this process, removed when a signal ends it. The handler only calls
/// `unlink` on C strings made beforehand (async-signal-safe).
public enum TemporaryFiles {
    static let capacity = 4096
    nonisolated(unsafe) static let paths = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
    nonisolated(unsafe) static var count = 0
    nonisolated(unsafe) static var installed = false

    static func register(_ path: String) {
        installHandlers()
        guard count < capacity else { return }
        paths[count] = strdup(path)
        count += 1
    }

    static func unregister(_ path: String) {
        for i in 0..<count where paths[i].map({ String(cString: $0) == path }) == true {
            let pointer = paths[i]
            paths[i] = nil
            free(pointer)
        }
    }

    /// Installs handlers for SIGINT, SIGTERM and SIGHUP that remove the temporaries and then end
    /// the process by the same signal.
    public static func installHandlers() {
        guard !installed else { return }
        installed = true
        for signal in [SIGINT, SIGTERM, SIGHUP] {
            _ = Glibc.signal(signal) { received in
                for i in 0..<TemporaryFiles.count {
                    if let path = TemporaryFiles.paths[i] { unlink(path) }
                }
                Glibc.signal(received, SIG_DFL)
                raise(received)
            }
        }
    }
}
