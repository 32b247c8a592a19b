/// The names a task's states refer to by index: each *space* (`labels`, `categories`, `images`,
/// an attribute's values) lists its names in index order. States carry these names beside
/// their counts, so states written by another thread, process or machine merge by name
/// (`EvaluationTask.unify` and `remap`), never by what an index happened to mean to its reader.
public struct StateNames: Sendable, Equatable {
    public var spaces: [String: [String]]
    public init(_ spaces: [String: [String]] = [:]) { self.spaces = spaces }
    public subscript(space: String) -> [String] {
        get { spaces[space] ?? [] }
        set { spaces[space] = newValue }
    }
}

extension StateNames: PortableValue {
    public func write(to writer: inout StateWriter) {
        let sorted = spaces.sorted { $0.key < $1.key }
        writer.write(Int64(sorted.count))
        for (space, names) in sorted {
            writer.write(space)
            writer.write(names)
        }
    }

    public init(from reader: inout StateReader) throws {
        let count = try reader.readCount(elementSize: 16)
        var spaces: [String: [String]] = [:]
        for _ in 0..<count {
            let space = try reader.readString()
            spaces[space] = try reader.readStrings()
        }
        self.init(spaces)
    }
}

/// Why states cannot be merged: they were computed under different options or from different
/// data (a clear error, never a trap).
public struct IncompatibleStates: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
