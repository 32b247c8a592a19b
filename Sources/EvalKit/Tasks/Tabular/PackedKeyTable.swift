/// A map from non-zero `UInt64` keys to `Int32` values by open addressing (linear probing, at most
/// a quarter full): the per-row lookup of labels and slice cells, with no hashing of strings and
/// no allocation.
struct PackedKeyTable {
    private var keys = [UInt64](repeating: 0, count: 16)  // 0 = empty
    private var values = [Int32](repeating: -1, count: 16)
    private(set) var count = 0

    @inline(__always)
    static func hash(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) }

    @inline(__always)
    func lookup(_ key: UInt64) -> Int32? {
        let mask = keys.count - 1
        var slot = Self.hash(key) & mask
        while true {
            let found = keys[slot]
            if found == key { return values[slot] }
            if found == 0 { return nil }
            slot = (slot + 1) & mask
        }
    }

    /// Inserts a key that is not in the table yet.
    mutating func insert(_ key: UInt64, _ value: Int32) {
        precondition(key != 0, "PackedKeyTable: 0 is the empty key")
        count += 1
        if count * 4 > keys.count {
            let old = zip(keys, values).filter { $0.0 != 0 }
            keys = [UInt64](repeating: 0, count: keys.count * 4)
            values = [Int32](repeating: -1, count: keys.count)
            for (k, v) in old { place(k, v) }
        }
        place(key, value)
    }

    private mutating func place(_ key: UInt64, _ value: Int32) {
        let mask = keys.count - 1
        var slot = Self.hash(key) & mask
        while keys[slot] != 0 { slot = (slot + 1) & mask }
        keys[slot] = key
        values[slot] = value
    }
}
