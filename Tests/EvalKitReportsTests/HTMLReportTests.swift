import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import EvalKit
@testable import EvalKitReports

/// The HTML report (`report.html`): sections in order, self-contained (no external reference),
/// escaping, suppressed slices without values, unchecked gates, undefined values, worst-first
/// slice order, inlined plots, the 1,000-slice size budget and the quickstart golden file.
/// Re-record the golden file after an intended change with
/// `EVALKIT_RECORD_GOLDEN=1 swift test --filter HTMLReportTests`, and review the diff.
@Suite struct HTMLReportTests {
    /// A fixed time and commit, so the golden file does not change from run to run.
    static let provenance = ReportProvenance(time: Date(timeIntervalSince1970: 1_795_000_000),
                                             gitCommit: "0123456789abcdef0123456789abcdef01234567")

    func quickstart() throws -> RunResult { try ReportGoldenTests.quickstartResult.get() }

    // MARK: - Hand-made results

    /// A tiny PNG (4 × 2, drawn at scale 2 for a 2 × 1 display).
    static func plot(evaluation: Int = 0, title: String = "Precision-recall curve") throws -> RenderedPlot {
        var image = PNGImage(width: 4, height: 2)
        image.set(x: 1, y: 1, r: 200, g: 30, b: 30)
        return RenderedPlot(evaluation: evaluation, file: "pr-\(evaluation + 1).png", title: title, width: 2, height: 1,
                            scale: 2, png: try image.encoded())
    }

    static func metrics(_ pairs: [(String, Double)], reasons: [String: String] = [:]) -> MetricValues {
        var values = MetricValues()
        for (key, value) in pairs { values.set(key, value, undefinedReason: reasons[key]) }
        return values
    }

    /// A binary classification evaluation with `slices` slices of one attribute `group` (every
    /// tenth one suppressed), intervals on every slice metric, a per-class table, a confusion
    /// matrix, a disparity with a reference group and notes.
    static func evaluation(name: String = "synthetic", slices count: Int, label: String = "positive",
                           sliceValue: (Int) -> String = { "g\($0)" }, note: String = "a note") -> EvaluationResult {
        var computed = ComputedMetrics()
        computed.count = 100 * count
        computed.metrics = metrics([("accuracy", 0.9), ("f1", 0.8), ("fpr", 0.05), ("roc_auc", 0.93), ("tp", 4000), ("fp", 200)])
        computed.perClass = [(label: "negative", metrics: metrics([("precision", 0.95), ("recall", 0.97), ("f1", 0.96), ("support", 6000)])),
                             (label: label, metrics: metrics([("precision", 0.9), ("recall", 0.7), ("f1", 0.79), ("support", 4000)]))]
        computed.confusion = ConfusionTable(labels: ["negative", label], counts: [[5800, 200], [1200, 2800]])
        var slices: [SliceResult] = []
        for i in 0..<count {
            let suppressed = i % 10 == 9
            let x = Double(i % 97) / 100
            let values = suppressed ? MetricValues() : metrics([("accuracy", 0.5 + x / 2), ("f1", 0.4 + x / 2), ("fpr", 0.2 - x / 10),
                                                                ("roc_auc", 0.7 + x / 4), ("tp", 40), ("fp", 2)])
            var intervals: [String: Interval] = [:]
            if !suppressed {
                for key in ["accuracy", "f1", "fpr", "roc_auc"] {
                    intervals[key] = Interval(lower: values[key]! - 0.01, upper: values[key]! + 0.01)
                }
            }
            slices.append(SliceResult(attributes: ["group"], values: [sliceValue(i)], count: suppressed ? 12 : 100 + i,
                                      metrics: values, allMetrics: values, intervals: intervals, suppressed: suppressed))
        }
        let disparity = DisparityResult(
            metric: "f1", attributes: ["group"], min: 0.4, max: 0.88, difference: 0.48, ratio: 0.4545,
            minSlice: [sliceValue(0)], maxSlice: [sliceValue(48)], compared: count - count / 10,
            differenceInterval: Interval(lower: 0.4, upper: 0.5), ratioInterval: Interval(lower: 0.4, upper: 0.5),
            reference: [sliceValue(1)], referenceValue: 0.405)
        return EvaluationResult(
            name: name, task: "classification", datasetName: "toy", manifestPath: "Datasets/toy/dataset.json",
            datasetSHA256: String(repeating: "a", count: 64), predictionsPath: "Datasets/toy/predictions.csv",
            predictionsSHA256: String(repeating: "b", count: 64),
            files: [.init(role: "ground_truth", path: "Datasets/toy/truth.csv", sha256: String(repeating: "a", count: 64), rows: 100 * count),
                    .init(role: "predictions", path: "Datasets/toy/predictions.csv", sha256: String(repeating: "b", count: 64), rows: 100 * count)],
            inputs: InputsRead(), computed: computed,
            intervals: ["f1": Interval(lower: 0.79, upper: 0.81)], slices: slices, disparities: [disparity],
            minSliceSize: 30, notes: [note])
    }

