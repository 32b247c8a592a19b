/// Maps item ids (the `id` column's bytes) to row numbers, to join predictions to ground truth and
/// to find duplicate ids.
///
/// Ids that are canonical non-negative decimal integers (`0`, `17`, not `007` or `+1`) and dense
/// enough are kept in a flat array indexed by the integer (4 bytes per slot, no hashing); the
/// first id that does not fit moves every id into a hash map of strings. A 10-million-row file
/// with ids 0..N-1 costs 40 MB and no hashing.
public struct IdIndex {
    private var dense: [Int32] = []  // slot -> row, -1 when absent
    private var hashed: [String: Int32] = [:]
    private var isDense = true
    public private(set) var count = 0

    public init() {}

    /// Inserts `id` for `row`; returns the row already recorded for it, if any (then nothing changes).
    public mutating func insert(_ id: UnsafeBufferPointer<UInt8>, row: Int32) -> Int32? {
        if isDense, let value = Self.canonicalInteger(id) {
            if value < dense.count {
                let existing = dense[value]
                if existing >= 0 { return existing }
                dense[value] = row
                count += 1
                return nil
            }
            if value <= 4 * count + (1 << 20) {
                let newSize = max(value + 1, dense.count * 2, 1024)
                dense.append(contentsOf: repeatElement(-1, count: newSize - dense.count))
                dense[value] = row
                count += 1
                return nil
            }
        }
        if isDense { spill() }
        let key = String(decoding: id, as: UTF8.self)
        if let existing = hashed[key] { return existing }
        hashed[key] = row
        count += 1
        return nil
    }

    /// The row recorded for `id`, if any.
    public func lookup(_ id: UnsafeBufferPointer<UInt8>) -> Int32? {
        if isDense {
            guard let value = Self.canonicalInteger(id), value < dense.count else { return nil }
            let row = dense[value]
            return row >= 0 ? row : nil
        }
        return hashed[String(decoding: id, as: UTF8.self)]
    }

    /// Moves the dense slots into the hash map.
    private mutating func spill() {
        hashed.reserveCapacity(max(count * 2, 16))
        for (value, row) in dense.enumerated() where row >= 0 {
            hashed[String(value)] = row
        }
        dense = []
        isDense = false
    }

    /// The integer value of a canonical non-negative decimal (at most 9 digits), else nil.
    @inline(__always)
    public static func canonicalInteger(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = bytes.count
        guard n > 0, n <= 9 else { return nil }
        if n > 1 && bytes[0] == UInt8(ascii: "0") { return nil }
        var value = 0
        for b in bytes {
            let digit = Int(b) &- 48
            guard digit >= 0 && digit <= 9 else { return nil }
            value = value &* 10 &+ digit
        }
        return value
    }
}
