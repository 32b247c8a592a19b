import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import EvalKit
@testable import EvalKitReports

/// JUnit XML (`evalkit run --junit FILE`): golden files, well-formedness and counts with
/// Foundation's XML parser (always), and validity against Jenkins' `junit-10.xsd` with `xmllint`
/// (when installed: Debian's `libxml2-utils`). Re-record the golden files after an intended change
/// with `EVALKIT_RECORD_GOLDEN=1 swift test --filter JUnitReportTests`, and review the diff.
@Suite struct JUnitReportTests {
    static let root = ReportGoldenTests.root
    static let golden = root + "/Tests/Fixtures/golden/"
    static let schema = root + "/Tests/Fixtures/junit/junit-10.xsd"

    /// The quickstart result, computed once for the report tests (shared with ReportGoldenTests).
    func quickstart() throws -> RunResult { try ReportGoldenTests.quickstartResult.get() }

    func check(_ output: String, against name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try GoldenFiles.check(output, against: name, sourceLocation: sourceLocation)
    }

    // MARK: - Hand-made results

    /// An evaluation with the given name and no computed metrics beyond a count.
    static func evaluation(_ name: String, notes: [String] = []) -> EvaluationResult {
        var computed = ComputedMetrics()
        computed.count = 1000
        return EvaluationResult(
            name: name, task: "classification", datasetName: "toy", manifestPath: "Datasets/toy/dataset.json",
            datasetSHA256: String(repeating: "a", count: 64), predictionsPath: "Datasets/toy/predictions.csv",
            predictionsSHA256: String(repeating: "b", count: 64), files: [], inputs: InputsRead(),
            computed: computed, notes: notes)
    }

    /// A name with every character XML must escape.
    static let awkward = "a<b & \"c\">'d'"

    /// Two evaluations: one with a failing gate on a slice, a failing gate on an undefined metric,
    /// a passing gate with a message, and a gate whose name needs escaping; one with no gates.
    static func failing() -> RunResult {
        let gates = [
            GateResult(gate: "f1 >= 0.6", evaluation: awkward, metric: "f1", passed: true,
                       observed: 0.6537578886976477, limit: 0.6, slice: nil, message: ""),
            GateResult(gate: "fpr <= 0.1 in race=African-American", evaluation: awkward, metric: "fpr", passed: false,
                       observed: 0.32, limit: 0.1, slice: ["race": "African-American", "sex": "Female"],
                       message: "fpr = 0.32, required fpr <= 0.1"),
            GateResult(gate: "roc_auc >= 0.85", evaluation: awkward, metric: "roc_auc", passed: false,
                       observed: nil, limit: 0.85, slice: nil,
                       message: "roc_auc is undefined (only one class in the truth), so the gate cannot hold"),
            GateResult(gate: "recall >= 1e-05", evaluation: awkward, metric: "recall", passed: false,
                       observed: .nan, limit: 1e-05, slice: nil, message: ""),
            GateResult(gate: "fpr max-min <= 0.1 across sex (significant)", evaluation: awkward, metric: "fpr",
                       passed: true, observed: 0.12, limit: 0.1, slice: nil,
                       message: "the disparity breaches the limit but its interval includes the limit: not significant"),
            GateResult(gate: "metric <&\"> 'x' <= 1", evaluation: awkward, metric: "m<&\">", passed: false,
                       observed: .infinity, limit: 1, slice: ["group": "<&\">\t'"],
                       message: "line one\nline two\r\u{1}\u{1B}[31m & <b>\"quoted\"</b>"),
            GateResult(gate: "f1 drop from baseline <= 0.01", evaluation: awkward, metric: "f1", passed: false,
                       observed: 0.68, limit: 0.01, slice: nil, message: "f1 dropped by 0.03 from the baseline's 0.71",
                       baseline: 0.71, drop: 0.03),
        ]
        return RunResult(
            schemeName: "toy <&\"> scheme", schemePath: "Schemes/toy.json", schemeSHA256: String(repeating: "c", count: 64),
            evaluations: [evaluation(awkward, notes: ["warning: 3 ids <missing> & counted as wrong"]),
                          evaluation("no-gates")],
            gates: gates, baselineReference: "release/results.json")
    }

    // MARK: - Golden files

    @Test func quickstartGolden() throws {
        try check(JUnitReport.render(try quickstart()), against: "quickstart.junit.xml")
    }

    @Test func failingGolden() throws {
        try check(JUnitReport.render(Self.failing()), against: "failing.junit.xml")
    }

    @Test func deterministic() throws {
        let result = try quickstart()
        #expect(JUnitReport.render(result) == JUnitReport.render(result))
        #expect(JUnitReport.render(Self.failing()) == JUnitReport.render(Self.failing()))
    }

    // MARK: - Parsed with Foundation's XMLDocument (always runs)

    func parse(_ text: String) throws -> XMLDocument {
        try XMLDocument(data: Data(text.utf8), options: [])
    }

    func elements(_ node: XMLNode, _ xpath: String) throws -> [XMLElement] {
        try node.nodes(forXPath: xpath).compactMap { $0 as? XMLElement }
    }

