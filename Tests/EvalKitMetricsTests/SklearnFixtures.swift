import Foundation
import Testing
@testable import EvalKitMetrics

/// One case of `Tests/Fixtures/sklearn/classification.json` (written by make_fixtures.py with
/// scikit-learn 1.9.1): inputs and scikit-learn's expected values.
struct FixtureCase: Sendable, CustomTestStringConvertible {
    var name: String
    var kind: String
    var config: ClassificationConfig
    /// Single-target rows: class ids (`-1` = no prediction) and optional scores.
    var truth: [Int32] = []
    var predicted: [Int32] = []
    var scores: [Double]?
    /// Multilabel rows.
    var truthRows: [[Int32]] = []
    var predictedRows: [[Int32]] = []
    var scoreRows: [[Double]] = []
    var expectedMetrics: [String: Double] = [:]
    var expectedPerClass: [String: [String: Double]] = [:]
    var expectedConfusion: [[Double]]?

    var testDescription: String { name }
    var isBinary: Bool { config.positive != nil }
}

enum SklearnFixtures {
    /// Path of the fixture file, relative to this source file.
    static let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/sklearn/classification.json")

    /// All cases (empty if the file cannot be read: `fixtureFileLoads` then fails).
    static let cases: [FixtureCase] = (try? load()) ?? []

    static func load() throws -> [FixtureCase] {
        let data = try Data(contentsOf: url)
        let root = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        return (root["cases"] as! [[String: Any]]).map(parse)
    }

    static func number(_ any: Any?) -> Double {
        (any as? NSNumber)?.doubleValue ?? .nan
    }

    static func numbers(_ any: Any?) -> [String: Double] {
        (any as! [String: Any]).mapValues { number($0) }
    }

    static func parse(_ c: [String: Any]) -> FixtureCase {
        let labels = c["labels"] as! [String]
        let targets = (c["operating_points"] as! [[Any]]).map {
            OperatingPointTarget(OperatingPointTarget.Metric(rawValue: $0[0] as! String)!, number($0[1]))
        }
        let config = ClassificationConfig(
            labels: labels, positive: (c["positive"] as? NSNumber)?.intValue,
            zeroDivision: ZeroDivisionPolicy(rawValue: c["zero_division"] as! String)!,
            beta: number(c["beta"]), operatingPoints: targets)
        var fixture = FixtureCase(name: c["name"] as! String, kind: c["kind"] as! String, config: config)
        let expected = c["expected"] as! [String: Any]
        fixture.expectedMetrics = numbers(expected["metrics"])
        fixture.expectedPerClass = (expected["per_class"] as! [String: Any]).mapValues { numbers($0) }
        fixture.expectedConfusion = (expected["confusion"] as? [[Any]])?.map { $0.map { number($0) } }
        if fixture.kind == "multilabel" {
            fixture.truthRows = (c["y_true"] as! [[Any]]).map { $0.map { Int32(number($0)) } }
            fixture.predictedRows = (c["y_pred"] as! [[Any]]).map { $0.map { $0 is NSNull ? -1 : Int32(number($0)) } }
            fixture.scoreRows = (c["scores"] as! [[Any]]).map { $0.map { number($0) } }
        } else {
            let index = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, Int32($0)) })
            fixture.truth = (c["y_true"] as! [String]).map { index[$0]! }
            fixture.predicted = (c["y_pred"] as! [Any]).map { ($0 as? String).map { index[$0]! } ?? -1 }
            fixture.scores = (c["scores"] as? [Any])?.map { number($0) }
        }
        return fixture
    }
}