    static func result(_ evaluations: [EvaluationResult], gates: [GateResult] = [], name: String = "toy scheme") -> RunResult {
        RunResult(schemeName: name, schemePath: "Schemes/toy.json", schemeSHA256: String(repeating: "c", count: 64),
                  evaluations: evaluations, gates: gates)
    }

    static func gate(_ text: String, passed: Bool = true, checked: Bool = true, observed: Double? = 0.8,
                     slice: [String: String]? = nil, message: String = "", evaluation: String = "synthetic") -> GateResult {
        var gate = GateResult(gate: text, evaluation: evaluation, metric: "f1", passed: passed, observed: observed, limit: 0.6,
                              slice: slice, message: message)
        gate.checked = checked
        return gate
    }

    func render(_ result: RunResult, plots: [RenderedPlot] = []) -> String {
        HTMLReport.render(result, plots: plots, provenance: Self.provenance)
    }

    /// The text between the first `<tr>` containing `marker` and its `</tr>`.
    func row(containing marker: String, in html: String) -> String? {
        guard let hit = html.range(of: marker),
              let start = html.range(of: "<tr", options: .backwards, range: html.startIndex..<hit.lowerBound),
              let end = html.range(of: "</tr>", range: hit.upperBound..<html.endIndex) else { return nil }
        return String(html[start.lowerBound..<end.upperBound])
    }

    // MARK: - Structure

    @Test func sectionsInOrder() throws {
        let html = render(try quickstart(), plots: [try Self.plot()])
        let markers = ["<!DOCTYPE html>", "<html lang=\"en\">", "<title>", "<h1>adult-income-quickstart</h1>",
                       "<div class=\"v pass\" role=\"status\"><p><strong>PASSED</strong>", "<section id=\"gates\">",
                       "<section id=\"e1\">", "<section id=\"e1-metrics\">", "<section id=\"e1-classes\">",
                       "<section id=\"e1-confusion\">", "<section id=\"e1-slices\">", "<h4>By sex</h4>", "<h4>By race</h4>",
                       "<h4>By sex × race</h4>", "<section id=\"e1-disparities\">", "<section id=\"e1-plots\">",
                       "<section id=\"e1-notes\">", "<footer id=\"provenance\">", "</html>"]
        var position = html.startIndex
        for marker in markers {
            let found = html.range(of: marker, range: position..<html.endIndex)
            #expect(found != nil, "\(marker) missing or out of order")
            if let found { position = found.upperBound }
        }
    }

    @Test func wellFormedWithAccessibleBasics() throws {
        let html = render(try quickstart(), plots: [try Self.plot()])
        let document = try XMLDocument(data: Data(html.utf8), options: [])
        let root = try #require(document.rootElement())
        #expect(root.attribute(forName: "lang")?.stringValue == "en")
        // Heading levels never skip one going down.
        let headings = try root.nodes(forXPath: "//*[self::h1 or self::h2 or self::h3 or self::h4]").compactMap(\.name)
        #expect(headings.first == "h1" && headings.filter { $0 == "h1" }.count == 1)
        var level = 0
        for name in headings {
            let next = Int(name.dropFirst())!
            #expect(next <= level + 1, "\(name) after h\(level)")
            level = next
        }
        // Every header cell has a scope; every image has alt text and a display size.
        for th in try root.nodes(forXPath: "//th") {
            let scope = (th as? XMLElement)?.attribute(forName: "scope")?.stringValue
            #expect(scope == "col" || scope == "row", "\(th.xmlString)")
        }
        let images = try root.nodes(forXPath: "//img").compactMap { $0 as? XMLElement }
        #expect(images.count == 1)
        for image in images {
            #expect(image.attribute(forName: "alt")?.stringValue == "Precision-recall curve")
            #expect(image.attribute(forName: "width")?.stringValue == "2")
            #expect(image.attribute(forName: "height")?.stringValue == "1")
        }
        #expect(try root.nodes(forXPath: "//script").isEmpty)
    }

