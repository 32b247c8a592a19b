/// A table that a task reports besides its metrics (detection: counts per image at the operating
/// point; verification: DET points), written next to results.json as CSV.
public struct ItemTable: Sendable, Equatable {
    /// File name stem, e.g. `per_image`.
    public var name: String
    public var columns: [String]
    public var rows: [[String]]
    /// Whether the table lists items: a row per item (image, sequence, track, target object) or
    /// item ids. Such a table is withheld when the scheme says `"privacy": "aggregate_only"`;
    /// an aggregate table (DET points, FMR between groups, HOTA per alpha) is not.
    public var itemLevel: Bool
    /// Columns whose values are slice groups, when the table reports values per group (the FMR
    /// between groups): the engine withholds every row in which one of them names a suppressed
    /// slice (below `min_slice_size`), so no file or plot shows what the slice table withholds.
    public var sliceGroups: SliceGroupColumns? = nil

    /// `itemLevel` has no default: each task says what its table is.
    public init(name: String, columns: [String], rows: [[String]] = [], itemLevel: Bool,
                sliceGroups: SliceGroupColumns? = nil) {
        self.name = name
        self.columns = columns
        self.rows = rows
        self.itemLevel = itemLevel
        self.sliceGroups = sliceGroups
    }

    /// RFC 4180 CSV: a header row, `\n` line ends, fields quoted when they hold a comma, a quote
    /// or a line break.
    public var csv: String {
        func field(_ text: String) -> String {
            text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        return ([columns] + rows).map { $0.map(field).joined(separator: ",") + "\n" }.joined()
    }
}

/// Where a table names slice groups: `grouping` holds the grouping's attributes and `groups` the
/// group values, each joined by `separator` (`gender × region`, `female × central`).
public struct SliceGroupColumns: Sendable, Equatable {
    public var grouping: String
    public var groups: [String]
    public var separator: String

    public init(grouping: String, groups: [String], separator: String = " × ") {
        self.grouping = grouping
        self.groups = groups
        self.separator = separator
    }
}
