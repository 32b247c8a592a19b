import EvalKit
import EvalKitReports

/// Report formats for standard output.
public enum ReportFormat: String, Sendable, CaseIterable {
    case table, json, markdown

    /// The report of `result` in this format.
    public func render(_ result: RunResult) -> String {
        switch self {
        case .table: TableReport.render(result, style: .forStandardOutput())
        case .json: ResultsJSON.text(result)
        case .markdown: MarkdownReport.render(result)
        }
    }
}
