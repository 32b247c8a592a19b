/// The byte layout of `EventAlignment` (docs/scale.md, "State files"): each side's columns as plain
/// blocks, in declaration order.

extension EventAlignment.Side: PortableValue {
    public func write(to writer: inout StateWriter) {
        writer.write(plain: onset)
        writer.write(plain: offset)
        writer.write(plain: label)
        writer.write(plain: outcomes)
        writer.write(plain: partner)
    }

    public init(from reader: inout StateReader) throws {
        self.init()
        onset = try reader.readPlain()
        offset = try reader.readPlain()
        label = try reader.readPlain()
        outcomes = try reader.readPlain()
        partner = try reader.readPlain()
        let n = onset.count
        try reader.require(offset.count == n && label.count == n && outcomes.count == n && partner.count == n,
                           "an event alignment's columns differ in length")
        try reader.require(outcomes.allSatisfy { EventAlignment.Outcome(rawValue: $0) != nil }, "an unknown event outcome")
    }
}

extension EventAlignment: PortableValue {
    public func write(to writer: inout StateWriter) {
        writer.write(reference)
        writer.write(system)
    }

    public init(from reader: inout StateReader) throws {
        self.init()
        reference = try reader.read()
        system = try reader.read()
        for (side, other) in [(reference, system), (system, reference)] {
            try reader.require(side.partner.allSatisfy { $0 >= -1 && Int($0) < other.count }, "an event partner out of range")
        }
    }
}
