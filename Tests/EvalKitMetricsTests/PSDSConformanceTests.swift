import Foundation
import Testing
import EvalKitData
@testable import EvalKitMetrics

/// psds_eval's own test cases (v0.3.0, `../shared/conformance/psds_eval` or the small cases copied
/// to `Tests/Fixtures/Conformance/psds_eval`) to their stated tolerances: counts exactly, TPR, FPR
/// and cross-trigger rates to rtol 1e-7 (numpy's `assert_allclose`), PSDS and F to rel 1e-6
/// (`pytest.approx`). The cross-trigger diagonal is not compared: psds_eval 0.3.0 wrote 0 there,
/// 0.5.3 and evalkit NaN (undefined).
@Suite struct PSDSConformanceTests {
    /// The case's JSON, and the directory holding its input files; nil (skipped) when absent.
    func conformanceCase(_ id: String, inputs: [String] = []) throws -> (json: JSONNode, directory: String)? {
        let directories = psdsConformanceDirectories()
        guard let first = directories.first else {
            print("skipped: no psds_eval conformance data (Tests/Fixtures/Conformance/psds_eval or ../shared/conformance/psds_eval)")
            return nil
        }
        guard let json = try readJSON(first + "/expected.json")["cases"]!.arrayItems!.first(where: { $0["id"]?.stringValue == id }) else {
            Issue.record("no case \(id)")
            return nil
        }
        let paths = inputs.isEmpty ? psdsInputPaths(json) : inputs
        guard let directory = directories.first(where: { d in paths.allSatisfy { FileManager.default.fileExists(atPath: d + "/" + $0) } }) else {
            print("skipped \(id): its input files are only in ../shared/conformance/psds_eval, which is absent")
            return nil
        }
        return (json, directory)
    }

    static func threshold(_ node: JSONNode?, _ fallback: Double) -> Double {
        if let value = node?.numberValue { return value }
        if let text = node?.stringValue, let value = Double(text.split(separator: " ").first ?? "") { return value }
        return fallback
    }

    func parameters(_ json: JSONNode) -> PSDSParameters {
        let p = json["parameters"]!
        let call = p["psds_call"]
        return PSDSParameters(dtc: Self.threshold(p["dtc_threshold"], 0.5), gtc: Self.threshold(p["gtc_threshold"], 0.5),
                              cttc: Self.threshold(p["cttc_threshold"], 0.3), alphaCT: call?["alpha_ct"]?.numberValue ?? 0,
                              alphaST: call?["alpha_st"]?.numberValue ?? 0, maxEFPR: call?["max_efpr"]?.numberValue ?? 100)
    }

    /// Runs a table-based case: the operating points' counts and the PSDS.
    func evaluate(_ json: JSONNode, directory: String) throws -> (counts: [PSDSCounts], result: PSDSResult, classes: [String]) {
        let inputs = json["inputs"]!
        let gt = try PSDSEventTable(path: directory + "/" + inputs["ground_truth"]!.stringValue!)
        let meta = try PSDSEventTable(path: directory + "/" + inputs["metadata"]!.stringValue!)
        let opPaths = inputs["operating_points"]?.arrayItems?.map { $0.stringValue! } ?? [inputs["detections"]!.stringValue!]
        let ops = try opPaths.map { try PSDSEventTable(path: directory + "/" + $0) }
        let classes = gt.labels
        let dataset = PSDSDataset(groundTruth: gt, metadata: meta, classes: classes)
        let parameters = parameters(json)
        let counts = ops.map { dataset.counts($0, parameters: parameters) }
        return (counts, try PSDS.compute(operatingPoints: counts, classes: classes.count, parameters: parameters), classes)
    }

    func expectArrays(_ json: JSONNode, _ counts: PSDSCounts, parameters: PSDSParameters) {
        let arrays = json["expected_arrays"]!
        let expectedCounts = arrays["counts"]!["value"]!.arrayItems!.map { $0.arrayItems!.map { Int64($0.numberValue!) } }
        #expect(counts.matrix == expectedCounts)
        let rates = PSDSRates(counts, parameters: parameters)
        let k = counts.classes
        expectClose(rates.tpr, arrays["tpr"]!["value"]!.arrayItems!.map { $0.numberValue! }, "tpr")
        expectClose(rates.fpr, arrays["fpr"]!["value"]!.arrayItems!.map { $0.numberValue! }, "fpr")
        let ctr = arrays["ctr"]!["value"]!.arrayItems!.map { $0.arrayItems!.map { $0.numberValue! } }
        for i in 0..<k {
            #expect(rates.ctr[i * k + i].isNaN)
            for j in 0..<k where j != i { expectClose([rates.ctr[i * k + j]], [ctr[i][j]], "ctr[\(i)][\(j)]") }
        }
    }

