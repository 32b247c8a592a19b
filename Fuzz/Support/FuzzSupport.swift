import EvalKitData
import Foundation

/// Helpers shared by the fuzz targets (Fuzz/Targets, docs/fuzzing.md).
///
/// Most readers take a path, so a target writes libFuzzer's bytes to a file in a directory made
/// once per process (removed at exit) and hands the reader that path.
public enum FuzzSupport {
    /// The process's scratch directory, created on first use.
    public static let directory: String = {
        var template = Array((NSTemporaryDirectory() + "/evalkit-fuzz-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            fatalError("fuzz: cannot create a scratch directory: errno \(errno)")
        }
        let path = String(cString: made)
        atexit { try? FileManager.default.removeItem(atPath: FuzzSupport.directory) }
        return path
    }()

    /// `EVALKIT_FUZZ_VERBOSE=1` prints what became of each input (to check a seed corpus).
    static let verbose = getenv("EVALKIT_FUZZ_VERBOSE") != nil

    /// Writes `bytes` to `name` in the scratch directory (replacing it) and returns its path.
    @discardableResult
    public static func write(_ bytes: UnsafeBufferPointer<UInt8>, to name: String) -> String {
        let path = directory + "/" + name
        let data = bytes.count == 0 ? Data() : Data(bytes: bytes.baseAddress!, count: bytes.count)
        guard FileManager.default.createFile(atPath: path, contents: data) else {
            fatalError("fuzz: cannot write \(path)")
        }
        return path
    }

    /// Writes a fixed text file (a companion of the fuzzed input) and returns its path.
    @discardableResult
    public static func write(_ text: String, to name: String) -> String {
        Array(text.utf8).withUnsafeBufferPointer { write($0, to: name) }
    }

    /// Runs `body`; a rejected input must surface as an `InputError` (exit 2). Any other error
    /// would reach the user as an internal error (exit 3), so it stops the fuzzer like a crash.
    public static func expectCleanRejection(_ body: () throws -> Void) {
        do {
            try body()
            if verbose { print("fuzz: accepted") }
        } catch let error as InputError {
            if verbose { print("fuzz: rejected: \(error)") }
        } catch let error as InputErrors {
            if verbose { print("fuzz: rejected: \(error)") }
        } catch {
            fatalError("fuzz: not an input error: \(type(of: error)): \(error)")
        }
    }

    /// Reads every batch of `source` and checks what a reader promises: line numbers positive and
    /// non-decreasing, every field valid UTF-8, and the SHA-256 known after the last batch.
    public static func drain(_ source: any TabularSource, capacity: Int) throws {
        var batch = FieldBatch(columns: source.selectedColumns)
        var lastLine = 0
        while try source.nextBatch(&batch, capacity: capacity) {
            precondition(batch.count > 0 && batch.count <= capacity, "batch size \(batch.count)")
            for row in 0..<batch.count {
                precondition(batch.line(row) >= max(lastLine, 1), "line \(batch.line(row)) after \(lastLine)")
                lastLine = batch.line(row)
                for column in 0..<batch.columns.count {
                    batch.withField(row, column) { field in
                        precondition(String(validating: field, as: UTF8.self) != nil, "field is not UTF-8")
                    }
                }
            }
        }
        precondition(batch.count == 0, "the last batch is not empty")
        precondition(source.sha256 != nil, "no SHA-256 after the last batch")
    }

    /// Chunk and carry sizes: small ones, so chunk boundaries fall everywhere, and 8 KiB, larger than
    /// any input (`-max_len=4096`), which reads like the 8 MiB default but allocates less per run.
    public static let chunkSizes = [1, 2, 3, 5, 8, 17, 64, 8192]
    public static let carrySizes = [0, 1, 4, 8192]
}
