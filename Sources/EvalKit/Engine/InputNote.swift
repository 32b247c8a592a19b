/// A note on what reading the inputs found. A note that counts something ("12 item(s) had no
/// prediction") keeps its counts apart from its text, so notes of shards (or of a file's chunks
/// read in parallel) merge by adding counts, and the merged note reads as the one a single
/// reading of everything writes.
public struct InputNote: Sendable, Equatable, ExpressibleByStringInterpolation {
    /// The text, with `#` where each count goes (plain notes have no counts and no `#` is read).
    public var template: String
    public var counts: [Int]

    /// A plain note.
    public init(stringLiteral value: String) {
        template = value
        counts = []
    }

    /// A plain note.
    public init(_ text: String) { self.init(stringLiteral: text) }

    /// A counting note: `template` holds one `#` per count, e.g. `"# item(s) had no prediction"`.
    public init(counting counts: [Int], _ template: String) {
        self.template = template
        self.counts = counts
    }

    /// A note with one count.
    public init(counting count: Int, _ template: String) { self.init(counting: [count], template) }

    /// The note as shown.
    public var text: String {
        guard !counts.isEmpty else { return template }
        var result = ""
        var next = counts.makeIterator()
        for character in template {
            if character == "#", let count = next.next() { result += String(count) } else { result.append(character) }
        }
        return result
    }

    /// Two notes say the same thing (apart from their counts).
    func sameKind(as other: InputNote) -> Bool { template == other.template && counts.count == other.counts.count }
}

extension Array where Element == InputNote {
    /// The notes of several readings as one: counting notes of one kind add up, plain notes appear
    /// once. The order is the readings' order (each list's order is kept; a note only some lists
    /// have goes after the note it follows in them).
    public static func merged(_ lists: [[InputNote]]) -> [InputNote] {
        var result: [InputNote] = []
        for list in lists {
            var insertAt = 0
            for note in list {
                if let found = result.firstIndex(where: { $0.sameKind(as: note) }) {
                    for i in note.counts.indices { result[found].counts[i] += note.counts[i] }
                    insertAt = found + 1
                } else {
                    result.insert(note, at: insertAt)
                    insertAt += 1
                }
            }
        }
        return result
    }
}

extension InputNote: PortableValue {
    public func write(to writer: inout StateWriter) {
        writer.write(template)
        writer.write(plain: counts)
    }

    public init(from reader: inout StateReader) throws {
        template = try reader.readString()
        counts = try reader.readPlain()
    }
}
