import EvalKitData
import Foundation
import Testing
@testable import EvalKitMetrics

/// One case of `Tests/Fixtures/events/activitynet/fixtures.json` (make_fixtures.py: ActivityNet's
/// `compute_average_precision_detection` transcribed, duration sums in exact arithmetic).
struct ActivityNetCase: Sendable, CustomTestStringConvertible {
    var name: String
    var node: JSONNode
    var testDescription: String { name }

    var classes: Int { node["classes"]!.arrayItems!.count }
    var parameters: TemporalIoUParameters {
        TemporalIoUParameters(thresholds: node["thresholds"]!.arrayItems!.map { $0.numberValue! },
                              durationMinimumScore: node["duration_minimum_score"]!.numberValue ?? -.infinity)
    }

    /// (name, reference, predictions) per video, in the file's order.
    var videos: [(name: String, reference: [TimedEvent], predictions: [ScoredEvent])] {
        node["videos"]!.arrayItems!.map { v in
            let reference = v["reference"]!.arrayItems!.map { e in
                let x = e.arrayItems!
                return TimedEvent(onset: x[0].numberValue!, offset: x[1].numberValue!, label: Int32(x[2].numberValue!))
            }
            let predictions = v["predictions"]!.arrayItems!.map { e in
                let x = e.arrayItems!
                return ScoredEvent(onset: x[0].numberValue!, offset: x[1].numberValue!, label: Int32(x[2].numberValue!),
                                   score: x[3].numberValue!)
            }
            return (v["name"]!.stringValue!, reference, predictions)
        }
    }

    func statistics() -> [IntervalVideoStatistics] {
        videos.map {
            IntervalMetrics.statistics(video: $0.name, reference: $0.reference, predictions: $0.predictions,
                                       classes: classes, parameters: parameters)
        }
    }
}

enum ActivityNetFixtures {
    static let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/events/activitynet/fixtures.json")

    /// Parsed with evalkit's own JSON parser, which reads every double exactly.
    static let root: JSONNode? = {
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONParser.parse([UInt8](data), file: url.path)
    }()

    static var cases: [ActivityNetCase] {
        (root?["cases"]?.arrayItems ?? []).map { ActivityNetCase(name: $0["name"]!.stringValue!, node: $0) }
    }
}

/// The interval metrics against ActivityNet's evaluation (AP per class and threshold, mAP,
/// average mAP) and exact duration sums, to 1e-12.
@Suite struct TemporalIoUFixtureTests {
    static let tolerance = 1e-12

    @Test func fixtureFileLoads() {
        #expect(ActivityNetFixtures.root?["upstream"]?["licence"]?.stringValue == "MIT")
        #expect(ActivityNetFixtures.cases.count >= 12)
    }

    /// `TemporalIoUParameters.activityNet` is numpy's `linspace(0.5, 0.95, 10)` bit for bit.
    @Test func defaultThresholdsAreNumpys() {
        let numpy = ActivityNetFixtures.root!["default_thresholds"]!.arrayItems!.map { $0.numberValue! }
        #expect(TemporalIoUParameters.activityNet.map(\.bitPattern) == numpy.map(\.bitPattern))
        #expect(TemporalIoUParameters.activityNet[8] == 0.8999999999999999)
        let thumos = ActivityNetFixtures.cases.first { $0.name == "custom_thresholds_thumos" }!.parameters.thresholds
        #expect(TemporalIoUParameters.linspace(0.1, 0.7, count: 7).map(\.bitPattern) == thumos.map(\.bitPattern))
    }