    func attribute(_ element: XMLElement, _ name: String) -> String? {
        element.attribute(forName: name)?.stringValue
    }

    @Test func quickstartParsesAndCountsMatchTheGates() throws {
        let result = try quickstart()
        let document = try parse(JUnitReport.render(result))
        let root = try #require(document.rootElement())
        #expect(root.name == "testsuites")
        #expect(attribute(root, "name") == "evalkit: \(result.schemeName)")
        #expect(attribute(root, "tests") == String(result.gates.count))
        #expect(attribute(root, "failures") == "0")
        #expect(attribute(root, "errors") == "0")
        #expect(attribute(root, "time") == "0")

        let suites = try elements(root, "testsuite")
        #expect(suites.count == result.evaluations.count)
        let suite = try #require(suites.first)
        let evaluation = result.evaluations[0]
        #expect(attribute(suite, "name") == evaluation.name)
        #expect(attribute(suite, "tests") == String(result.gates.count))
        #expect(attribute(suite, "failures") == "0")
        #expect(attribute(suite, "skipped") == "0")

        let cases = try elements(suite, "testcase")
        #expect(cases.map { attribute($0, "name") } == result.gates.map(\.gate))
        #expect(cases.allSatisfy { attribute($0, "classname") == "evalkit.\(evaluation.name)" })
        #expect(try elements(root, "//failure").isEmpty)

        var properties: [String: String] = [:]
        for property in try elements(suite, "properties/property") {
            properties[attribute(property, "name") ?? ""] = attribute(property, "value")
        }
        #expect(properties["dataset.sha256"] == evaluation.datasetSHA256)
        #expect(properties["predictions.sha256"] == evaluation.predictionsSHA256)
        #expect(properties["scheme.sha256"] == result.schemeSHA256)
        #expect(properties["evalkit.version"] == result.version)
    }

