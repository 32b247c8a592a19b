import Foundation
import Testing
import EvalKitData
@testable import EvalKitMetrics

/// One case of `Tests/Fixtures/events/psds/psds_eval.json` (make_psds_fixtures.py, psds_eval
/// 0.5.3): videos with reference events and scored detections, and what psds_eval computes when
/// every distinct score is an operating point.
struct PSDSFixtureCase: Sendable, CustomTestStringConvertible {
    var name: String
    var node: JSONNode
    var testDescription: String { name }

    var classes: Int { node["classes"]!.arrayItems!.count }

    struct Video {
        var name: String
        var duration: Double
        var reference: [TimedEvent]
        var detections: [ScoredEvent]
    }

    var videos: [Video] {
        node["videos"]!.arrayItems!.map { v in
            Video(name: v["name"]!.stringValue!, duration: v["duration"]!.numberValue ?? 0,
                  reference: v["reference"]!.arrayItems!.map {
                      let e = $0.arrayItems!
                      return TimedEvent(onset: e[0].numberValue!, offset: e[1].numberValue!, label: Int32(e[2].numberValue!))
                  },
                  detections: v["detections"]!.arrayItems!.map {
                      let e = $0.arrayItems!
                      return ScoredEvent(onset: e[0].numberValue!, offset: e[1].numberValue!, label: Int32(e[2].numberValue!),
                                         score: e[3].numberValue!)
                  })
        }
    }

    func parameters(alphaCT: Double = 0, alphaST: Double = 0, maxEFPR: Double = 100) -> PSDSParameters {
        let p = node["params"]!
        return PSDSParameters(dtc: p["dtc"]!.numberValue!, gtc: p["gtc"]!.numberValue!, cttc: p["cttc"]!.numberValue!,
                              alphaCT: alphaCT, alphaST: alphaST, maxEFPR: maxEFPR,
                              secondsPerUnit: p["duration_unit"]!.stringValue! == "minute" ? 60 : 3600)
    }

    var expected: JSONNode { node["expected"]! }
    var thresholds: [Double] { expected["thresholds"]!.arrayItems!.map { $0.numberValue! } }
}

enum PSDSFixtures {
    static let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/events/psds/psds_eval.json")

    static let root: JSONNode? = {
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONParser.parse([UInt8](data), file: url.path)
    }()

    static var cases: [PSDSFixtureCase] {
        (root?["cases"]?.arrayItems ?? []).map { PSDSFixtureCase(name: $0["name"]!.stringValue!, node: $0) }
    }
}

/// Both ways in against psds_eval 0.5.3 on the generated cases: the counts of every operating
/// point exactly, the rates to 1e-12 (relative), PSDS and the PSD-ROC to 1e-12; and the scored
/// sweep equal to the operating points bit for bit.
@Suite struct PSDSFixtureTests {
    @Test func fixturesPresent() {
        #expect(PSDSFixtures.cases.count >= 10, "Tests/Fixtures/events/psds/psds_eval.json missing or unreadable")
    }

    /// Operating-point counts, one table per threshold, summed over the videos in order.
    func operatingPoints(_ c: PSDSFixtureCase, parameters: PSDSParameters) -> [PSDSCounts] {
        let videos = c.videos
        return c.thresholds.map { t in
            var total = PSDSCounts(classes: c.classes)
            for v in videos {
                total.add(PSDS.counts(reference: v.reference, detections: v.detections.filter { $0.score >= t }.map(\.event),
                                      duration: v.duration, classes: c.classes, parameters: parameters))
            }
            return total
        }
    }

    func statistics(_ c: PSDSFixtureCase, parameters: PSDSParameters) -> [(statistics: PSDSVideoStatistics, weight: Int64)] {
        c.videos.map {
            (PSDS.statistics(reference: $0.reference, detections: $0.detections, duration: $0.duration, classes: c.classes,
                             parameters: parameters), 1)
        }
    }