    /// No URL that would leave the file: no http(s) source, link or CSS url(), no @import, no
    /// script file, no web font.
    @Test func selfContained() throws {
        for html in [render(try quickstart(), plots: [try Self.plot()]),
                     render(Self.result([Self.evaluation(slices: 50)]), plots: [try Self.plot()])] {
            for pattern in [#"src\s*=\s*["']?\s*(https?:|//)"#, #"href\s*=\s*["']?\s*(https?:|//)"#, #"url\s*\("#,
                            "@import", "<script", "@font-face", "<link", "<iframe", "<object", "<embed"] {
                let regex = try NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
                let matches = regex.numberOfMatches(in: html, range: NSRange(html.startIndex..., in: html))
                #expect(matches == 0, "found \(pattern)")
            }
            #expect(html.contains("font:1rem/1.5 system-ui"))
        }
    }

    @Test func plotsAreInlinedAtDisplaySize() throws {
        let plot = try Self.plot(title: "ROC <curve> & \"friends\"")
        let html = render(Self.result([Self.evaluation(slices: 3), Self.evaluation(name: "second", slices: 3)]),
                          plots: [plot, try Self.plot(evaluation: 1, title: "second plot")])
        let expected = "<img src=\"data:image/png;base64,\(plot.png.base64EncodedString())\" width=\"2\" height=\"1\" "
            + "alt=\"ROC &lt;curve&gt; &amp; &quot;friends&quot;\"/>"
        #expect(html.contains(expected))
        // Each plot in its own evaluation's section.
        let first = try #require(html.range(of: "<section id=\"e1-plots\">"))
        let second = try #require(html.range(of: "<section id=\"e2-plots\">"))
        #expect(html.range(of: "alt=\"second plot\"")!.lowerBound > second.lowerBound)
        #expect(html.range(of: "alt=\"ROC")!.lowerBound > first.lowerBound)
        #expect(html.range(of: "alt=\"ROC")!.lowerBound < second.lowerBound)
    }

    // MARK: - Content rules

    @Test func everyDataStringIsEscaped() throws {
        let evil = "<script>alert(1)</script> & co"
        var evaluation = Self.evaluation(name: evil, slices: 3, label: evil, sliceValue: { $0 == 0 ? evil : "g\($0)" }, note: evil)
        evaluation.datasetName = evil
        evaluation.files[0].path = evil
        let gates = [Self.gate(evil, passed: false, slice: ["group": evil], message: evil, evaluation: evil)]
        let html = render(Self.result([evaluation], gates: gates, name: evil), plots: [try Self.plot(title: evil)])
        #expect(!html.contains("<script"), "an unescaped tag")
        #expect(!html.contains("& co"), "an unescaped ampersand")
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"))
        #expect(html.components(separatedBy: "&lt;script&gt;").count >= 10, "escaped everywhere it appears")
        #expect(try XMLDocument(data: Data(html.utf8), options: []).rootElement() != nil)
        #expect(HTMLEscaping.escape("a\"b'c\u{1B}[31m") == "a&quot;b&#39;c\u{FFFD}[31m")
        #expect(HTMLEscaping.escape("plain text, é") == "plain text, é")
    }

