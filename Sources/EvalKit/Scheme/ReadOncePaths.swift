import EvalKitData
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Pipes, FIFOs and standard input can be read only once: a scheme whose evaluations would read
/// one of them twice (two evaluations on one FIFO ground truth) is refused before anything is
/// opened, rather than waiting forever for a second writer.
enum ReadOncePaths {
    static func check(_ scheme: Scheme) throws {
        var readers: [String: [String]] = [:]  // pipe path → evaluations that read it
        var order: [String] = []
        for spec in scheme.evaluations {
            let dataFiles = spec.dataset.files.filter { ["ground_truth", "metadata"].contains($0.role) }.map(\.resolvedPath)
            for path in Set(dataFiles + [spec.predictions.resolvedPath]) where isPipe(path) {
                if readers[path] == nil { order.append(path) }
                readers[path, default: []].append(spec.name)
            }
        }
        for path in order where readers[path]!.count > 1 {
            let shown = path == standardInputPath ? standardInputDisplay : path
            throw InputError(file: shown, message: "evaluations " + readers[path]!.map { quoted($0) }.joined(separator: " and ")
                                + " both read this pipe, but a pipe can be read only once",
                             hint: "give a regular file, or run the evaluations separately")
        }
    }

    /// Whether `path` is standard input or a FIFO, socket or character device (not a regular
    /// file, which can be read again).
    static func isPipe(_ path: String) -> Bool {
        if path == standardInputPath { return true }
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        let type = info.st_mode & S_IFMT
        return type == S_IFIFO || type == S_IFSOCK || type == S_IFCHR
    }
}
