/// `InputsRead` of several shards as one, and its byte layout in state files.
extension InputsRead {
    /// The readings of the shards of one evaluation as the single reading of everything: counts
    /// add up (each shard counts its own items; counts of whole files come from the first shard),
    /// notes merge (`[InputNote].merged`), files come from the first (the merge has checked
    /// that every shard read the same bytes). Cell keys are the engine's (merged by name).
    public static func merged(_ readings: [InputsRead]) -> InputsRead {
        var result = InputsRead()
        guard let first = readings.first else { return result }
        result.files = first.files
        for reading in readings {
            result.matched += reading.matched
            result.missing += reading.missing
            result.extra += reading.extra
            result.items += reading.items
        }
        result.notes = .merged(readings.map(\.notes))
        return result
    }
}

extension InputsRead.FileDigest: PortableValue {
    public func write(to writer: inout StateWriter) {
        writer.write(role)
        writer.write(path)
        writer.write(sha256)
        writer.write(rows)
    }

    public init(from reader: inout StateReader) throws {
        self.init(role: try reader.readString(), path: try reader.readString(), sha256: try reader.readString(), rows: try reader.readInt())
    }
}

extension InputsRead: PortableValue {
    public func write(to writer: inout StateWriter) {
        writer.write(files)
        writer.write(matched)
        writer.write(missing)
        writer.write(extra)
        writer.write(items)
        writer.write(notes)
        writer.write(Int64(cellKeys.count))
        for key in cellKeys { writer.write(key) }
    }

    public init(from reader: inout StateReader) throws {
        self.init()
        files = try reader.readArray()
        matched = try reader.readInt()
        missing = try reader.readInt()
        extra = try reader.readInt()
        items = try reader.readInt()
        notes = try reader.readArray()
        let cells = try reader.readCount(elementSize: 8)
        cellKeys = try (0..<cells).map { _ in try reader.readStrings() }
    }
}
