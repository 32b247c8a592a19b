/// The item ids met so far, to find duplicate ids in one pass with memory that does not grow
/// with the rows of a typical file.
///
/// Canonical non-negative decimal integer ids (`IdIndex.canonicalInteger`) that are dense enough
/// are bits of a window that slides: every id below `base` has been met (a watermark), and one
/// bit per id from `base` on. Ids met in increasing order (a file sorted by id) keep the window
/// a few words long however many rows there are; ids in random order cost one bit each (12.5 MB
/// for 100 million). The first id that does not fit moves every id into a hash set of strings
/// (about 50 bytes per id).
///
/// Unlike `IdIndex` it does not remember where an id was met: the caller that finds a duplicate
/// looks for its first line again (an error path).
public struct IdSet {
    /// `words[start...]` hold the bits of ids `base...`; words before `start` are dropped.
    private var words: [UInt64] = []
    private var start = 0
    private var base = 0
    private var hashed: Set<String> = []
    private var isDense = true
    public private(set) var count = 0

    public init() {}

    /// Words of bits held (the window past the watermark).
    var windowWords: Int { words.count }

    /// Inserts `id`; returns false when it was already there.
    @inline(__always)
    public mutating func insert(_ id: UnsafeBufferPointer<UInt8>) -> Bool {
        if isDense, let value = IdIndex.canonicalInteger(id) {
            if value < base { return false }
            let offset = value - base
            let word = start + offset >> 6
            if word >= words.count {
                guard value <= 4 * count + (1 << 20) else { return spillAndInsert(id) }
                words.append(contentsOf: repeatElement(0, count: max(word + 1 - words.count, words.count - start, 16)))
            }
            let bit = UInt64(1) << UInt64(offset & 63)
            if words[word] & bit != 0 { return false }
            words[word] |= bit
            count += 1
            if word == start && words[word] == ~0 { advance() }
            return true
        }
        return isDense ? spillAndInsert(id) : hashed.insert(String(decoding: id, as: UTF8.self)).inserted && countOne()
    }

    /// Moves the watermark past the full words at the front, and drops them once they are most
    /// of the array.
    private mutating func advance() {
        while start < words.count && words[start] == ~0 {
            start += 1
            base += 64
        }
        if start >= 1024 && start * 2 >= words.count {
            words.removeFirst(start)
            start = 0
        }
    }

    private mutating func countOne() -> Bool {
        count += 1
        return true
    }

    /// Moves every id met into the hash set, then inserts `id` there.
    private mutating func spillAndInsert(_ id: UnsafeBufferPointer<UInt8>) -> Bool {
        hashed.reserveCapacity(max(count * 2, 16))
        for value in 0..<base { hashed.insert(String(value)) }
        for word in start..<words.count where words[word] != 0 {
            for b in 0..<64 where words[word] & (UInt64(1) << UInt64(b)) != 0 {
                hashed.insert(String(base + (word - start) * 64 + b))
            }
        }
        words = []
        isDense = false
        return hashed.insert(String(decoding: id, as: UTF8.self)).inserted && countOne()
    }
}
