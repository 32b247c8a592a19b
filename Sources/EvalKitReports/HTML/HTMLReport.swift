import EvalKit

/// The HTML report (`--out DIR` writes it as `DIR/report.html`): one self-contained file that
/// opens offline, for people who read a run rather than a pipeline that gates on it (docs/reports.md).
///
/// In order: the title and the verdict banner, every gate, then each evaluation (key metrics,
/// per class, confusion matrix, slices worst first, disparities, plots, notes), then the
/// provenance footer. Inline CSS, system fonts, no script and no external reference; plots are
/// inlined as `data:` PNGs. Every string from the data is escaped (`HTMLEscaping`).
///
/// - Complexity: O(size of the result), one pass; 1,000 slices render in about 15 ms (release
/// build, docs/reports.md), mostly number formatting.
public enum HTMLReport {
    /// The report of `result`; `plots` are placed in their evaluations' sections (in the given
    /// order); `provenance` supplies the run's time and git commit.
    public static func render(_ result: RunResult, plots: [RenderedPlot], provenance: ReportProvenance) -> String {
        var header = "<header>\n<h1>\(HTMLEscaping.escape(result.schemeName))</h1>\n"
        header += "<p class=\"sub\">evalkit \(HTMLEscaping.escape(result.version)) report · "
            + "\(result.evaluations.count) \(result.evaluations.count == 1 ? "evaluation" : "evaluations") · "
            + "run at \(provenance.timeText)</p>\n"
        HTMLGates.verdict(result, into: &header)
        let outline = HTMLOutline()
        var body = ""
        body.reserveCapacity(64 * 1024 + result.evaluations.reduce(0) { $0 + $1.slices.count * 512 })
        HTMLGates.section(result, outline: outline, into: &body)
        for (index, evaluation) in result.evaluations.enumerated() {
            HTMLEvaluationSection.render(evaluation, index: index, plots: plots.filter { $0.evaluation == index },
                                         outline: outline, into: &body)
        }
        HTMLProvenance.render(result, provenance: provenance, outline: outline, into: &body)
        header += outline.navigation() + "</header>\n"
        return HTMLDocument.page(title: "evalkit: \(result.schemeName) (\(verdictWord(result)))", body: header + body)
    }

    /// `passed`, `FAILED` or `no gates`, for the window title.
    static func verdictWord(_ result: RunResult) -> String {
        result.gates.isEmpty ? "no gates" : result.passed ? "passed" : "FAILED"
    }
}
