import EvalKitMetrics

/// Rows of a task's tables that report a suppressed slice's group (`ItemTable.sliceGroups`):
/// withheld like the slice's own metrics, so a table, its CSV file and the plots drawn from it
/// never show what `min_slice_size` withholds (docs/schemes.md, "Slices").
enum SuppressedGroupRows {
    /// Removes those rows from `tables`; returns one note per table that lost rows.
    static func withhold(in tables: inout [ItemTable], slices: [SliceResult], minSliceSize: Int) -> [String] {
        let suppressed = slices.filter(\.suppressed)
        guard !suppressed.isEmpty else { return [] }
        var notes: [String] = []
        for t in tables.indices {
            guard let columns = tables[t].sliceGroups,
                  let grouping = tables[t].columns.firstIndex(of: columns.grouping) else { continue }
            let groups = columns.groups.compactMap { tables[t].columns.firstIndex(of: $0) }
            let keys = Set(suppressed.map { Key(grouping: $0.attributes.joined(separator: columns.separator),
                                                group: $0.values.joined(separator: columns.separator)) })
            let before = tables[t].rows.count
            tables[t].rows.removeAll { row in
                groups.contains { keys.contains(Key(grouping: row[grouping], group: row[$0])) }
            }
            let removed = before - tables[t].rows.count
            if removed > 0 {
                notes.append("\(tables[t].name): \(removed) row(s) withheld: they report a slice with fewer than "
                    + "\(minSliceSize) items (min_slice_size)")
            }
        }
        return notes
    }

    private struct Key: Hashable {
        var grouping: String
        var group: String
    }
}