    func close(_ ours: Double, _ theirs: JSONNode?, _ what: String, _ fixture: ActivityNetCase,
               sourceLocation: SourceLocation = #_sourceLocation) {
        guard let theirs, let value = theirs.numberValue else {
            #expect(ours.isNaN, "\(fixture.name) \(what): evalkit \(ours), expected undefined", sourceLocation: sourceLocation)
            return
        }
        #expect(abs(ours - value) <= Self.tolerance, "\(fixture.name) \(what): evalkit \(ours), expected \(value)",
                sourceLocation: sourceLocation)
    }

    @Test(arguments: ActivityNetFixtures.cases)
    func agreesWithActivityNet(_ fixture: ActivityNetCase) throws {
        try fixture.parameters.validate()
        let expected = fixture.node["expected"]!
        let result = IntervalMetrics.compute(fixture.statistics().map { ($0, 1) }, classes: fixture.classes,
                                             parameters: fixture.parameters)
        let T = fixture.parameters.thresholds.count
        let apRows = expected["ap"]!.arrayItems!
        for k in 0..<fixture.classes {
            let ours = result.classes[k]
            if apRows[k].isNull {
                #expect(ours.averagePrecision.allSatisfy { $0.isNaN } && ours.averagePrecisionUndefined != nil,
                        "\(fixture.name) class \(k): AP should be undefined")
                #expect(ours.meanAveragePrecisionOverThresholds.isNaN)
            } else {
                let row = apRows[k].arrayItems!
                for t in 0..<T { close(ours.averagePrecision[t], row[t], "AP[\(k)][\(t)]", fixture) }
                #expect(ours.averagePrecisionUndefined == nil)
            }
        }
        let mAP = expected["mAP"]!.arrayItems!
        for t in 0..<T { close(result.meanAveragePrecision[t], mAP[t], "mAP[\(t)]", fixture) }
        close(result.averageMeanAveragePrecision, expected["average_mAP"], "average mAP", fixture)
        #expect(result.classesWithoutReference == expected["classes_without_reference"]!.arrayItems!.map { Int($0.numberValue!) })

        let duration = expected["duration"]!
        for k in 0..<fixture.classes {
            close(result.classes[k].durationPrecision, duration["precision"]!.arrayItems![k], "duration precision[\(k)]", fixture)
            close(result.classes[k].durationRecall, duration["recall"]!.arrayItems![k], "duration recall[\(k)]", fixture)
            #expect(result.classes[k].durationPrecision.isNaN == (result.classes[k].durationPrecisionUndefined != nil))
            #expect(result.classes[k].durationRecall.isNaN == (result.classes[k].durationRecallUndefined != nil))
            let seconds = duration["seconds"]!.arrayItems![k].arrayItems!.map { $0.numberValue! }
            let ours = [result.classes[k].overlapSeconds, result.classes[k].systemSeconds, result.classes[k].referenceSeconds]
            for (a, b) in zip(ours, seconds) {
                #expect(abs(a - b) <= 1e-9 * max(1, b), "\(fixture.name) class \(k) seconds: \(ours) vs \(seconds)")
            }
        }
        close(result.durationPrecision, duration["overall_precision"], "duration precision", fixture)
        close(result.durationRecall, duration["overall_recall"], "duration recall", fixture)
        #expect(result.videos == Int64(fixture.videos.count))
    }

    /// With every score distinct, the per-class APs are upstream's operations in upstream's
    /// order, so they agree to the last bit (the means may differ in the last bit: upstream sums
    /// the classes in order of first appearance in its ground truth).
    @Test(arguments: ActivityNetFixtures.cases)
    func averagePrecisionIsBitExact(_ fixture: ActivityNetCase) {
        let result = IntervalMetrics.compute(fixture.statistics().map { ($0, 1) }, classes: fixture.classes,
                                             parameters: fixture.parameters)
        let apRows = fixture.node["expected"]!["ap"]!.arrayItems!
        for k in 0..<fixture.classes where !apRows[k].isNull {
            let theirs = apRows[k].arrayItems!.map { $0.numberValue!.bitPattern }
            #expect(result.classes[k].averagePrecision.map(\.bitPattern) == theirs, "\(fixture.name) class \(k)")
        }
    }

    /// The tie case differs from what numpy's argsort gave upstream on the machine that made the
    /// fixtures, which is why evalkit fixes its own rule.
    @Test func tieCaseDiffersFromUpstreamsArgsort() {
        let fixture = ActivityNetFixtures.cases.first { $0.name == "score_and_iou_ties" }!
        let upstream = fixture.node["expected"]!["upstream_on_this_machine"]!["average_mAP"]!.numberValue!
        let result = IntervalMetrics.compute(fixture.statistics().map { ($0, 1) }, classes: fixture.classes,
                                             parameters: fixture.parameters)
        #expect(abs(result.averageMeanAveragePrecision - 0.6133333333333334) <= 1e-12)
        #expect(abs(result.averageMeanAveragePrecision - upstream) > 0.01)
    }
}