    static func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
        if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
        return abs(a - b) <= tolerance * max(1, abs(b))
    }

    @Test(arguments: PSDSFixtures.cases)
    func countsAndRates(_ c: PSDSFixtureCase) {
        let parameters = c.parameters()
        let ops = operatingPoints(c, parameters: parameters)
        let k = c.classes
        var previous: PSDSCounts?
        for (i, op) in c.expected["operating_points"]!.arrayItems!.enumerated() {
            if op["skipped"]?.boolValue == true {
                #expect(ops[i] == previous, "\(c.name): threshold \(c.thresholds[i]) repeats the table above it")
                continue
            }
            let matrix = op["counts"]!.arrayItems!.map { $0.arrayItems!.map { Int64($0.numberValue!) } }
            #expect(ops[i].matrix == matrix, "\(c.name): counts at threshold \(c.thresholds[i])")
            let rates = PSDSRates(ops[i], parameters: parameters)
            let tpr = op["tpr"]!.arrayItems!.map { $0.numberValue ?? .nan }
            let fpr = op["fpr"]!.arrayItems!.map { $0.numberValue ?? .nan }
            let ctr = op["ctr"]!.arrayItems!.map { $0.arrayItems!.map { $0.numberValue ?? .nan } }
            for a in 0..<k {
                #expect(Self.close(rates.tpr[a], tpr[a]) && Self.close(rates.fpr[a], fpr[a]),
                        "\(c.name) at \(c.thresholds[i]): class \(a) tpr \(rates.tpr[a]) vs \(tpr[a]), fpr \(rates.fpr[a]) vs \(fpr[a])")
                for b in 0..<k {
                    #expect(Self.close(rates.ctr[a * k + b], ctr[a][b]), "\(c.name) at \(c.thresholds[i]): ctr[\(a)][\(b)]")
                }
            }
            previous = ops[i]
        }
    }

    @Test(arguments: PSDSFixtures.cases)
    func scoredPSDS(_ c: PSDSFixtureCase) throws {
        var worst = 0.0
        defer { print("\(c.name): PSDS within \(worst) of psds_eval over \(c.expected["psds"]!.arrayItems!.count) parameter sets") }
        for call in c.expected["psds"]!.arrayItems! {
            let parameters = c.parameters(alphaCT: call["alpha_ct"]!.numberValue!, alphaST: call["alpha_st"]!.numberValue!,
                                          maxEFPR: call["max_efpr"]!.numberValue!)
            let expected = call["value"]!.numberValue!
            let scored = try PSDS.compute(statistics(c, parameters: parameters), classes: c.classes, parameters: parameters)
            let explicit = try PSDS.compute(operatingPoints: operatingPoints(c, parameters: parameters), classes: c.classes,
                                            parameters: parameters)
            #expect(Self.close(scored.value, expected), "\(c.name) \(parameters): \(scored.value) vs psds_eval \(expected)")
            worst = max(worst, abs(scored.value - expected))
            #expect(scored.value == explicit.value && scored.roc == explicit.roc, "\(c.name): the sweep equals the operating points")
            if let x = call["roc_efpr"]?.arrayItems?.map({ $0.numberValue! }), let y = call["roc_etpr"]?.arrayItems?.map({ $0.numberValue! }) {
                #expect(scored.roc.efpr.count == x.count, "\(c.name): \(scored.roc.efpr.count) PSD-ROC points vs \(x.count)")
                #expect(zip(scored.roc.efpr, x).allSatisfy { Self.close($0, $1) }, "\(c.name): PSD-ROC x")
                #expect(zip(scored.roc.etpr, y).allSatisfy { Self.close($0, $1) }, "\(c.name): PSD-ROC eTPR")
            }
        }
    }

    @Test(arguments: PSDSFixtures.cases)
    func thresholdCountsMatchOperatingPoints(_ c: PSDSFixtureCase) throws {
        let parameters = c.parameters()
        let ops = operatingPoints(c, parameters: parameters)
        let byThreshold = Dictionary(uniqueKeysWithValues: zip(c.thresholds, ops))
        let swept = try PSDS.thresholdCounts(statistics(c, parameters: parameters), classes: c.classes, parameters: parameters)
        for (t, counts) in swept { #expect(byThreshold[t] == counts, "\(c.name): counts at \(t)") }
        // Thresholds the sweep skips repeat the counts above them.
        var last = PSDSCounts(classes: c.classes)
        if let first = ops.first { (last.references, last.referenceSeconds, last.seconds) = (first.references, first.referenceSeconds, first.seconds) }
        var next = 0
        for (t, op) in zip(c.thresholds, ops) {
            if next < swept.count && swept[next].threshold == t {
                last = swept[next].counts
                next += 1
            }
            #expect(op == last, "\(c.name): threshold \(t)")
        }
    }

    @Test(arguments: PSDSFixtures.cases)
    func fScore(_ c: PSDSFixtureCase) {
        let f = c.expected["f_score"]!
        let t = f["threshold"]!.numberValue!
        let parameters = c.parameters()
        var counts = PSDSCounts(classes: c.classes)
        for v in c.videos {
            counts.add(PSDS.counts(reference: v.reference, detections: v.detections.filter { $0.score >= t }.map(\.event),
                                   duration: v.duration, classes: c.classes, parameters: parameters))
        }
        let score = PSDSFScore(counts)
        for (k, expected) in f["per_class"]!.arrayItems!.enumerated() {
            if let value = expected.numberValue {
                #expect(Self.close(score.perClass[k], value), "\(c.name): F of class \(k)")
            } else {
                // psds_eval's 0/0 when nothing of the class is detected; evalkit reports 0.
                #expect(counts.truePositives[k] == 0 && score.perClass[k] == 0, "\(c.name): class \(k)")
            }
        }
        let macro = f["macro"]!.numberValue ?? .nan
        #expect(Self.close(score.psdsEvalMacro, macro), "\(c.name): macro \(score.psdsEvalMacro) vs \(macro)")
    }
}
