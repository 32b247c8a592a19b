import EvalKitData
import Foundation

/// Renders what `evalkit history` prints: the list of runs, or one metric's trend across runs,
/// as a text table or as JSON.
public enum HistoryReport {
    // MARK: Runs

    /// One line per run: id, finish time (UTC), tag, scheme, passed, exit status, short commit.
    public static func runsTable(_ runs: [RunSummary]) -> String {
        let rows = runs.map { run in
            [String(run.id), time(run.provenance.finishedAt), run.tag ?? "", run.schemeName, run.passed ? "yes" : "no",
             String(run.provenance.exitStatus), run.provenance.gitCommit.map { String($0.prefix(7)) } ?? ""]
        }
        return table(header: ["run", "finished (UTC)", "tag", "scheme", "passed", "exit", "commit"], rows: rows,
                     rightAligned: [0, 5])
    }

    /// The runs as JSON: `{"history": path, "runs": [...]}`.
    public static func runsJSON(_ runs: [RunSummary], path: String) -> String {
        JSONOutput.object([
            ("history", .string(path)),
            ("runs", .array(runs.map { run in
                .object([
                    ("id", .int(Int(run.id))),
                    ("scheme", .string(run.schemeName)),
                    ("scheme_path", .string(run.schemePath)),
                    ("tag", run.tag.map(JSONOutput.string) ?? .null),
                    ("passed", .bool(run.passed)),
                    ("exit_status", .int(Int(run.provenance.exitStatus))),
                    ("started_at", .string(HistoryDates.text(run.provenance.startedAt))),
                    ("finished_at", .string(HistoryDates.text(run.provenance.finishedAt))),
                    ("git_commit", run.provenance.gitCommit.map(JSONOutput.string) ?? .null),
                    ("host", .string(run.provenance.host)),
                    ("evalkit_version", .string(run.provenance.evalkitVersion)),
                ])
            })),
        ]).serialized(pretty: true)
    }

    // MARK: Trend

    /// A point with the change from the previous point of the same series (scheme, evaluation).
    public struct TrendRow: Sendable, Equatable {
        public var point: TrendPoint
        /// nil for a series' first point or when either value is undefined.
        public var change: Double?
    }

    /// The points with their changes from the previous run of the same scheme and evaluation.
    public static func changes(_ points: [TrendPoint]) -> [TrendRow] {
        var previous: [String: Double?] = [:]
        return points.map { point in
            let series = point.schemeName + "\u{1F}" + point.evaluation
            let change: Double?
            if let last = previous[series], let last, let value = point.value { change = value - last } else { change = nil }
            previous[series] = .some(point.value)
            return TrendRow(point: point, change: change)
        }
    }

    /// The trend of `metric` as a table; columns for scheme and evaluation appear when the points
    /// span several. Undefined values print as `—`, with their reasons listed below the table.
    public static func trendTable(_ points: [TrendPoint], metric: String) -> String {
        let rows = changes(points)
        let showScheme = Set(points.map(\.schemeName)).count > 1
        let showEvaluation = Set(points.map(\.evaluation)).count > 1
        var header = ["run", "finished (UTC)", "tag"]
        if showScheme { header.append("scheme") }
        if showEvaluation { header.append("evaluation") }
        header += [metric + (points.first?.slice.map { " [\($0)]" } ?? ""), "interval", "change"]
        var notes: [String] = []
        let body = rows.map { row -> [String] in
            let p = row.point
            var cells = [String(p.runID), time(p.finishedAt), p.tag ?? ""]
            if showScheme { cells.append(p.schemeName) }
            if showEvaluation { cells.append(p.evaluation) }
            if p.value == nil { notes.append("run \(p.runID) (\(p.evaluation)): undefined: \(p.undefinedReason ?? "no value")") }
            cells += [p.value.map(number) ?? "—", p.interval.map { "[\(number($0.lower)), \(number($0.upper))]" } ?? "",
                      row.change.map(signed) ?? ""]
            return cells
        }
        let count = header.count
        var text = table(header: header, rows: body, rightAligned: [0, count - 3, count - 1])
        for note in notes { text += note + "\n" }
        return text
    }

    /// The trend as JSON: `{"history", "metric", "slice", "points": [...]}`; numbers in full
    /// precision, undefined values `null` with `undefined_reason`.
    public static func trendJSON(_ points: [TrendPoint], metric: String, slice: String?, path: String) -> String {
        JSONOutput.object([
            ("history", .string(path)),
            ("metric", .string(metric)),
            ("slice", slice.map(JSONOutput.string) ?? .null),
            ("points", .array(changes(points).map { row in
                let p = row.point
                var members: [(String, JSONOutput)] = [
                    ("run", .int(Int(p.runID))),
                    ("started_at", .string(HistoryDates.text(p.startedAt))),
                    ("finished_at", .string(HistoryDates.text(p.finishedAt))),
                    ("tag", p.tag.map(JSONOutput.string) ?? .null),
                    ("scheme", .string(p.schemeName)),
                    ("evaluation", .string(p.evaluation)),
                    ("slice", p.slice.map(JSONOutput.string) ?? .null),
                    ("value", json(p.value)),
                    ("interval", p.interval.map { .array([json($0.lower), json($0.upper)]) } ?? .null),
                    ("change", json(row.change)),
                ]
                if p.value == nil { members.append(("undefined_reason", p.undefinedReason.map(JSONOutput.string) ?? .null)) }
                return .object(members)
            })),
        ]).serialized(pretty: true)
    }

    // MARK: Formatting

    static func json(_ value: Double?) -> JSONOutput {
        guard let value, value.isFinite else { return .null }
        return .number(value)
    }

    /// `2026-11-21 09:30:00`.
    static func time(_ date: Date) -> String {
        let text = HistoryDates.text(date)
        return String(text.prefix(19)).replacingOccurrences(of: "T", with: " ")
    }

    /// Four decimals; integral values (counts) as integers; undefined as `—`.
    static func number(_ value: Double) -> String {
        if value.isNaN { return "—" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        if value == value.rounded() && abs(value) >= 2 && abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: "%.4f", value)
    }

    static func signed(_ value: Double) -> String {
        let text = number(abs(value))
        return (value < 0 ? "-" : "+") + text
    }

    static func table(header: [String], rows: [[String]], rightAligned: Set<Int>) -> String {
        var widths = header.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                let fill = String(repeating: " ", count: widths[i] - cell.count)
                return rightAligned.contains(i) ? fill + cell : cell + fill
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) + "\n"
        }
        return line(header) + rows.map(line).joined()
    }
}
