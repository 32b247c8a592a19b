/// The nonzero cells of a confusion count matrix (rows truth, columns predicted): memory
/// proportional to the distinct (truth, prediction) pairs seen, not to K².
///
/// Below `denseLimit` classes the cells are a dense K×K array (an increment per row, no
/// hashing); above it, sorted (truth, predicted) keys with their counts plus a hash map of
/// recent additions, merged into the sorted part when it grows as large as it
/// (`compact()`; amortised O(log m) an addition). Either way the cells are visited in row-major
/// order (truth, then predicted), so everything drawn from them in that order (the bootstrap
/// replicates) is the same for both forms. docs/metrics.md, "Large label sets".
public struct ConfusionCells: Sendable, Equatable {
    /// Class counts up to this use the dense form (a 64×64 matrix is 32 KB a state).
    public static let denseLimit = 64

    /// Number of classes K.
    public internal(set) var classCount: Int
    /// Dense form: `dense[t * K + p]`; empty in the sparse form.
    @usableFromInline internal var dense: [Int64]
    /// Sparse form: sorted keys `t << 32 | p` of nonzero cells and their counts.
    @usableFromInline internal var keys: [Int64] = []
    @usableFromInline internal var values: [Int64] = []
    /// Sparse form: additions not yet merged into `keys`/`values`.
    @usableFromInline internal var pending: [Int64: Int64] = [:]

    /// Whether the cells are kept sparse.
    public var isSparse: Bool { dense.isEmpty }

    /// Empty cells for `classCount` classes, sparse above `denseLimit` (or when `sparse`).
    public init(classCount: Int, sparse: Bool? = nil) {
        self.classCount = classCount
        dense = (sparse ?? (classCount > Self.denseLimit)) ? [] : [Int64](repeating: 0, count: classCount * classCount)
    }

    @inline(__always) @usableFromInline
    static func key(_ t: Int, _ p: Int) -> Int64 { Int64(t) << 32 | Int64(p) }

    /// Adds `count` rows with truth `t` predicted `p`.
    @inlinable
    public mutating func add(truth t: Int, predicted p: Int, count: Int64 = 1) {
        if !dense.isEmpty {
            dense[t &* classCount &+ p] &+= count
        } else if count != 0 {
            pending[Self.key(t, p), default: 0] &+= count
            if pending.count > Swift.max(1024, keys.count) { compact() }
        }
    }

    /// Merges the pending additions into the sorted cells.
    public mutating func compact() {
        guard !pending.isEmpty else { return }
        let added = pending.sorted { $0.key < $1.key }
        pending.removeAll(keepingCapacity: true)
        var mergedKeys = [Int64]()
        var mergedValues = [Int64]()
        mergedKeys.reserveCapacity(keys.count + added.count)
        mergedValues.reserveCapacity(keys.count + added.count)
        var i = 0
        for (key, value) in added {
            while i < keys.count && keys[i] < key {
                mergedKeys.append(keys[i])
                mergedValues.append(values[i])
                i += 1
            }
            if i < keys.count && keys[i] == key {
                mergedKeys.append(key)
                mergedValues.append(values[i] &+ value)
                i += 1
            } else {
                mergedKeys.append(key)
                mergedValues.append(value)
            }
        }
        mergedKeys.append(contentsOf: keys[i...])
        mergedValues.append(contentsOf: values[i...])
        keys = mergedKeys
        values = mergedValues
    }

    /// The count of cell (t, p).
    public func count(truth t: Int, predicted p: Int) -> Int64 {
        if !dense.isEmpty { return dense[t * classCount + p] }
        let key = Self.key(t, p)
        var low = 0
        var high = keys.count
        while low < high {
            let mid = (low + high) / 2
            if keys[mid] < key { low = mid + 1 } else { high = mid }
        }
        let stored = low < keys.count && keys[low] == key ? values[low] : 0
        return stored &+ (pending[key] ?? 0)
    }