    /// numpy's `assert_allclose` with rtol 1e-7, atol 0 (the published values have 8 digits).
    func expectClose(_ actual: [Double], _ expected: [Double], _ what: String, rtol: Double = 1e-7) {
        #expect(actual.count == expected.count, "\(what): \(actual.count) values, expected \(expected.count)")
        for (a, e) in zip(actual, expected) {
            #expect(abs(a - e) <= rtol * abs(e), "\(what): \(a) vs \(e)")
        }
    }

    func expectedPSDS(_ json: JSONNode) -> Double { json["expected"]!.arrayItems![0]["value"]!.numberValue! }

    func expectApprox(_ value: Double, _ expected: Double, _ what: String) {
        // pytest.approx: relative 1e-6, absolute 1e-12.
        #expect(abs(value - expected) <= max(1e-6 * abs(expected), 1e-12), "\(what): \(value) vs \(expected)")
    }

    @Test(arguments: ["example_1_paper_icassp", "example_2_paper_icassp", "example_3_paper_icassp", "example_4", "files_from_dcase",
                      "full_dcase_validset"])
    func singleOperatingPoint(_ id: String) throws {
        guard let (json, directory) = try conformanceCase(id) else { return }
        let (counts, result, _) = try evaluate(json, directory: directory)
        expectArrays(json, counts[0], parameters: parameters(json))
        expectApprox(result.value, expectedPSDS(json), "\(id) PSDS")
        print("\(id): PSDS \(result.value), psds_eval \(expectedPSDS(json))")
    }

    @Test(arguments: ["two_operating_points_one_with_no_detections", "two_operating_points_second_has_filtered_out_gtc"])
    func twoOperatingPoints(_ id: String) throws {
        guard let (json, directory) = try conformanceCase(id) else { return }
        let (counts, result, _) = try evaluate(json, directory: directory)
        #expect(counts.count == 2)
        expectApprox(result.value, expectedPSDS(json), "\(id) PSDS")
    }

    /// The README example: 10 operating points of the DCASE 2019 baseline, printed as 0.40813.
    @Test func readmeExample() throws {
        guard let (json, directory) = try conformanceCase("readme_example_dcase2019_10_operating_points") else { return }
        let (_, result, _) = try evaluate(json, directory: directory)
        #expect(abs(result.value - 0.40813) <= 5e-6, "PSDS \(result.value), printed 0.40813")
        print("readme example: PSDS \(result.value), printed 0.40813")
        #expect(result.operatingPoints == 10)
    }

    /// Inline single-class cases: a detection on a file without ground truth, and no detections.
    @Test(arguments: ["det_on_file_no_gt", "empty_det"])
    func inlineCases(_ id: String) throws {
        guard let (json, _) = try conformanceCase(id, inputs: ["expected.json"]) else { return }
        let inline = json["inputs_inline"]!
        func events(_ node: JSONNode?) -> [TimedEvent] {
            guard let node, let onsets = node["onset"]?.arrayItems else { return [] }
            let offsets = node["offset"]!.arrayItems!
            return zip(onsets, offsets).map { TimedEvent(onset: $0.numberValue!, offset: $1.numberValue!, label: 0) }
        }
        let duration = inline["metadata"]!["duration"]!.arrayItems![0].numberValue!
        let reference = events(inline["ground_truth"])  // a description string where the table is empty
        let detections = events(inline["detections"])
        let parameters = parameters(json)
        let counts = PSDS.counts(reference: reference, detections: detections, duration: duration, classes: 1, parameters: parameters)
        let arrays = json["expected_arrays"]!
        #expect(counts.matrix == arrays["counts"]!["value"]!.arrayItems!.map { $0.arrayItems!.map { Int64($0.numberValue!) } })
        let rates = PSDSRates(counts, parameters: parameters)
        let tpr = arrays["tpr"]!["value"]!.arrayItems![0].numberValue!
        let fpr = arrays["fpr"]!["value"]!.arrayItems![0].numberValue!
        if reference.isEmpty {
            // No ground truth of the class: psds_eval's np.empty left 0 there by chance; evalkit says undefined.
            #expect(rates.tpr[0].isNaN)
        } else {
            expectClose(rates.tpr, [tpr], "tpr")
        }
        expectClose(rates.fpr, [fpr], "fpr")
        let result = try PSDS.compute(operatingPoints: [counts], classes: 1, parameters: parameters)
        if reference.isEmpty {
            #expect(result.value.isNaN && result.undefinedReason == "no reference events", "psds_eval's 0.0 is 0/no class")
        } else {
            expectApprox(result.value, expectedPSDS(json), "\(id) PSDS")
        }
    }

