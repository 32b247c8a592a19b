import EvalKitData

/// Interns label texts read from files as class indices, without allocating a String per row for
/// the few labels a classification has.
struct LabelVocabulary {
    private(set) var labels: [String] = []
    private var utf8: [[UInt8]] = []
    private var map: [String: Int32] = [:]
    /// Whether new labels may be added (false when the scheme declares its labels).
    let isOpen: Bool

    init(declared: [String]?) {
        isOpen = declared == nil
        for label in declared ?? [] { _ = add(label) }
    }

    var count: Int { labels.count }

    func index(of label: String) -> Int32? { map[label] }

    /// The index of a label's bytes, or nil if unknown.
    @inline(__always)
    func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        if utf8.count <= 16 {
            for (i, known) in utf8.enumerated() where known.count == bytes.count {
                if known.withUnsafeBufferPointer({ $0.elementsEqual(bytes) }) { return Int32(i) }
            }
            return nil
        }
        return map[String(decoding: bytes, as: UTF8.self)]
    }

    /// Adds a label (or returns its index if present).
    mutating func add(_ label: String) -> Int32 {
        if let i = map[label] { return i }
        labels.append(label)
        utf8.append(Array(label.utf8))
        map[label] = Int32(labels.count - 1)
        return Int32(labels.count - 1)
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