    /// Calls `body(t, p, count)` for every cell that may be nonzero, in row-major order (in the
    /// dense form every cell, zeros included).
    @inlinable
    public func forEachCell(_ body: (Int, Int, Int64) throws -> Void) rethrows {
        if !dense.isEmpty {
            let k = classCount
            for t in 0..<k {
                for p in 0..<k { try body(t, p, dense[t * k + p]) }
            }
            return
        }
        var cells = self
        cells.compact()
        for i in cells.keys.indices {
            try body(Int(cells.keys[i] >> 32), Int(cells.keys[i] & 0xFFFF_FFFF), cells.values[i])
        }
    }

    /// Cells of the same form with every count replaced by `draw(count)`, visited in
    /// row-major order; zero draws are dropped from the sparse form.
    @inlinable
    public func mapCounts(_ draw: (Int64) -> Int64) -> ConfusionCells {
        var result = ConfusionCells(classCount: classCount, sparse: isSparse)
        if !dense.isEmpty {
            for i in dense.indices { result.dense[i] = draw(dense[i]) }
            return result
        }
        var cells = self
        cells.compact()
        result.keys.reserveCapacity(cells.keys.count)
        result.values.reserveCapacity(cells.keys.count)
        for i in cells.keys.indices {
            let x = draw(cells.values[i])
            if x != 0 {
                result.keys.append(cells.keys[i])
                result.values.append(x)
            }
        }
        return result
    }

    /// Adds `other`'s counts (same class count).
    public mutating func merge(_ other: ConfusionCells) {
        precondition(other.classCount == classCount, "ConfusionCells: class counts differ")
        if !dense.isEmpty && !other.dense.isEmpty {
            for i in dense.indices { dense[i] &+= other.dense[i] }
            return
        }
        if dense.isEmpty && other.dense.isEmpty {
            // Both sparse: one linear merge of the sorted cells.
            compact()
            var theirs = other
            theirs.compact()
            var mergedKeys = [Int64]()
            var mergedValues = [Int64]()
            mergedKeys.reserveCapacity(keys.count + theirs.keys.count)
            mergedValues.reserveCapacity(keys.count + theirs.keys.count)
            var i = 0
            var j = 0
            while i < keys.count || j < theirs.keys.count {
                if j == theirs.keys.count || (i < keys.count && keys[i] < theirs.keys[j]) {
                    mergedKeys.append(keys[i])
                    mergedValues.append(values[i])
                    i += 1
                } else if i == keys.count || theirs.keys[j] < keys[i] {
                    mergedKeys.append(theirs.keys[j])
                    mergedValues.append(theirs.values[j])
                    j += 1
                } else {
                    mergedKeys.append(keys[i])
                    mergedValues.append(values[i] &+ theirs.values[j])
                    i += 1
                    j += 1
                }
            }
            keys = mergedKeys
            values = mergedValues
            return
        }
        other.forEachCell { t, p, c in if c != 0 { add(truth: t, predicted: p, count: c) } }
    }

    /// Sum of all cells.
    public var total: Int64 {
        if !dense.isEmpty { return dense.reduce(0, &+) }
        return values.reduce(0, &+) &+ pending.values.reduce(0, &+)
    }

    /// Grows to `count` classes; the form follows `denseLimit` (dense cells become sparse when
    /// the new count is above it).
    public mutating func grow(to count: Int) {
        guard count > classCount else { return }
        var grown = ConfusionCells(classCount: count, sparse: isSparse || count > Self.denseLimit)
        forEachCell { t, p, c in if c != 0 { grown.add(truth: t, predicted: p, count: c) } }
        self = grown
    }

    /// Equal when every cell is equal, whatever the form.
    public static func == (a: ConfusionCells, b: ConfusionCells) -> Bool {
        guard a.classCount == b.classCount else { return false }
        var left: [Int64: Int64] = [:]
        a.forEachCell { t, p, c in if c != 0 { left[key(t, p)] = c } }
        var right: [Int64: Int64] = [:]
        b.forEachCell { t, p, c in if c != 0 { right[key(t, p)] = c } }
        return left == right
    }
}
