/// A table of per-item values that a task reports besides its metrics (detection: counts per
/// image at the operating point), written next to results.json as CSV.
public struct ItemTable: Sendable, Equatable {
    /// File name stem, e.g. `per_image`.
    public var name: String
    public var columns: [String]
    public var rows: [[String]]

    public init(name: String, columns: [String], rows: [[String]] = []) {
        self.name = name
        self.columns = columns
        self.rows = rows
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
