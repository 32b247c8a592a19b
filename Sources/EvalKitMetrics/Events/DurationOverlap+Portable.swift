/// The byte layout of `DurationOverlap`: three plain arrays of doubles (overlap, system,
/// reference seconds per class).

extension DurationOverlap: PortableValue {
    public func write(to writer: inout StateWriter) {
        writer.write(plain: overlap)
        writer.write(plain: system)
        writer.write(plain: reference)
    }

    public init(from reader: inout StateReader) throws {
        self.init(classes: 0)
        overlap = try reader.readPlain()
        system = try reader.readPlain()
        reference = try reader.readPlain()
        try reader.require(system.count == overlap.count && reference.count == overlap.count, "duration sums of different lengths")
        for array in [overlap, system, reference] {
            try reader.require(array.allSatisfy { $0.isFinite && $0 >= 0 }, "a duration sum is negative or not finite")
        }
    }
}