    @Test func suppressedSlicesShowTheirCountOnly() throws {
        var evaluation = Self.evaluation(slices: 10)
        // Values that must never appear, even if a result carried them for a suppressed slice.
        evaluation.slices[9].metrics = Self.metrics([("accuracy", 0.123456), ("f1", 0.654321), ("fpr", 0.777777), ("roc_auc", 0.999111)])
        evaluation.slices[9].intervals = ["f1": Interval(lower: 0.111222, upper: 0.333444)]
        let html = render(Self.result([evaluation]))
        let suppressed = try #require(row(containing: "<th scope=\"row\">g9</th>", in: html))
        #expect(suppressed == "<tr class=\"s\"><th scope=\"row\">g9</th><td>12</td><td colspan=\"4\">suppressed (n &lt; 30)</td></tr>")
        for value in ["0.1235", "0.6543", "0.7778", "0.9991", "0.1112", "0.3334"] {
            #expect(!html.contains(value), "suppressed value \(value) shown")
        }
        // Suppressed slices come last.
        let body = try #require(html.range(of: "<h4>By group</h4>"))
        let rows = html[body.upperBound...].components(separatedBy: "</tr>").prefix(11)
        #expect(rows[10].contains("class=\"s\""))
    }

    @Test func uncheckedGateIsNotShownAsPassed() throws {
        let gates = [Self.gate("f1 >= 0.6"), Self.gate("recall >= 0.4 in every slice of group", checked: false, observed: nil,
                                                         message: "every slice of group is suppressed; passes by when_undefined")]
        let html = render(Self.result([Self.evaluation(slices: 3)], gates: gates))
        let unchecked = try #require(row(containing: "recall &gt;= 0.4", in: html))
        #expect(unchecked.contains("<span class=\"nc\">not checked</span>"))
        #expect(!unchecked.contains("passed"))
        #expect(unchecked.contains("<span class=\"u\">undefined</span>"))
        #expect(html.contains("<strong>PASSED</strong></p><p>2 of 2 gates passed, 1 of them not checked.</p>"))
        let checked = try #require(row(containing: "f1 &gt;= 0.6", in: html))
        #expect(checked.contains("<span class=\"ok\">passed</span>"))
    }

