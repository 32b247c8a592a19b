/// The byte layout of `TrackingState`: its three record lists, field by field.

extension SequenceStatistics: PortableValue {
    public func write(to writer: inout StateWriter) {
        writer.write(sequence)
        writer.write(className)
        writer.write(weight)
        for value in [frames, gtDets, trackerDets, gtTracks, trackerTracks, clearFrames, clearTP, clearFN, clearFP, idSwitches,
                      mostlyTracked, partiallyTracked, mostlyLost, fragmentations, idtp, idfn, idfp] { writer.write(value) }
        writer.write(motpSum)
        writer.write(motpDistanceSum)
        writer.write(clearEmpty)
        writer.write(plain: hotaTP)
        writer.write(plain: hotaFN)
        writer.write(plain: hotaFP)
        writer.write(plain: assA)
        writer.write(plain: assRe)
        writer.write(plain: assPr)
        writer.write(plain: locA)
    }

    public init(from reader: inout StateReader) throws {
        self.init(sequence: try reader.readString(), className: try reader.readString())
        weight = try reader.read(Int64.self)
        var counts: [Int] = []
        for _ in 0..<17 { counts.append(try reader.readInt()) }
        try reader.require(counts.allSatisfy { $0 >= 0 }, "a negative tracking count")
        (frames, gtDets, trackerDets, gtTracks, trackerTracks, clearFrames, clearTP, clearFN, clearFP) =
            (counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], counts[6], counts[7], counts[8])
        (idSwitches, mostlyTracked, partiallyTracked, mostlyLost, fragmentations, idtp, idfn, idfp) =
            (counts[9], counts[10], counts[11], counts[12], counts[13], counts[14], counts[15], counts[16])
        motpSum = try reader.readDouble()
        motpDistanceSum = try reader.readDouble()
        clearEmpty = try reader.readBool()
        hotaTP = try reader.readPlain()
        hotaFN = try reader.readPlain()
        hotaFP = try reader.readPlain()
        assA = try reader.readPlain()
        assRe = try reader.readPlain()
        assPr = try reader.readPlain()
        locA = try reader.readPlain()
        let alphas = TrackingParameters.alphas.count
        try reader.require([hotaTP.count, hotaFN.count, hotaFP.count, assA.count, assRe.count, assPr.count, locA.count].allSatisfy { $0 == alphas },
                           "HOTA arrays of another length than \(alphas)")
        try reader.require(weight >= 1, "a sequence weight below 1")
    }
}

extension TrackStatistics: PortableValue {
    public func write(to writer: inout StateWriter) {
        writer.write(sequence)
        writer.write(className)
        writer.write(gtId)
        writer.write(part)
        writer.write(weight)
        for value in [boxes, matched, idtp, idSwitches, fragmentations] { writer.write(value) }
        writer.write(firstFrame)
        writer.write(lastFrame)
    }

    public init(from reader: inout StateReader) throws {
        self.init(sequence: try reader.readString(), className: try reader.readString(), gtId: try reader.read(Int64.self),
                  part: try reader.read(Int32.self))
        weight = try reader.read(Int64.self)
        boxes = try reader.readInt()
        matched = try reader.readInt()
        idtp = try reader.readInt()
        idSwitches = try reader.readInt()
        fragmentations = try reader.readInt()
        firstFrame = try reader.read(Int32.self)
        lastFrame = try reader.read(Int32.self)
        try reader.require(boxes >= 0 && matched >= 0 && matched <= boxes && idtp >= 0 && idtp <= boxes && idSwitches >= 0 && fragmentations >= 0
                           && weight >= 1, "an inconsistent track record")
    }
}

extension TrackEvent: PortableValue {
    public func write(to writer: inout StateWriter) {
        writer.write(kind.rawValue)
        writer.write(sequence)
        writer.write(className)
        writer.write(frame)
        writer.write(gtId)
        writer.write(trackerBefore != nil)
        writer.write(trackerBefore ?? 0)
        writer.write(trackerAfter)
        writer.write(part)
    }

    public init(from reader: inout StateReader) throws {
        guard let kind = Kind(rawValue: try reader.read(UInt8.self)) else { throw StateDecodingError("an unknown tracking event kind") }
        let sequence = try reader.readString(), className = try reader.readString()
        let frame = try reader.read(Int32.self), gtId = try reader.read(Int64.self)
        let hasBefore = try reader.readBool()
        let before = try reader.read(Int64.self)
        self.init(kind: kind, sequence: sequence, className: className, frame: frame, gtId: gtId,
                  trackerBefore: hasBefore ? before : nil, trackerAfter: try reader.read(Int64.self), part: try reader.read(Int32.self))
    }
}

extension TrackingState: PortableValue {
    public func write(to writer: inout StateWriter) {
        writer.write(sequences)
        writer.write(tracks)
        writer.write(events)
    }

    public init(from reader: inout StateReader) throws {
        self.init()
        sequences = try reader.readArray()
        tracks = try reader.readArray()
        events = try reader.readArray()
    }
}
