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
    /// The value of an attribute that does not apply to a cell (a detection task's cell of an
    /// image's detections has no box attribute): such cells belong to no slice of that attribute.
    static let notApplicable = "<n/a>"

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
        return cellOfIndices(packed: fits ? packed : 0)
    }

    /// The cell of the value indices in `indices` (`packed` is their packed form, or 0 when they
    /// do not fit in 64 bits).
    @inline(__always)
    private mutating func cellOfIndices(packed: UInt64) -> Int32 {
        if packed != 0 {
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

    /// The cell whose every attribute is `<missing>` (an item with no metadata row).
    mutating func missingCell() -> Int32 {
        var packed: UInt64 = 0
        for a in 0..<attributes.count {
            missingCounts[a] += 1
            indices[a] = vocabularies[a].index(of: Self.missingValue) ?? vocabularies[a].add(Self.missingValue)
            packed |= UInt64(indices[a] + 1) << (16 * UInt64(a))
        }
        let fits = attributes.count <= 4 && indices.allSatisfy { $0 < 0xFFFF }
        return cellOfIndices(packed: fits ? packed : 0)
    }

    private mutating func appendKey() {
        keys.append((0..<attributes.count).map { vocabularies[$0].labels[Int(indices[$0])] })
    }

    /// Notes for the results: attributes with missing values.
    var notes: [InputNote] {
        zip(attributes, missingCounts).compactMap { attribute, count in
            count > 0 ? InputNote(counting: count, "# item(s) have no value for \(quoted(attribute)); they form the slice \(quoted(Self.missingValue))") : nil
        }
    }
}