    @Test func failedAndGatelessBanners() throws {
        let failed = render(Self.result([Self.evaluation(slices: 3)], gates: [
            Self.gate("f1 >= 0.9", passed: false, message: "f1 = 0.8, required f1 >= 0.9"),
            Self.gate("fpr <= 0.1 in group=g1", passed: true, slice: ["group": "g1"])]))
        #expect(failed.contains("<div class=\"v fail\" role=\"status\"><p><strong>FAILED</strong></p>"
                                + "<p>1 of 2 gates failed: <code>f1 &gt;= 0.9</code>.</p></div>"))
        #expect(failed.contains("<span class=\"no\">FAILED</span>"))
        #expect(failed.contains("<td>group=g1</td>"))
        #expect(failed.contains("<title>evalkit: toy scheme (FAILED)</title>"))
        let none = render(Self.result([Self.evaluation(slices: 3)]))
        #expect(none.contains("<div class=\"v none\" role=\"status\"><p><strong>NO GATES</strong></p>"))
        #expect(!none.contains("id=\"gates\""))
    }

    @Test func undefinedValuesReadUndefinedWithTheirReason() throws {
        var evaluation = Self.evaluation(slices: 3)
        evaluation.computed.metrics.set("precision", .nan, undefinedReason: "no predicted positives (0/0)")
        evaluation.slices[1].metrics.set("f1", .nan, undefinedReason: "no positives in this slice")
        evaluation.disparities[0].ratio = .nan
        let html = render(Self.result([evaluation]))
        #expect(html.contains("<div><dt>precision</dt><dd><span class=\"u\">undefined</span><small>no predicted positives (0/0)</small></dd></div>"))
        let slice = try #require(row(containing: "<th scope=\"row\">g1</th>", in: html))
        #expect(slice.contains("<td><span class=\"u\">undefined</span><sup>1</sup></td>"))
        #expect(html.contains("<li>undefined: no positives in this slice</li>"))
        let disparities = String(html[try #require(html.range(of: "<h4>Across group</h4>")).upperBound...])
        let disparity = try #require(row(containing: "<th scope=\"row\">f1</th>", in: disparities))
        #expect(disparity.contains("<td><span class=\"u\">undefined</span><sup>1</sup></td>"))
        #expect(html.range(of: #"\b(nan|NaN)\b|>—<"#, options: .regularExpression) == nil, "no NaN and no dash for a value")
    }

    /// Worst first by the first reported metric with a direction: lowest first when higher is
    /// better, highest first when lower is better; undefined, then suppressed, last.
    @Test func slicesAreSortedWorstFirst() throws {
        func order(_ evaluation: EvaluationResult) -> [String] {
            let html = render(Self.result([evaluation]))
            let table = html[html.range(of: "<h4>By group</h4>")!.upperBound...]
            let regex = try! NSRegularExpression(pattern: #"<th scope="row">([^<]*)</th>"#)
            let text = String(table[..<table.range(of: "</table>")!.lowerBound])
            return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
                String(text[Range($0.range(at: 1), in: text)!])
            }
        }
        var evaluation = Self.evaluation(slices: 5)
        let values: [(Double, Double)] = [(0.7, 0.1), (0.6, 0.3), (0.9, 0.2), (.nan, 0.0), (0.1, 0.9)]  // (accuracy, fpr); g4 suppressed
        for (i, (accuracy, fpr)) in values.enumerated() where i != 4 {
            evaluation.slices[i].metrics.set("accuracy", accuracy, undefinedReason: "none")
            evaluation.slices[i].metrics.set("fpr", fpr)
        }
        evaluation.slices[4].suppressed = true
        #expect(order(evaluation) == ["g1", "g0", "g2", "g3", "g4"])
        // With fpr reported first (lower is better): highest first.
        var metrics = MetricValues()
        metrics.set("fpr", 0.05)
        metrics.set("accuracy", 0.9)
        evaluation.computed.metrics = metrics
        #expect(order(evaluation) == ["g1", "g2", "g0", "g3", "g4"])
        #expect(render(Self.result([evaluation])).contains("sorted by <code>fpr</code>, highest first (lower is better)"))
    }

    @Test func provenanceFooter() throws {
        let html = render(try quickstart())
        let footer = String(html[try #require(html.range(of: "<footer id=\"provenance\">")).lowerBound...])
        let result = try quickstart()
        #expect(footer.contains(result.schemeSHA256))
        #expect(footer.contains("0123456789abcdef0123456789abcdef01234567"))
        #expect(footer.contains("<time datetime=\"2026-11-18T11:06:40Z\">2026-11-18T11:06:40Z</time>"))
        #expect(footer.contains("<td>0.1.0</td>"))
        for file in result.evaluations[0].files { #expect(footer.contains(file.sha256)) }
        let outside = HTMLReport.render(result, plots: [], provenance: ReportProvenance(time: Self.provenance.time, gitCommit: nil))
        #expect(outside.contains("none (the scheme is not in a git repository)"))
    }

    // MARK: - Size and golden file

    /// 1,000 slices with intervals on four metrics, a suppressed tenth: far below 3 MB. Prints the
    /// size and the render time (a figure for docs/reports.md, not a timed test).
    @Test func thousandSlicesStayWithinTheSizeBudget() throws {
        let result = Self.result([Self.evaluation(slices: 1000)], gates: [Self.gate("f1 >= 0.6")])
        func threadSeconds() -> Double {
            var time = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
            return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
        }
        var html = ""
        var wall: [Double] = []
        var cpu: [Double] = []
        for _ in 0..<5 {
            let (start, startCPU) = (Date(), threadSeconds())
            html = render(result)
            cpu.append(threadSeconds() - startCPU)
            wall.append(Date().timeIntervalSince(start))
        }
        let bytes = html.utf8.count
        #expect(bytes < 3_000_000, "\(bytes) bytes")
        #expect(html.components(separatedBy: "<tr").count - 1 >= 1000)
        print("HTMLReport: 1,000 slices: \(bytes) bytes, rendered in \(String(format: "%.1f", wall.min()! * 1000)) ms wall, "
              + "\(String(format: "%.1f", cpu.min()! * 1000)) ms thread CPU time (fastest of 5)")
    }

    @Test func quickstartGolden() throws {
        let html = render(try quickstart())
        try GoldenFiles.check(html, against: "quickstart.report.html")
        #expect(html == render(try quickstart()), "deterministic")
    }
}
