/// A table opened ahead of its reading (at plan time, where its header is checked), whose reader
/// is kept for the reading, so each file is opened once and read once: pipes, FIFOs and standard
/// input can be read only once.
///
/// `take()` hands out the reader opened first. A second `take()` (a planned scheme run twice)
/// opens a regular file again; a pipe cannot be read again, which is an `InputError`.
public final class OpenedTable {
    public let path: String
    public let displayPath: String
    private let open: () throws -> any TabularSource
    private var opened: (any TabularSource)?
    private var isRegularFile: Bool

    /// Opens the table now with `open` (which throws for a missing file or column).
    public init(path: String, displayPath: String, open: @escaping () throws -> any TabularSource) throws {
        self.path = path
        self.displayPath = displayPath
        self.open = open
        let source = try open()
        opened = source
        isRegularFile = source.totalBytes != nil
    }

    /// The reader, positioned after the header: the one opened at init, then fresh ones.
    public func take() throws -> any TabularSource {
        if let source = opened {
            opened = nil
            return source
        }
        guard isRegularFile else {
            throw InputError(file: displayPath, message: "this pipe (or standard input) was already read, and a pipe can be read only once",
                             hint: "give a regular file to evaluate it more than once")
        }
        return try open()
    }
}
