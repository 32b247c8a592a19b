/// The pattern-match bit vectors of a text for bit-parallel edit distance (Myers 1999, "Peq";
/// Hyyrö 2003): for every character c, the 64-bit words whose bit p is set where
/// `text[64·word + p] == c`.
///
/// Stored sparsely, as each character's nonzero words in word order (memory O(text length),
/// whatever the alphabet: Unicode texts may have thousands of distinct characters). A row of the
/// algorithm loads one character's words into a dense row of zeros (`load`) and clears them
/// afterwards (`unload`), which costs no more than the row itself.
struct PatternMatchBits: Sendable {
    /// Number of 64-bit words: ⌈length / 64⌉.
    private(set) var words = 0
    /// Identifiers of the characters below U+0080 (−1: absent).
    private var asciiIds = [Int32](repeating: -1, count: 128)
    /// Identifiers of the other characters.
    private var otherIds: [UInt32: Int32] = [:]
    /// `starts[id]..<starts[id + 1]`: the entries of character `id`.
    private var starts: [Int32] = []
    private var entryWords: [Int32] = []
    private var entryMasks: [UInt64] = []
    // Scratch of `build`.
    private var ids: [Int32] = []
    private var lastWords: [Int32] = []
    private var next: [Int32] = []
    /// The characters below U+0080 of the current table (to reset `asciiIds` alone).
    private var asciiSeen: [UInt8] = []

    init() {}

    /// The identifier of `c` in the text, or −1 when the text does not contain it.
    @inline(__always)
    func id(of c: Unicode.Scalar) -> Int32 {
        c.value < 128 ? asciiIds[Int(c.value)] : (otherIds[c.value] ?? -1)
    }

    /// Replaces the table with that of `text`.
    mutating func build(_ text: UnsafeBufferPointer<Unicode.Scalar>) {
        for c in asciiSeen { asciiIds[Int(c)] = -1 }
        asciiSeen.removeAll(keepingCapacity: true)
        if !otherIds.isEmpty { otherIds.removeAll(keepingCapacity: true) }
        words = (text.count + 63) / 64
        // Identifiers, and the number of distinct (character, word) entries of each.
        ids.removeAll(keepingCapacity: true)
        lastWords.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        starts.append(0)
        var distinct: Int32 = 0
        for (p, c) in text.enumerated() {
            var id = self.id(of: c)
            if id < 0 {
                id = distinct
                distinct += 1
                if c.value < 128 {
                    asciiIds[Int(c.value)] = id
                    asciiSeen.append(UInt8(c.value))
                } else {
                    otherIds[c.value] = id
                }
                lastWords.append(-1)
                starts.append(0)
            }
            ids.append(id)
            let word = Int32(p >> 6)
            if lastWords[Int(id)] != word {
                lastWords[Int(id)] = word
                starts[Int(id) + 1] += 1
            }
        }
        for i in 0..<Int(distinct) { starts[i + 1] += starts[i] }
        let entries = Int(starts[Int(distinct)])
        if entryWords.count < entries {
            entryWords = [Int32](repeating: 0, count: entries)
            entryMasks = [UInt64](repeating: 0, count: entries)
        }
        // Fill: positions in order, so each character's entries come in word order.
        next.removeAll(keepingCapacity: true)
        next.append(contentsOf: starts[0..<Int(distinct)])
        for i in 0..<Int(distinct) { lastWords[i] = -1 }
        for p in 0..<text.count {
            let id = Int(ids[p])
            let word = Int32(p >> 6)
            if lastWords[id] != word {
                lastWords[id] = word
                entryWords[Int(next[id])] = word
                entryMasks[Int(next[id])] = 0
                next[id] += 1
            }
            entryMasks[Int(next[id]) - 1] |= 1 << UInt64(p & 63)
        }
    }

    /// Writes the words of character `id` into `row` (which holds zeros where they go).
    @inline(__always)
    func load(_ id: Int32, into row: UnsafeMutablePointer<UInt64>) {
        guard id >= 0 else { return }
        for e in Int(starts[Int(id)])..<Int(starts[Int(id) + 1]) { row[Int(entryWords[e])] = entryMasks[e] }
    }

    /// Sets the words of character `id` in `row` back to zero.
    @inline(__always)
    func unload(_ id: Int32, from row: UnsafeMutablePointer<UInt64>) {
        guard id >= 0 else { return }
        for e in Int(starts[Int(id)])..<Int(starts[Int(id) + 1]) { row[Int(entryWords[e])] = 0 }
    }
}
