import EvalKitData

/// Interns label texts read from files as class indices without allocating a String per row:
/// labels of up to 7 bytes (nearly all: `0`, `1`, `cat`, `18-29`) are packed into a `UInt64`
/// (bytes and length) and found by a linear scan (few labels) or a hash of the integer; longer
/// labels go through a String map.
struct LabelVocabulary {
    private(set) var labels: [String] = []
    private var packedTable = PackedKeyTable()
    private var map: [String: Int32] = [:]
    private var hasLongLabels = false
    /// Whether new labels may be added (false when the scheme declares its labels).
    let isOpen: Bool

    init(declared: [String]?) {
        isOpen = declared == nil
        for label in declared ?? [] { _ = add(label) }
    }

    var count: Int { labels.count }

    func index(of label: String) -> Int32? { map[label] }

    /// The bytes and length of a label of 1 to 7 bytes in one integer (never 0), else 0.
    @inline(__always)
    static func pack(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let n = bytes.count
        guard n > 0 && n < 8 else { return 0 }
        var key = UInt64(n) << 56
        for i in 0..<n { key |= UInt64(bytes[i]) << (8 * UInt64(i)) }
        return key
    }

    /// The index of a label's bytes, or nil if unknown.
    @inline(__always)
    func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        let key = Self.pack(bytes)
        if key != 0 { return packedTable.lookup(key) }
        return hasLongLabels ? map[String(decoding: bytes, as: UTF8.self)] : nil
    }

    /// Adds a label (or returns its index if present).
    mutating func add(_ label: String) -> Int32 {
        if let i = map[label] { return i }
        let index = Int32(labels.count)
        labels.append(label)
        let key = Array(label.utf8).withUnsafeBufferPointer { Self.pack($0) }
        if key != 0 { packedTable.insert(key, index) } else { hasLongLabels = true }
        map[label] = index
        return index
    }

    /// The report order of labels: declared order, else scikit-learn's (sorted; numerically
    /// when every label is a number). `order[k]` is the index of the k-th label to report.
    static func reportOrder(_ labels: [String], declared: Bool) -> [Int] {
        if declared { return Array(labels.indices) }
        let numbers = labels.map { Double($0) }
        if numbers.allSatisfy({ $0 != nil }) {
            return labels.indices.sorted { (numbers[$0]!, labels[$0]) < (numbers[$1]!, labels[$1]) }
        }
        return labels.indices.sorted { labels[$0].unicodeScalars.lexicographicallyPrecedes(labels[$1].unicodeScalars) }
    }
}
