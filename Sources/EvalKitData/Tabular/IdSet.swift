/// The item ids met so far, to find duplicate ids in one pass with memory that hardly grows
/// with the rows: canonical non-negative decimal integer ids (`IdIndex.canonicalInteger`) that
/// are dense enough are one bit each (12.5 MB for 100 million ids 0..N-1); the first id that does
/// not fit moves every id into a hash set of strings (about 50 bytes per id).
///
/// Unlike `IdIndex` it does not remember where an id was met: the caller that finds a duplicate
/// looks for its first line again (an error path).
public struct IdSet {
    private var bits: [UInt64] = []
    private var hashed: Set<String> = []
    private var isDense = true
    public private(set) var count = 0

    public init() {}

    /// Inserts `id`; returns false when it was already there.
    @inline(__always)
    public mutating func insert(_ id: UnsafeBufferPointer<UInt8>) -> Bool {
        if isDense, let value = IdIndex.canonicalInteger(id) {
            let word = value >> 6
            let bit = UInt64(1) << UInt64(value & 63)
            if word < bits.count {
                if bits[word] & bit != 0 { return false }
                bits[word] |= bit
                count += 1
                return true
            }
            if value <= 4 * count + (1 << 20) {
                let newSize = max(word + 1, bits.count * 2, 1024)
                bits.append(contentsOf: repeatElement(0, count: newSize - bits.count))
                bits[word] |= bit
                count += 1
                return true
            }
        }
        if isDense { spill() }
        if hashed.insert(String(decoding: id, as: UTF8.self)).inserted {
            count += 1
            return true
        }
        return false
    }

    /// Moves the dense bits into the hash set.
    private mutating func spill() {
        hashed.reserveCapacity(max(count * 2, 16))
        for (word, value) in bits.enumerated() where value != 0 {
            for b in 0..<64 where value & (UInt64(1) << UInt64(b)) != 0 { hashed.insert(String(word * 64 + b)) }
        }
        bits = []
        isDense = false
    }
}
