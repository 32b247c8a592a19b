import Foundation
import Testing
@testable import EvalKit
@testable import EvalKitReports

/// Golden files for the report writers on the quickstart scheme. Re-record after an intended
/// change with `EVALKIT_RECORD_GOLDEN=1 swift test --filter ReportGoldenTests`, and review the diff.
@Suite struct ReportGoldenTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let golden = root + "/Tests/Fixtures/golden/"

    /// Computed once for all the tests (1,000 bootstrap replicates take a while in a debug build).
    static let quickstartResult = Result { try Engine.run(try Engine.plan(schemePath: root + "/Schemes/quickstart.json")) }

    func quickstart() throws -> RunResult { try Self.quickstartResult.get() }

    /// The robustness sample (Schemes/corruptions-robustness.json): the Robustness sections.
    static let robustnessResult = Result { try Engine.run(try Engine.plan(schemePath: root + "/Schemes/corruptions-robustness.json")) }

    func robustness() throws -> RunResult { try Self.robustnessResult.get() }

    func check(_ output: String, against name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try GoldenFiles.check(output, against: name, sourceLocation: sourceLocation)
    }

    @Test func tableReport() throws {
        let text = TableReport.render(try quickstart(), style: TerminalStyle(colors: false))
        try check(text, against: "quickstart.table.txt")
        let relative = text.replacingOccurrences(of: Self.root + "/", with: "")
        let long = relative.split(separator: "\n").filter { $0.count > 80 }
        #expect(long.isEmpty, "fits 80 columns: \(long)")
    }

    @Test func markdownReport() throws {
        try check(MarkdownReport.render(try quickstart()), against: "quickstart.md")
    }

    @Test func resultsJSON() throws {
        try check(ResultsJSON.text(try quickstart()), against: "quickstart.results.json")
    }

    @Test func robustnessTableReport() throws {
        let text = TableReport.render(try robustness(), style: TerminalStyle(colors: false))
        try check(text, against: "corruptions-robustness.table.txt")
        // The Robustness section fits 80 columns (the header's long paths and change gates' lines may not).
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let start = try #require(lines.firstIndex { $0.contains("Robustness:") })
        let end = try #require(lines[start...].firstIndex { $0 == "  Notes" })
        let long = lines[start..<end].filter { $0.count > 80 }
        #expect(long.isEmpty, "fits 80 columns: \(long)")
    }

    @Test func robustnessMarkdownReport() throws {
        try check(MarkdownReport.render(try robustness()), against: "corruptions-robustness.md")
    }

    @Test func robustnessResultsJSON() throws {
        try check(ResultsJSON.text(try robustness()), against: "corruptions-robustness.results.json")
    }

    @Test func coloursOnlyOnATerminalAndNeverWithNoColor() throws {
        #expect(TerminalStyle.decide(isTerminal: true, noColor: nil, term: "xterm").colors)
        #expect(!TerminalStyle.decide(isTerminal: false, noColor: nil, term: "xterm").colors)
        #expect(!TerminalStyle.decide(isTerminal: true, noColor: "1", term: "xterm").colors)
        #expect(TerminalStyle.decide(isTerminal: true, noColor: "", term: "xterm").colors)
        #expect(!TerminalStyle.decide(isTerminal: true, noColor: nil, term: "dumb").colors)
        let coloured = TableReport.render(try quickstart(), style: TerminalStyle(colors: true))
        #expect(coloured.contains("\u{1B}[32mPASS\u{1B}[0m"))
    }
}
