import Foundation
import Testing
@testable import EvalKitMetrics

/// One dataset of `Tests/Fixtures/fairlearn/fairness.json` (make_fixtures.py, Fairlearn 0.15.0).
struct FairlearnCase: Sendable, CustomTestStringConvertible {
    var name: String
    var features: [String]
    var minSliceSize: Int
    var truth: [Int]
    var predicted: [Int]
    /// Per row, the value of each feature (in `features` order).
    var rowKeys: [[String]]
    /// Fairlearn's groups in by_group order, with Fairlearn's values (metric → value).
    var groups: [(key: [String], values: [String: Double])]
    var overall: [String: Double]
    var groupMin: [String: Double]
    var groupMax: [String: Double]
    /// method ("between_groups", "to_overall") → metric → value.
    var difference: [String: [String: Double]]
    var ratio: [String: [String: Double]]
    /// function name → method → value; equalized odds: "worst_case/between_groups" etc.
    var functions: [String: Double]
    /// The same between groups after suppressing groups below `minSliceSize`.
    var suppressedMin: [String: Double]
    var suppressedMax: [String: Double]
    var suppressedDifference: [String: Double]
    var suppressedRatio: [String: Double]
    var suppressedFunctions: [String: Double]

    var testDescription: String { name }
}

/// One `value_cases` entry: Fairlearn's aggregations of arbitrary per-group values.
struct FairlearnValueCase: Sendable, CustomTestStringConvertible {
    var note: String
    var values: [Double]
    var overall: Double
    var groupMin: Double
    var groupMax: Double
    var difference: [String: Double]
    var ratio: [String: Double]
    var testDescription: String { note }
}

enum FairnessFixtures {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let fairlearnURL = fixtures.appendingPathComponent("fairlearn/fairness.json")
    static let conformance = fixtures.appendingPathComponent("Conformance")

    static func root() -> [String: Any] {
        guard let data = try? Data(contentsOf: fairlearnURL),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return [:] }
        return object
    }

    static let cases: [FairlearnCase] = (root()["cases"] as? [[String: Any]] ?? []).map(parseCase)
    static let valueCases: [FairlearnValueCase] =
        (root()["value_cases"] as? [[String: Any]] ?? []).map(parseValueCase)

    /// A number as written by make_fixtures.py: null is NaN, "inf"/"-inf" are infinities.
    static func number(_ any: Any?) -> Double {
        if let n = any as? NSNumber { return n.doubleValue }
        switch any as? String {
        case "inf": return .infinity
        case "-inf": return -.infinity
        default: return .nan
        }
    }

    static func numbers(_ any: Any?) -> [String: Double] {
        (any as? [String: Any] ?? [:]).mapValues { number($0) }
    }

    /// Flattens `functions`: "name/method" or "name/agg/method".
    static func flatten(_ any: Any?, prefix: String = "") -> [String: Double] {
        var out: [String: Double] = [:]
        for (key, value) in any as? [String: Any] ?? [:] {
            let name = prefix.isEmpty ? key : prefix + "/" + key
            if let nested = value as? [String: Any] {
                out.merge(flatten(nested, prefix: name)) { a, _ in a }
            } else {
                out[name] = number(value)
            }
        }
        return out
    }

    static func parseCase(_ c: [String: Any]) -> FairlearnCase {
        let features = c["sensitive_features"] as! [String]
        let columns = c["features"] as! [String: [String]]
        let truth = (c["y_true"] as! [NSNumber]).map(\.intValue)
        let e = c["expected"] as! [String: Any]
        let s = c["suppressed"] as! [String: Any]
        let groups = (e["by_group"] as! [[String: Any]]).map {
            (key: $0["key"] as! [String], values: numbers($0["values"]))
        }
        return FairlearnCase(
            name: c["name"] as! String, features: features,
            minSliceSize: (c["min_slice_size"] as! NSNumber).intValue, truth: truth,
            predicted: (c["y_pred"] as! [NSNumber]).map(\.intValue),
            rowKeys: truth.indices.map { i in features.map { columns[$0]![i] } },
            groups: groups, overall: numbers(e["overall"]), groupMin: numbers(e["group_min"]),
            groupMax: numbers(e["group_max"]),
            difference: (e["difference"] as! [String: Any]).mapValues { numbers($0) },
            ratio: (e["ratio"] as! [String: Any]).mapValues { numbers($0) },
            functions: flatten(e["functions"]), suppressedMin: numbers(s["group_min"]),
            suppressedMax: numbers(s["group_max"]), suppressedDifference: numbers(s["difference"]),
            suppressedRatio: numbers(s["ratio"]), suppressedFunctions: flatten(s["functions"]))
    }

    static func parseValueCase(_ c: [String: Any]) -> FairlearnValueCase {
        FairlearnValueCase(
            note: c["note"] as! String, values: (c["values"] as! [Any]).map { number($0) },
            overall: number(c["overall"]), groupMin: number(c["group_min"]), groupMax: number(c["group_max"]),
            difference: numbers(c["difference"]), ratio: numbers(c["ratio"]))
    }

    /// Reads a small CSV without quoting (the conformance files): header and rows of fields.
    static func csv(_ url: URL) throws -> (header: [String], rows: [[String]]) {
        let text = try String(contentsOf: url, encoding: .utf8)
        let lines = text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
        let split = { (line: String) in line.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        return (split(lines[0]), lines.dropFirst().map(split))
    }
}

/// Per-slice binary metrics as evalkit's engine computes them: `ClassificationMetrics` on a
/// state per slice, positive class "1".
struct BinarySliceMetrics {
    var counts: BinaryCounts
    var metrics: MetricValues

    init(truth: [Int], predicted: [Int], zeroDivision: ZeroDivisionPolicy) {
        var state = ClassificationState(classCount: 2)
        for (t, p) in zip(truth, predicted) { state.add(truth: Int32(t), predicted: Int32(p)) }
        let config = ClassificationConfig(labels: ["0", "1"], positive: 1, zeroDivision: zeroDivision)
        metrics = ClassificationMetrics.compute(state, config).metrics
        counts = BinaryCounts(metrics)!
    }
}