    @Test func failuresCarryObservedLimitSliceAndMessage() throws {
        let result = Self.failing()
        let document = try parse(JUnitReport.render(result))
        let root = try #require(document.rootElement())
        let failed = result.gates.filter { !$0.passed }
        #expect(attribute(root, "name") == "evalkit: toy <&\"> scheme")
        #expect(attribute(root, "tests") == String(result.gates.count + 1))
        #expect(attribute(root, "failures") == String(failed.count))

        let suites = try elements(root, "testsuite")
        #expect(suites.map { attribute($0, "name") } == [Self.awkward, "no-gates"])
        #expect(attribute(suites[0], "tests") == String(result.gates.count))
        #expect(attribute(suites[0], "failures") == String(failed.count))

        let cases = try elements(suites[0], "testcase")
        #expect(cases.map { attribute($0, "name") } == result.gates.map(\.gate), "names survive escaping")
        #expect(cases.allSatisfy { attribute($0, "classname") == "evalkit.\(Self.awkward)" })

        let failures = try elements(suites[0], "testcase/failure")
        #expect(failures.count == failed.count)
        #expect(failures.allSatisfy { attribute($0, "type") == "GateFailed" })

        let slice = failures[0]
        #expect(attribute(slice, "message")
                == "fpr <= 0.1 in race=African-American: observed 0.32, limit 0.1, slice race=African-American, sex=Female: "
                + "fpr = 0.32, required fpr <= 0.1")
        #expect(slice.stringValue == """
            gate: fpr <= 0.1 in race=African-American
            evaluation: \(Self.awkward)
            metric: fpr
            observed: 0.32
            limit: 0.1
            slice: race=African-American, sex=Female
            message: fpr = 0.32, required fpr <= 0.1
            """)
        #expect(attribute(failures[1], "message")?.contains("observed undefined, limit 0.85, slice overall: roc_auc is undefined") == true)
        #expect(attribute(failures[2], "message") == "recall >= 1e-05: observed undefined, limit 1e-05, slice overall")

        // Every special character survives as itself, in attributes (tab and line feed included)
        // and in text; the control characters XML cannot carry become U+FFFD.
        let awkward = failures[3]
        #expect(attribute(awkward, "message")
                == "metric <&\"> 'x' <= 1: observed inf, limit 1, slice group=<&\">\t': "
                + "line one\nline two\r\u{FFFD}\u{FFFD}[31m & <b>\"quoted\"</b>")
        #expect(awkward.stringValue?.contains("metric: m<&\">\nobserved: inf\n") == true)
        #expect(awkward.stringValue?.hasSuffix("message: line one\nline two\r\u{FFFD}\u{FFFD}[31m & <b>\"quoted\"</b>") == true)

        // A change gate: the baseline's value and the drop, and the baseline among the properties.
        #expect(attribute(failures[4], "message") == "f1 drop from baseline <= 0.01: observed 0.68, limit 0.01, "
                + "baseline 0.71, drop 0.03, slice overall: f1 dropped by 0.03 from the baseline's 0.71")
        #expect(failures[4].stringValue?.contains("limit: 0.01\nbaseline: 0.71\ndrop: 0.03\nslice: overall\n") == true)
        let baseline = try elements(suites[0], "properties/property[@name='baseline']")
        #expect(baseline.first.flatMap { attribute($0, "value") } == "release/results.json")

        // A passing gate with a message says it in system-out; one without has no children.
        #expect(try elements(cases[0], "*").isEmpty)
        let out = try elements(cases[4], "system-out")
        #expect(out.first?.stringValue == result.gates[4].message)
        #expect(try elements(suites[0], "system-out").first?.stringValue == "warning: 3 ids <missing> & counted as wrong")

        // An evaluation without gates: one passing test case, so the suite is not empty.
        #expect(attribute(suites[1], "tests") == "1")
        #expect(attribute(suites[1], "failures") == "0")
        let completed = try elements(suites[1], "testcase")
        #expect(completed.map { attribute($0, "name") } == ["evaluation completed"])
        #expect(try elements(suites[1], "testcase/*").isEmpty)
    }

    @Test func gatesOfAnUnknownEvaluationAreNotDropped() throws {
        var result = Self.failing()
        result.gates.append(GateResult(gate: "f1 >= 0.5", evaluation: "elsewhere", metric: "f1", passed: false,
                                       observed: 0.4, limit: 0.5, slice: nil, message: ""))
        let document = try parse(JUnitReport.render(result))
        let suites = try elements(try #require(document.rootElement()), "testsuite")
        #expect(suites.map { attribute($0, "name") } == [Self.awkward, "no-gates", "elsewhere"])
        #expect(attribute(suites[2], "failures") == "1")
    }

    @Test func escaping() {
        #expect(JUnitReport.escape("a<b>&\"c\"'d'", inAttribute: false) == "a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;")
        #expect(JUnitReport.escape("x\ty\nz\r", inAttribute: true) == "x&#9;y&#10;z&#13;")
        #expect(JUnitReport.escape("x\ty\nz\r", inAttribute: false) == "x\ty\nz&#13;")
        #expect(JUnitReport.escape("\u{0}\u{8}\u{B}\u{C}\u{1F}\u{FFFE}\u{FFFF}", inAttribute: false)
                == String(repeating: "\u{FFFD}", count: 7))
        #expect(JUnitReport.escape("é ✓ 😀 \u{7F}\u{85}", inAttribute: true) == "é ✓ 😀 \u{7F}\u{85}")
    }

    @Test func numbersAsInResultsJSON() {
        #expect(JUnitReport.number(0.1) == "0.1")
        #expect(JUnitReport.number(0.6537578886976477) == "0.6537578886976477")
        #expect(JUnitReport.number(1e-05) == "1e-05")
        #expect(JUnitReport.number(3) == "3")
        #expect(JUnitReport.number(.nan) == "undefined")
        #expect(JUnitReport.number(nil) == "undefined")
        #expect(JUnitReport.number(-.infinity) == "-inf")
    }

    @Test func timeHasAtMostThreeDecimals() throws {
        #expect(JUnitReport.time(nil) == "0")
        #expect(JUnitReport.time(0) == "0")
        #expect(JUnitReport.time(.nan) == "0")
        #expect(JUnitReport.time(0.0004) == "0")
        #expect(JUnitReport.time(1.5) == "1.5")
        #expect(JUnitReport.time(12.3456) == "12.346")
        #expect(JUnitReport.time(0.05) == "0.05")
        #expect(JUnitReport.time(123456.9999) == "123457")
        let document = try parse(JUnitReport.render(Self.failing(), duration: 2.25))
        #expect(attribute(try #require(document.rootElement()), "time") == "2.25")
    }

    // MARK: - Valid against junit-10.xsd (xmllint)

    /// `xmllint` on the PATH, if any.
    static let xmllint: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/xmllint"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    /// Validates `text` against the schema; returns xmllint's exit status and its diagnostics.
    func validate(_ text: String) throws -> (status: Int32, output: String) {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("evalkit-junit-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("report.xml")
        try Data(text.utf8).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.xmllint))
        process.arguments = ["--noout", "--nonet", "--schema", Self.schema, file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    @Test(.enabled(if: JUnitReportTests.xmllint != nil,
                   "xmllint not found: install Debian's libxml2-utils to validate against junit-10.xsd"))
    func validAgainstJenkinsSchema() throws {
        for (name, text) in [("quickstart", JUnitReport.render(try quickstart())),
                             ("failing", JUnitReport.render(Self.failing(), duration: 75.125))] {
            let (status, output) = try validate(text)
            #expect(status == 0, "\(name): not valid against junit-10.xsd: \(output)")
        }
    }

    @Test(.enabled(if: JUnitReportTests.xmllint != nil,
                   "xmllint not found: install Debian's libxml2-utils to validate against junit-10.xsd"))
    func schemaRejectsInvalidJUnit() throws {
        // A testsuite without the required `tests` attribute and a time with an exponent: proves
        // the validation really applies the schema.
        let invalid = """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuites time="1e-05"><testsuite name="x" failures="0" errors="0"><testcase name="y"/></testsuite></testsuites>
            """
        let (status, output) = try validate(invalid)
        #expect(status != 0, "xmllint accepted an invalid document: \(output)")
    }
}
