import Foundation
import Testing
import EvalKitData
@testable import EvalKitMetrics

/// bob.measure 6.1's own tests (`tests/test_error.py`, copied data in
/// `Tests/Fixtures/Conformance/bob.measure`) with the tests' own comparisons: `==` exactly,
/// `numpy.isclose` (rtol 1e-5, atol 1e-8), `assert_array_equal` exactly, `assert_allclose`
/// (atol 1e-5, rtol 1e-6 for DET and EPC; default rtol 1e-7 for the AUC oracles), open-set rates
/// to 1e-8. Each check names its test_error.py line; `quoted` verifies the quote against the
/// transcription in expected.json.
@Suite struct VerificationConformanceTests {
    let directory = bobConformanceDirectory()

    /// Checks that test_error.py line `line` reads `text` (expected.json's transcription; runs of
    /// white space compared as one space).
    func quoted(_ line: Int, _ text: String) throws {
        func collapsed(_ s: String) -> String { s.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        let cases = try readJSON(directory! + "/expected.json")["cases"]!.arrayItems!
        let found = cases.contains { c in
            (c["assertions_verbatim"]?.arrayItems ?? []).contains {
                $0["line"]?.numberValue == Double(line) && $0["text"]?.stringValue.map(collapsed) == collapsed(text)
            }
        }
        #expect(found, "test_error.py line \(line) is not `\(text)` in expected.json")
    }

    func array(_ name: String, _ key: String = "array") throws -> JSONNode {
        try readJSON(directory! + "/data/\(name).json")[key]!
    }

    func skipIfAbsent() -> Bool {
        if directory == nil { print("skipped: no bob.measure conformance data (Tests/Fixtures/Conformance/bob.measure or ../shared)") }
        return directory == nil
    }

    func scores(_ prefix: String) throws -> (scores: ComparisonScores, negatives: [Double], positives: [Double]) {
        let negatives = try array("\(prefix)-negatives").doubles, positives = try array("\(prefix)-positives").doubles
        return (try ComparisonScores.sorting(genuine: positives, impostors: negatives), negatives, positives)
    }

    /// test_basic_ratios (lines 68-120): farfrr, precision_recall and f_score on linsep.
    @Test func basicRatios() throws {
        if skipIfAbsent() { return }
        let (s, neg, pos) = try scores("linsep")
        let minimum = min(pos.min()!, neg.min()!), maximum = max(pos.max()!, neg.max()!)
        var p = try s.errorRates(atThreshold: minimum - 0.1)
        #expect(p.fmr == 1.0 && p.fnmr == 0.0); try quoted(81, "assert far == 1.0"); try quoted(82, "assert frr == 0.0")
        var pr = try s.precisionRecall(atThreshold: minimum - 0.1)
        #expect(pr.precision == 0.5 && pr.recall == 1.0); try quoted(84, "assert prec == 0.5")
        p = try s.errorRates(atThreshold: maximum + 0.1)
        #expect(p.fmr == 0.0 && p.fnmr == 1.0); try quoted(91, "assert frr == 1.0")
        pr = try s.precisionRecall(atThreshold: maximum + 0.1)
        #expect(pr.precision == 0.0 && pr.recall == 0.0); try quoted(93, "assert prec == 0.0")
        p = try s.errorRates(atThreshold: 3.0)
        #expect(p.fmr == 0.0 && p.fnmr == 0.0); try quoted(100, "assert frr == 0.0")
        pr = try s.precisionRecall(atThreshold: 3.0)
        #expect(pr.precision == 1.0 && pr.recall == 1.0); try quoted(102, "assert prec == 1.0")
        #expect(numpyIsClose(try s.fScore(atThreshold: minimum - 0.1), 0.66666667))
        try quoted(108, "assert numpy.isclose(f_score_, 0.66666667)")
        #expect(numpyIsClose(try s.fScore(atThreshold: minimum - 0.1, weight: 2), 0.83333333))
        try quoted(110, "assert numpy.isclose(f_score_, 0.83333333)")
        #expect(try s.fScore(atThreshold: maximum + 0.1) == 0.0 && s.fScore(atThreshold: maximum + 0.1, weight: 2) == 0.0)
        try quoted(113, "assert f_score_ == 0.0")
        #expect(try s.fScore(atThreshold: 3.0) == 1.0 && s.fScore(atThreshold: 3.0, weight: 2) == 1.0)
        try quoted(118, "assert f_score_ == 1.0")
        // test_indexing (lines 178-199), through the counts correctly_classified_* sum to.
        #expect(pos.allSatisfy { $0 >= 3 } && neg.allSatisfy { $0 < 3 })
    }

    /// test_for_uncomputable_thresholds (lines 123-174): ties and too few scores.
    @Test func uncomputableThresholds() throws {
        if skipIfAbsent() { return }
        var pos = [0.0, 0.0, 0.0, 0.0, 0.1, 0.2, 0.3, 0.4, 0.5]
        var neg = [0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.0, 1.0, 1.0]
        var s = try ComparisonScores.sorting(genuine: pos, impostors: neg)
        #expect(try s.thresholdAtFMR(0.5) == 1.0); try quoted(134, "assert threshold == 1.0, threshold")
        #expect(numpyIsClose(try s.thresholdAtFNMR(0.5), 0.1)); try quoted(136, "assert numpy.isclose(threshold, 0.1)")
        #expect(try s.thresholdAtFMR(0.4) > neg.last!); try quoted(139, "assert threshold > neg[-1]")
        #expect(try s.thresholdAtFNMR(0.4) >= pos[0]); try quoted(141, "assert threshold >= pos[0]")

        pos = [0.0, 0.0, 0.0, 0.0, 0.0, 0.1, 0.2, 0.3, 0.4, 0.5]
        neg = [0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.0, 1.0, 1.0, 1.0]
        s = try ComparisonScores.sorting(genuine: pos, impostors: neg)
        #expect(try s.thresholdAtFMR(0.5) == 1.0); try quoted(148, "assert threshold == 1.0")
        #expect(numpyIsClose(try s.thresholdAtFNMR(0.51), 0.1))
        try quoted(149, "assert numpy.isclose(frr_threshold(neg, pos, 0.51), 0.1)")
        #expect(try s.thresholdAtFMR(0.49) > neg.last!); try quoted(151, "assert threshold > neg[-1]")
        #expect(try s.thresholdAtFNMR(0.49) >= pos[0]); try quoted(153, "assert threshold >= pos[0]")

        let range = (0..<10).map(Double.init)
        s = try ComparisonScores.sorting(genuine: range, impostors: range)
        #expect(try s.thresholdAtFMR(0.09) > range.last!); try quoted(160, "assert threshold > neg[-1]")
        #expect(try s.thresholdAtFNMR(0.09) >= range[0]); try quoted(162, "assert threshold >= pos[0]")
        #expect(try s.thresholdAtFMR(0.11) == 9.0); try quoted(166, "assert threshold == 9.0")
        #expect(try s.thresholdAtFMR(0.91) == 1.0); try quoted(168, "assert threshold == 1.0")
        #expect(try s.thresholdAtFMR(1) <= 0.0); try quoted(170, "assert threshold <= 0.0")
        #expect(numpyIsClose(try s.thresholdAtFNMR(0.11), 1.0)); try quoted(172, "assert numpy.isclose(threshold, 1.0)")
        #expect(numpyIsClose(try s.thresholdAtFNMR(0.91), 9.0)); try quoted(174, "assert numpy.isclose(threshold, 9.0)")
    }

    /// test_obvious_thresholds (lines 202-221): neg 0…9, pos 10…19, targets i / 10 / 2.
    @Test func obviousThresholds() throws {
        if skipIfAbsent() { return }
        let m = 10
        let s = try ComparisonScores.sorting(genuine: (m..<2 * m).map(Double.init), impostors: (0..<m).map(Double.init))
        for i in 0...(2 * m) {
            let raw = Double(i) / Double(m) / 2
            // Python's round(x, 2) and math.floor(x * 10) / 10.
            let target = Double(String(format: "%.2f", raw))!, expected = (raw * 10).rounded(.down) / 10
            let predFAR = try s.fmr(atThreshold: try s.thresholdAtFMR(target))
            let predFRR = try s.fnmr(atThreshold: try s.thresholdAtFNMR(target))
            #expect(predFAR <= target && predFAR == expected, "far target \(target): \(predFAR), expected \(expected)")
            #expect(predFRR <= target && predFRR == expected, "frr target \(target): \(predFRR), expected \(expected)")
        }
    }

    /// test_thresholding (lines 224-283): eer_threshold, far/frr thresholds, min_hter_threshold.
    @Test func thresholding() throws {
        if skipIfAbsent() { return }
        var (s, neg, pos) = try scores("nonsep")
        var threshold = try s.eerThreshold()
        let ccp = pos.filter { $0 >= threshold }.count, ccn = neg.filter { $0 < threshold }.count
        #expect(ccp - ccn <= 1); try quoted(241, "assert (ccp - ccn) <= 1")
        let negativesOnly = try ComparisonScores(genuine: [], impostors: neg.sorted())
        let positivesOnly = try ComparisonScores(genuine: pos.sorted(), impostors: [])
        for t in [0, 0.001, 0.1, 0.5, 0.9, 0.999, 1] {
            let far = try s.fmr(atThreshold: try negativesOnly.thresholdAtFMR(t))
            let frr = try s.fnmr(atThreshold: try positivesOnly.thresholdAtFNMR(t))
            #expect(far <= t && t - far <= 0.1, "far \(far) at target \(t)")
            #expect(frr <= t && t - frr <= 0.1, "frr \(frr) at target \(t)")
        }
        try quoted(252, "assert far <= t"); try quoted(257, "assert t - frr <= 0.1")

        (s, neg, pos) = try scores("linsep")
        threshold = try s.eerThreshold()
        #expect(threshold == 3.2); try quoted(267, "assert threshold == 3.2")
        #expect(pos.filter { $0 >= threshold }.count == neg.filter { $0 < threshold }.count)
        try quoted(272, "assert ccp == ccn")
        let threshold2 = try s.minHTERThreshold()
        #expect(threshold2 == 3.2 && threshold == threshold2); try quoted(277, "assert threshold2 == 3.2")
        #expect(pos.filter { $0 >= threshold2 }.count == neg.filter { $0 < threshold2 }.count)
    }

    /// test_empty_raises (lines 286-310): empty sides raise.
    @Test func emptyRaises() throws {
        if skipIfAbsent() { return }
        for (neg, pos) in [([Double](), [1.0]), ([1.0], []), ([], [])] {
            let s = try ComparisonScores(genuine: pos, impostors: neg)
            #expect(throws: VerificationUndefined.self) { try s.errorRates(atThreshold: 0) }
            #expect(throws: VerificationUndefined.self) { try s.precisionRecall(atThreshold: 0) }
            #expect(throws: VerificationUndefined.self) { try s.fScore(atThreshold: 0) }
            #expect(throws: VerificationUndefined.self) { try s.minWeightedErrorThreshold(cost: 0) }
            #expect(throws: VerificationUndefined.self) { try s.eerThreshold() }
            #expect(throws: VerificationUndefined.self) { try s.minHTERThreshold() }
        }
    }

    /// test_plots (lines 313-374): roc, roc_for_far, precision_recall_curve, det, epc on nonsep.
    @Test func plots() throws {
        if skipIfAbsent() { return }
        let (s, neg, pos) = try scores("nonsep")
        let curve = try s.detPoints(count: 100, minFMRPower: -8)
        #expect(curve.leftOut == 0)
        let roc = try array("nonsep-roc").matrix
        #expect(curve.points.map(\.fmr) == roc[0] && curve.points.map(\.fnmr) == roc[1], "roc differs")
        try quoted(324, "numpy.testing.assert_array_equal(xy, xyref)")

        let forFAR = try s.rocForFMR([0.01, 0.1, 1]).map { $0! }
        #expect(forFAR.map(\.fmr) == [0.0, 0.1, 1] && forFAR.map(\.fnmr) == [0.48, 0.12, 0])
        try quoted(332, "numpy.testing.assert_array_equal(xy[0], expected_far)")

        let pr = try s.precisionRecallPoints(count: 100)
        let prReference = try array("nonsep-precisionrecall").matrix
        #expect(pr.leftOut == 0 && pr.points.map(\.precision) == prReference[0] && pr.points.map(\.recall) == prReference[1])
        try quoted(340, "numpy.testing.assert_array_equal(xy, xyref)")

        let det = try array("nonsep-det").matrix
        let detX = curve.points.map(\.detFMR), detY = curve.points.map(\.detFNMR)
        #expect(allClose(detX, det[0], rtol: 1e-6, atol: 1e-5) && allClose(detY, det[1], rtol: 1e-6, atol: 1e-5))
        try quoted(347, "numpy.testing.assert_allclose(det_xyzw, det_xyzw_ref, atol=1e-5, rtol=1e-6)")
        // The saved array predates bob 6.1, whose own det() differs from it by up to 2.5e-6;
        // evalkit equals bob 6.1 exactly (VerificationFixtureTests).
        let detDifference = zip(detX + detY, det[0] + det[1]).map { abs($0 - $1) }.max()!
        print("bob conformance: DET max |difference| from the saved nonsep-det array: \(detDifference)")

        let n = neg.count / 2, p = pos.count / 2
        let dev = try ComparisonScores.sorting(genuine: Array(pos[..<p]), impostors: Array(neg[..<n]))
        let eval = try ComparisonScores.sorting(genuine: Array(pos[p...]), impostors: Array(neg[n...]))
        let epc = try ComparisonScores.expectedPerformanceCurve(development: dev, evaluation: eval, count: 100).map { $0! }
        let epcReference = try array("nonsep-epc").matrix
        #expect(allClose(epc.map(\.cost), epcReference[0], rtol: 1e-6, atol: 1e-5))
        #expect(allClose(epc.map(\.halfTotalErrorRate), epcReference[1], rtol: 1e-6, atol: 1e-5))
        #expect(allClose(epc.map(\.threshold), epcReference[2], rtol: 1e-6, atol: 1e-5))
        try quoted(372, "numpy.testing.assert_allclose(xy[2], xyref[2], atol=1e-5, rtol=1e-6)")
        print("bob conformance: EPC agrees exactly: \(epc.map(\.cost) == epcReference[0] && epc.map(\.halfTotalErrorRate) == epcReference[1] && epc.map(\.threshold) == epcReference[2])")
    }

    /// test_roc_auc_score (lines 551-570): trapezoids over roc(neg, pos, 2000), linear and log10 FPR.
    @Test func rocAUC() throws {
        if skipIfAbsent() { return }
        let (s, _, _) = try scores("nonsep")
        let points = try s.detPoints(count: 2000, minFMRPower: -8).points
        func trapezoid(_ x: [Double], _ y: [Double]) -> Double {
            var area = 0.0
            for i in 1..<x.count {
                let width: Double = x[i] - x[i - 1], height: Double = (y[i] + y[i - 1]) / 2.0
                area += width * height
            }
            return area
        }
        let auc = -trapezoid(points.map(\.fmr), points.map { 1 - $0.fnmr })
        #expect(abs(auc - 0.9326) <= 1e-7 * 0.9326, "auc \(auc)")
        let positive = points.filter { $0.fmr > 0 }
        let logAUC = -trapezoid(positive.map { log10($0.fmr) }, positive.map { 1 - $0.fnmr })
        #expect(abs(logAUC - 1.4183699583300993) <= 1e-7 * 1.4183699583300993, "log auc \(logAUC)")
        try quoted(563, "numpy.testing.assert_allclose( auc, oracle ), f\"Expected {oracle} but got {auc} instead.\"")
    }

    /// test_cmc (lines 415-461).
    @Test func cmc() throws {
        if skipIfAbsent() { return }
        let data: [([Double], [Double])] = [([0.3, 1.1, 0.5], [0.7]), ([1.4, -1.3, 0.6], [0.2]), ([0.8, 0.0, 1.5], [-0.8, 1.8]),
                                           ([2.0, 1.3, 1.6, 0.9], [2.4])]
        let searches = data.map { IdentificationSearch(mateScores: $0.1, nonMateScores: $0.0) }
        #expect(try Identification.identificationRate(searches) == 0.5); try quoted(427, "assert rr == 0.5")
        #expect(try Identification.cmc(searches) == [0.5, 0.75, 1.0, 1.0, 1]); try quoted(430, "assert (cmc_ == [0.5, 0.75, 1.0, 1.0, 1]).all()")

        let neg = try array("test-cmc", "data-neg").matrix, pos = try array("test-cmc", "data-pos").matrix
        let loaded = zip(neg, pos).map { IdentificationSearch(mateScores: $0.1, nonMateScores: $0.0) }
        #expect(try Identification.identificationRate(loaded) == 0.76); try quoted(459, "assert rr == desired_rr")
        #expect(try Identification.cmc(loaded) == [0.76, 0.89, 0.96, 0.98] + [Double](repeating: 1.0, count: 16))
        try quoted(461, "assert (cmc_ == desired_cmc).all()")
    }

    /// test_open_set_rates (lines 490-537): DIR, false alarm rate and recognition rate at 0.5.
    @Test(arguments: [(0, 1.0, 0.0, 7.0 / 9.0, 1.0), (1, 6.0 / 7.0, 0.0, 6.0 / 9.0, 6.0 / 7.0),
                      (2, 6.0 / 7.0, 0.5, 6.0 / 9.0, 6.0 / 8.0)])
    func openSetRates(_ file: Int, _ dir: Double, _ far: Double, _ rr: Double, _ rrAtThreshold: Double) throws {
        if skipIfAbsent() { return }
        let json = try readJSON(directory! + "/data/test\(file)-open-set.json")
        let searches = (0..<9).map { i -> IdentificationSearch in
            let mates = json["data-pos-\(i)"]!.arrayItems!.compactMap(\.numberValue)  // "None": no mate
            return IdentificationSearch(mateScores: mates, nonMateScores: json["data-neg-\(i)"]!.doubles)
        }
        #expect(abs(try Identification.detectionIdentificationRate(searches, threshold: 0.5) - dir) < 1e-8)
        #expect(abs(try Identification.falsePositiveIdentificationRate(searches, threshold: 0.5) - far) < 1e-8)
        #expect(abs(try Identification.identificationRate(searches) - rr) < 1e-8)
        #expect(abs(try Identification.identificationRate(searches, threshold: 0.5) - rrAtThreshold) < 1e-8)
        try quoted(537, "assert abs(recognition_rate(cmc_scores, threshold=0.5) - 6.0 / 8.0) < 1e-8")
    }

    /// test_mindcf (lines 540-548): an outlier negative, cost 0.99.
    @Test func minDCF() throws {
        if skipIfAbsent() { return }
        let s = try ComparisonScores(genuine: [0.5, 3], impostors: [-3, -2, -1, -0.5, 4])
        let cost = 0.99
        let p = try s.errorRates(atThreshold: try s.minWeightedErrorThreshold(cost: cost))
        #expect((cost * p.fmr + (1 - cost) * p.fnmr) * 100 < 1.0 + 1e-8)
        try quoted(548, "assert mindcf < 1.0 + 1e-8")
    }
}
