import EvalKitData
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Where an output file goes and how it is written there, decided before any computation.
///
/// - a regular file (or a name not yet taken) is replaced atomically: written under a temporary
///   name in the same directory and renamed over the target;
/// - a symbolic link is followed: the file it points to is replaced (the link stays), or written
///   through when it points to a device or a FIFO;
/// - a character or block device (`/dev/null`, `/dev/stdout`) or a FIFO is written through, never
///   replaced;
/// - `-` is standard output;
/// - a directory, a socket, a dangling or looping link, or an unwritable place is an error.
public enum OutputDestination: Equatable, Sendable {
    /// Replace `path` (the link's target when the user named a link) atomically.
    case replace(path: String)
    /// Open `path` for writing and write into it (a device, a FIFO, or a link to one).
    case writeThrough(path: String)
    /// Standard output (`-`).
    case standardOutput

    /// Classifies `path` for writing, checking that it can be written. `willCreate` lists
    /// directories that the run itself creates before writing (the `--out` directory), so a file
    /// inside one of them needs no existing parent. `what` names the option in messages.
    public static func check(_ path: String, what: String, willCreate: [String] = []) throws -> OutputDestination {
        if path == "-" { return .standardOutput }
        var info = stat()
        if lstat(path, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFLNK:
                var target = stat()
                guard stat(path, &target) == 0 else {
                    throw InputError(file: path, message: "\(what): " + linkFailureText(errno),
                                     hint: "point \(what) at a regular file, a device or a FIFO")
                }
                guard let resolved = realpath(path, nil) else {
                    throw InputError(file: path, message: "\(what): cannot resolve the symbolic link")
                }
                defer { free(resolved) }
                return try check(String(cString: resolved), what: what, willCreate: willCreate)
            case S_IFDIR:
                throw InputError(file: path, message: "\(what) is a directory, expected a file name",
                                 hint: "name a file inside it, e.g. \((path as NSString).appendingPathComponent("junit.xml"))")
            case S_IFCHR, S_IFBLK, S_IFIFO:
                guard access(path, W_OK) == 0 else {
                    throw InputError(file: path, message: "\(what): permission denied (cannot write)")
                }
                return .writeThrough(path: path)
            case S_IFREG:
                if access(path, W_OK) != 0 && getuid() != 0 {
                    throw InputError(file: path, message: "\(what): permission denied (the file is not writable)")
                }
                try checkParentWritable(of: path, what: what, willCreate: willCreate)
                return .replace(path: path)
            default:
                throw InputError(file: path, message: "\(what) is not a file, a device or a FIFO (a socket?)")
            }
        }
        guard errno == ENOENT else {
            throw InputError(file: path, message: "\(what): " + (errno == ELOOP ? linkFailureText(ELOOP) : String(cString: strerror(errno))))
        }
        try checkParentWritable(of: path, what: what, willCreate: willCreate)
        return .replace(path: path)
    }

    /// The directory that will hold `path` must exist (or be one the run creates) and be writable.
    static func checkParentWritable(of path: String, what: String, willCreate: [String]) throws {
        let parent = parentPath(path)
        let directory = parent.isEmpty ? "." : parent
        if willCreate.contains(where: { standardized($0) == standardized(directory) }) { return }
        var info = stat()
        guard stat(directory, &info) == 0 else {
            throw InputError(file: path, message: "\(what): the directory \(directory) does not exist",
                             hint: "create it first, or write the file into the --out directory")
        }
        try checkWritableDirectory(directory, info: info, for: path, what: what)
    }

    /// A directory the run will create (`--out`): it exists as a writable directory, or its
    /// nearest existing ancestor is one.
    public static func checkDirectory(_ path: String, what: String) throws {
        var info = stat()
        if stat(path, &info) == 0 { return try checkWritableDirectory(path, info: info, for: path, what: what) }
        if errno == ELOOP { throw InputError(file: path, message: "\(what): " + linkFailureText(ELOOP)) }
        if errno == ENOTDIR {
            throw InputError(file: path, message: "\(what): a part of the path is a file, not a directory")
        }
        var ancestor = parentPath(path)
        while true {
            let candidate = ancestor.isEmpty ? "." : ancestor
            if stat(candidate, &info) == 0 { return try checkWritableDirectory(candidate, info: info, for: path, what: what) }
            if ancestor.isEmpty || ancestor == "/" { return }
            ancestor = parentPath(ancestor)
        }
    }

    /// `directory` (whose `stat` is `info`) must be a directory this process can write in.
    static func checkWritableDirectory(_ directory: String, info: stat, for path: String, what: String) throws {
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw InputError(file: path, message: "\(what): \(directory) is not a directory")
        }
        guard access(directory, W_OK | X_OK) == 0 else {
            throw InputError(file: path, message: "\(what): permission denied (cannot write in \(directory))")
        }
    }

    static func standardized(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return (absolute as NSString).standardizingPath
    }

    static func linkFailureText(_ code: Int32) -> String {
        code == ELOOP ? "too many levels of symbolic links (a link loop)"
            : code == ENOENT ? "a dangling symbolic link (its target does not exist)"
            : String(cString: strerror(code))
    }
}

/// Refuses an output that is one of the run's inputs (the scheme, a manifest, a data file, the
/// baseline, the history): writing it would destroy what the run was computed from.
public struct InputFiles: Sendable {
    struct Identity: Hashable { var device: UInt64; var inode: UInt64 }
    var identities: [Identity: String] = [:]

    public init(_ paths: [String]) {
        for path in paths {
            var info = stat()
            if stat(path, &info) == 0 {
                identities[Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))] = path
            }
        }
    }

    /// Throws when `path` (followed through links) is one of the inputs.
    public func checkNotAnInput(_ path: String, what: String) throws {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return }
        if let input = identities[Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))] {
            throw InputError(file: path, message: "\(what) would overwrite an input of this run (\(input))",
                             hint: "write the output elsewhere")
        }
    }
}
