import EvalKitData

/// Assigns each row its slice cell: the combination of its values of the sliced attributes
/// (e.g. sex × race × age band). Each attribute's values are interned; the tuple of value indices
/// is packed into a `UInt64` (16 bits per attribute, up to 4 attributes; a dictionary beyond) and
/// looked up in an open-addressing table, so a row costs no allocation.
///
/// A missing value (an empty CSV field, a JSONL null or absent key) is its own group,
/// `<missing>`, counted per attribute: never dropped.
struct AttributeCells {
    static let missingValue = "<missing>"

    let attributes: [String]
    /// Cell index → the attribute values, in `attributes` order.
    private(set) var keys: [[String]] = []
    /// Rows with a missing value, per attribute.
    private(set) var missingCounts: [Int]
    private var vocabularies: [LabelVocabulary]
    private var table = PackedKeyTable()
    private var wide: [[Int32]: Int32] = [:]
    private var columns: [Int] = []
    private var columnNames: [String] = []
    private var indices: [Int32]

    init(attributes: [String]) {
        self.attributes = attributes
        vocabularies = attributes.map { _ in LabelVocabulary(declared: nil) }
        missingCounts = attributes.map { _ in 0 }
        indices = attributes.map { _ in 0 }
        if attributes.isEmpty { keys = [[]] }
    }

    var isEmpty: Bool { attributes.isEmpty }

    /// Looks up the attribute columns of a batch (once per batch).
    mutating func beginBatch(columns names: [String]) {
        guard names != columnNames else { return }
        columnNames = names
        columns = attributes.map { names.firstIndex(of: $0) ?? -1 }
    }

    /// The cell of a row (0 when nothing is sliced).
    @inline(__always)
    mutating func cell(_ batch: FieldBatch, _ row: Int) -> Int32 {
        if attributes.isEmpty { return 0 }
        var packed: UInt64 = 0
        var fits = attributes.count <= 4
        for a in 0..<attributes.count {
            let column = columns[a]
            var index: Int32
            if column < 0 || batch.isAbsent(row, column) || batch.withField(row, column, { $0.isEmpty }) {
                missingCounts[a] += 1
                index = vocabularies[a].index(of: Self.missingValue) ?? vocabularies[a].add(Self.missingValue)
            } else if let known = batch.withField(row, column, { vocabularies[a].lookup($0) }) {
                index = known
            } else {
                index = vocabularies[a].add(batch.string(row, column))
            }
            indices[a] = index
            if index >= 0xFFFF { fits = false }
            packed |= UInt64(index + 1) << (16 * UInt64(a))
        }
        if fits {
            if let cell = table.lookup(packed) { return cell }
            let cell = Int32(keys.count)
            table.insert(packed, cell)
            appendKey()
            return cell
        }
        if let cell = wide[indices] { return cell }
        let cell = Int32(keys.count)
        wide[indices] = cell
        appendKey()
        return cell
    }

    private mutating func appendKey() {
        keys.append((0..<attributes.count).map { vocabularies[$0].labels[Int(indices[$0])] })
    }

    /// Notes for the results: attributes with missing values.
    var notes: [String] {
        zip(attributes, missingCounts).compactMap { attribute, count in
            count > 0 ? "\(count) item(s) have no value for \(quoted(attribute)); they form the slice \(quoted(Self.missingValue))" : nil
        }
    }
}
