/// The byte layout of `VerificationState` (docs/scale.md, "State files"): the design, the bound,
/// the impostor count, then the sorted runs as plain blocks. Subject and group indices refer to
/// the state file's names (`StateNames`).
extension VerificationState: PortableValue {
    public func write(to writer: inout StateWriter) {
        writer.write(design.rawValue)
        writer.write(impostorBound)
        writer.write(impostorCount)
        writer.write(plain: genuine)
        writer.write(plain: impostors)
        writer.write(plain: groupPairs)
        writer.write(plain: searches)
        writer.write(plain: subjects)
    }

    public init(from reader: inout StateReader) throws {
        guard let design = ComparisonDesign(rawValue: try reader.read(UInt8.self)) else {
            throw StateDecodingError("unknown comparison design")
        }
        self.init(design: design, impostorBound: try reader.readDouble())
        impostorCount = try reader.read()
        let genuine: [ScoredPair] = try reader.readPlain()
        let impostors: [ScoredPair] = try reader.readPlain()
        addGenuine(genuine)
        addImpostors(impostors)
        groupPairs = try reader.readPlain()
        searches = try reader.readPlain()
        subjects = try reader.readPlain()
        try reader.require(impostorCount >= Int64(impostors.count), "fewer impostor comparisons than held impostor scores")
        try reader.require(impostors.first.map { $0.score >= impostorBound } ?? true, "a held impostor score below the bound")
        for (name, sorted) in [("genuine scores", Self.isSortedByScore(genuine)), ("impostor scores", Self.isSortedByScore(impostors)),
                               ("searches", isAscending(searches)), ("subjects", isAscending(subjects))] {
            try reader.require(sorted, "\(name) not in canonical order")
        }
    }

    private func isAscending<T: Comparable>(_ values: [T]) -> Bool {
        zip(values, values.dropFirst()).allSatisfy { !($1 < $0) }
    }
}