    /// Macro F over the DCASE validation set with the metadata of two files only (test.metadata).
    @Test func macroFScore() throws {
        guard let (json, directory) = try conformanceCase("macro_f_score_dcase_validset") else { return }
        let inputs = json["inputs"]!
        let gt = try PSDSEventTable(path: directory + "/" + inputs["ground_truth"]!.stringValue!)
        let meta = try PSDSEventTable(path: directory + "/" + inputs["metadata"]!.stringValue!)
        let det = try PSDSEventTable(path: directory + "/" + inputs["detections"]!.stringValue!)
        let dataset = PSDSDataset(groundTruth: gt, metadata: meta, classes: gt.labels)
        let counts = dataset.counts(det, parameters: parameters(json))
        let f = PSDSFScore(counts)
        let expected = json["expected_arrays"]!["per_class_f"]!["value"]!.arrayItems!.map { $0.numberValue! }
        #expect(f.perClass.count == expected.count)
        for (a, e) in zip(f.perClass, expected) { expectApprox(a, e, "F") }
        expectApprox(f.psdsEvalMacro, json["expected"]!.arrayItems![0]["value"]!.numberValue!, "macro F")
        #expect(f.macro == f.psdsEvalMacro, "every class has a true positive here")
    }

    @Test func staircaseArea() throws {
        guard let (json, _) = try conformanceCase("auc_staircase_unit", inputs: ["expected.json"]) else { return }
        for check in json["unit_checks"]!.arrayItems! {
            let x = check["x"]!.arrayItems!.map { $0.numberValue! }
            let y = check["y"]!.arrayItems!.map { $0.numberValue! }
            let maxX = check["kwargs"]!["max_x"]?.numberValue ?? x.max()!
            expectApprox(PSDS.staircaseArea(x: x, y: y, maxX: maxX), check["expected"]!["value"]!.numberValue!, "auc")
        }
    }
}

/// Where psds_eval's conformance data is: the copy in the repository first, then ../shared.
func psdsConformanceDirectories() -> [String] {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return [root.appendingPathComponent("Tests/Fixtures/Conformance/psds_eval").path,
            root.deletingLastPathComponent().appendingPathComponent("shared/conformance/psds_eval").path]
        .filter { FileManager.default.fileExists(atPath: $0 + "/expected.json") }
}

/// Every input file a case names.
func psdsInputPaths(_ json: JSONNode) -> [String] {
    guard let inputs = json["inputs"] else { return [] }
    var paths: [String] = []
    for key in ["ground_truth", "detections", "metadata"] { if let p = inputs[key]?.stringValue { paths.append(p) } }
    paths += inputs["operating_points"]?.arrayItems?.compactMap(\.stringValue) ?? []
    return paths
}

/// A tab-separated table with a header row (psds_eval's files), its columns addressed by name.
struct PSDSEventTable {
    var rows: [[String: String]] = []

    init(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        guard !lines.isEmpty else { return }
        let header = lines.removeFirst().split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        for line in lines {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            var row: [String: String] = [:]
            for (name, value) in zip(header, fields) { row[name] = value }
            rows.append(row)
        }
    }

    /// The sorted labels of the rows with a label and valid times (psds_eval's class names).
    var labels: [String] {
        Array(Set(rows.compactMap { row -> String? in
            guard let label = row["event_label"], !label.isEmpty, Double(row["onset"] ?? "") != nil, Double(row["offset"] ?? "") != nil
            else { return nil }
            return label
        })).sorted()
    }

    /// Events by file; rows without a known label or a number for a time are left out.
    func events(classes: [String]) -> [String: [TimedEvent]] {
        let index = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, Int32($0)) })
        var result: [String: [TimedEvent]] = [:]
        for row in rows {
            guard let file = row["filename"], let label = row["event_label"].flatMap({ index[$0] }),
                  let onset = Double(row["onset"] ?? ""), let offset = Double(row["offset"] ?? "") else { continue }
            result[file, default: []].append(TimedEvent(onset: onset, offset: offset, label: label))
        }
        return result
    }
}

/// Ground truth and metadata as psds_eval's `set_ground_truth` takes them.
struct PSDSDataset {
    var classes: [String]
    var reference: [String: [TimedEvent]]
    var durations: [String: Double] = [:]

    init(groundTruth: PSDSEventTable, metadata: PSDSEventTable, classes: [String]) {
        self.classes = classes
        reference = groundTruth.events(classes: classes)
        for row in metadata.rows {
            guard let file = row["filename"], let duration = Double(row["duration"] ?? ""), durations[file] == nil else { continue }
            durations[file] = duration  // drop_duplicates("filename") keeps the first
        }
    }

    /// One operating point's counts, summed over the files in name order.
    func counts(_ detections: PSDSEventTable, parameters: PSDSParameters) -> PSDSCounts {
        let found = detections.events(classes: classes)
        let files = Set(reference.keys).union(durations.keys).union(found.keys).sorted()
        var total = PSDSCounts(classes: classes.count)
        for file in files {
            total.add(PSDS.counts(reference: reference[file] ?? [], detections: found[file] ?? [], duration: durations[file] ?? 0,
                                  classes: classes.count, parameters: parameters))
        }
        return total
    }
}
