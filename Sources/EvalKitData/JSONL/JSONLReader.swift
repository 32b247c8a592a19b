public final class JSONLReader: TabularSource {
    public let displayPath: String
    public let selectedColumns: [String]
    public var sha256: String? { nil }
    public init(path: String, displayPath: String, columns: [String]) throws {
        self.displayPath = displayPath
        selectedColumns = columns
    }
    public func nextBatch(_ batch: inout FieldBatch, capacity: Int) throws -> Bool { false }
}
