/// The byte layout of `TextState` (docs/scale.md, "State files").

extension EditCounts: PortableValue {
    public func write(to writer: inout StateWriter) {
        writer.write(hits)
        writer.write(substitutions)
        writer.write(deletions)
        writer.write(insertions)
    }

    public init(from reader: inout StateReader) throws {
        self.init()
        hits = try reader.readInt()
        substitutions = try reader.readInt()
        deletions = try reader.readInt()
        insertions = try reader.readInt()
    }
}

extension TextState.Outcome: PortableValue {
    public func write(to writer: inout StateWriter) {
        writer.write(counts)
        writer.write(missing)
    }

    public init(from reader: inout StateReader) throws {
        self.init(counts: try reader.read(), missing: try reader.readBool())
    }
}

extension TextState: PortableValue {
    public func write(to writer: inout StateWriter) {
        writer.write(items)
        writer.write(exactMatches)
        writer.write(missingPredictions)
        writer.write(totals)
        writer.write(outcomes)
        writer.write(plain: outcomeCounts)
    }

    public init(from reader: inout StateReader) throws {
        self.init()
        items = try reader.read()
        exactMatches = try reader.read()
        missingPredictions = try reader.read()
        totals = try reader.read()
        outcomes = try reader.readArray()
        outcomeCounts = try reader.readPlain()
        try reader.require(outcomes.count == outcomeCounts.count, "text outcomes and counts differ in length")
        for (index, outcome) in outcomes.enumerated() {
            try reader.require(outcomeIndex.updateValue(index, forKey: outcome) == nil, "a text outcome listed twice")
        }
    }
}

extension TextState {
    /// Lists the distinct outcomes in a canonical order (missing last, then by their counts), not
    /// the order a reader first saw them, so a merge of shards resamples exactly as one reading.
    public mutating func canonicalize() {
        func key(_ o: Outcome) -> (Int, Int, Int, Int, Int) {
            (o.missing ? 1 : 0, o.counts.hits, o.counts.substitutions, o.counts.deletions, o.counts.insertions)
        }
        let order = outcomes.indices.sorted { key(outcomes[$0]) < key(outcomes[$1]) }
        guard order != Array(outcomes.indices) else { return }
        outcomes = order.map { outcomes[$0] }
        outcomeCounts = order.map { outcomeCounts[$0] }
        outcomeIndex = Dictionary(uniqueKeysWithValues: outcomes.enumerated().map { ($0.element, $0.offset) })
    }
}
