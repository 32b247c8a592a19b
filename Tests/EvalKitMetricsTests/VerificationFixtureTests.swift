import Foundation
import Testing
import EvalKitData
@testable import EvalKitMetrics

/// The generated fixtures (`Tests/Fixtures/Verification/bob_pyeer.json`, written by
/// `make_fixtures.py` with bob.measure 6.1.0 and pyeer 0.5.6): every value exactly (`==`), and a
/// reference that raised must throw. The same checks run on the weighted form of each set (equal
/// scores merged into one with their count as weight) and on bounded forms (see
/// `VerificationBoundedTests`).
@Suite struct VerificationFixtureTests {
    static let fixture: JSONNode? = try? readJSON(verificationFixturePath("bob_pyeer.json"))

    static var scoreSetNames: [String] {
        fixture?["score_sets"]?.arrayItems?.compactMap { $0["name"]?.stringValue } ?? []
    }

    static func scoreSet(_ name: String) -> JSONNode {
        fixture!["score_sets"]!.arrayItems!.first { $0["name"]?.stringValue == name }!
    }

    /// The set's scores: as given, or merged into distinct values with weights.
    static func scores(_ set: JSONNode, weighted: Bool) throws -> ComparisonScores {
        let genuine = set["positives"]!.doubles.sorted(), impostors = set["negatives"]!.doubles.sorted()
        guard weighted else { return try ComparisonScores(genuine: genuine, impostors: impostors) }
        let (g, gw) = merged(genuine), (i, iw) = merged(impostors)
        return try ComparisonScores(genuine: g, genuineWeights: gw, impostors: i, impostorWeights: iw)
    }

    /// Equal (==) neighbours merged, the first value kept, counts as weights.
    static func merged(_ sorted: [Double]) -> ([Double], [Int64]) {
        var values: [Double] = [], weights: [Int64] = []
        for v in sorted {
            if let last = values.last, last == v { weights[weights.count - 1] += 1 } else { values.append(v); weights.append(1) }
        }
        return (values, weights)
    }

    /// Compares one scalar: the reference number exactly, or a throw when the reference raised.
    /// Returns a description of the difference, nil when they agree. `bounded`: a
    /// needs-unheld-impostors throw is accepted.
    static func compare(_ what: String, _ expected: JSONNode, _ actual: Result<Double, VerificationUndefined>,
                        bounded: Bool = false) -> String? {
        if bounded && actual.needsUnheld { return nil }
        if expected.isError {
            if case .failure = actual { return nil }
            return "\(what): reference raised \(expected["error"]!.stringValue!), evalkit gave \(actual)"
        }
        let e = expected.numberValue!
        guard let a = actual.value else { return "\(what): reference \(e), evalkit threw \(actual)" }
        return a == e ? nil : "\(what): reference \(e), evalkit \(a)"
    }

    /// Every bob/pyeer scalar and curve of one set against `s`; the differences.
    static func differences(_ set: JSONNode, _ s: ComparisonScores, bounded: Bool = false) -> [String] {
        let bob = set["bob"]!
        var out: [String] = []
        func check(_ what: String, _ expected: JSONNode, _ body: () throws -> Double) {
            if let d = compare(what, expected, outcome(body), bounded: bounded) { out.append(d) }
        }
        check("eer_threshold", bob["eer_threshold"]!) { try s.eerThreshold() }
        let eer = bob["eer"]!
        if eer.isError {
            check("eer", eer) { try s.eer(.bob).rate }
        } else {
            check("eer", eer["eer"]!) { try s.eer(.bob).rate }
            check("eer far", eer["far"]!) { try s.eer(.bob).fmr }
            check("eer frr", eer["frr"]!) { try s.eer(.bob).fnmr }
        }
        check("min_hter_threshold", bob["min_hter_threshold"]!) { try s.minHTERThreshold() }
        for item in bob["min_weighted_error_rate_threshold"]!.arrayItems! {
            let cost = item["cost"]!.numberValue!
            check("min_weighted_error_rate_threshold(\(cost))", item["threshold"]!) { try s.minWeightedErrorThreshold(cost: cost) }
        }
        for item in bob["far_threshold"]!.arrayItems! {
            let t = item["target"]!.numberValue!
            check("far_threshold(\(t))", item["threshold"]!) { try s.thresholdAtFMR(t) }
        }
        for item in bob["frr_threshold"]!.arrayItems! {
            let t = item["target"]!.numberValue!
            check("frr_threshold(\(t))", item["threshold"]!) { try s.thresholdAtFNMR(t) }
        }
        for item in bob["farfrr"]!.arrayItems! {
            let t = item["threshold"]!.numberValue!
            let rates = item["far_frr"]!, pr = item["precision_recall"]!
            if rates.isError {
                check("farfrr(\(t))", rates) { try s.errorRates(atThreshold: t).fmr }
            } else {
                check("far(\(t))", rates.arrayItems![0]) { try s.fmr(atThreshold: t) }
                check("frr(\(t))", rates.arrayItems![1]) { try s.fnmr(atThreshold: t) }
            }
            if pr.isError {
                check("precision_recall(\(t))", pr) { try s.precisionRecall(atThreshold: t).precision }
            } else {
                check("precision(\(t))", pr.arrayItems![0]) { try s.precisionRecall(atThreshold: t).precision }
                check("recall(\(t))", pr.arrayItems![1]) { try s.precisionRecall(atThreshold: t).recall }
            }
            check("f_score(\(t), 1)", item["f_score_1"]!) { try s.fScore(atThreshold: t) }
            check("f_score(\(t), 2)", item["f_score_2"]!) { try s.fScore(atThreshold: t, weight: 2) }
        }
        for (key, count, power) in [("100", 100, -8), ("40_min_far_4", 40, -4)] {
            out += curveDifferences("roc_\(key)/det_\(key)", roc: bob["roc_\(key)"]!, det: bob["det_\(key)"]!,
                                    outcome { try s.detPoints(count: count, minFMRPower: power) },
                                    bounded: bounded)
        }
        out += precisionRecallDifferences(bob["precision_recall_curve_100"]!,
                                          outcome { try s.precisionRecallPoints(count: 100) },
                                          bounded: bounded)
        let forFAR = bob["roc_for_far"]!
        let targets = forFAR["targets"]!.doubles
        switch outcome({ try s.rocForFMR(targets) }) {
        case .success(let points):
            if forFAR["curve"]!.isError { out.append("roc_for_far: reference raised, evalkit did not") } else {
                let rows = forFAR["curve"]!.matrix
                for (i, point) in points.enumerated() {
                    guard let point else {
                        if !bounded { out.append("roc_for_far[\(i)]: nil") }
                        continue
                    }
                    if point.fmr != rows[0][i] || point.fnmr != rows[1][i] { out.append("roc_for_far[\(i)] differs") }
                }
            }
        case .failure(let error):
            if !forFAR["curve"]!.isError { out.append("roc_for_far: evalkit threw \(error)") }
        }
        out += epcDifferences(set, s, bounded: bounded)
        let pyeer = set["pyeer"]!
        check("pyeer eer", pyeer["eer"]!) { try s.eer(.pyeer).rate }
        check("pyeer eer_low", pyeer["eer_low"]!) { try s.eer(.pyeer).low }
        check("pyeer eer_high", pyeer["eer_high"]!) { try s.eer(.pyeer).high }
        check("pyeer eer_th", pyeer["eer_th"]!) { try s.eer(.pyeer).threshold }
        return out
    }

    /// A ROC (rows FMR, FNMR) and DET (ppndf of them) reference against `detPoints`. Bounded: the
    /// points must be the reference's minus `leftOut` of them, in order.
    static func curveDifferences(_ what: String, roc: JSONNode, det: JSONNode, _ actual: Result<ErrorRateCurve, VerificationUndefined>,
                                 bounded: Bool) -> [String] {
        switch actual {
        case .failure(let error): return roc.isError ? [] : ["\(what): evalkit threw \(error)"]
        case .success(let curve):
            if roc.isError { return ["\(what): reference raised, evalkit did not"] }
            let r = roc.matrix, d = det.matrix
            let reference = (0..<r[0].count).map { (r[0][$0], r[1][$0], d[0][$0], d[1][$0]) }
            let mine = curve.points.map { ($0.fmr, $0.fnmr, $0.detFMR, $0.detFNMR) }
            if !bounded {
                if curve.leftOut != 0 || mine.count != reference.count { return ["\(what): \(mine.count) points, reference \(reference.count)"] }
                return zip(mine, reference).enumerated().compactMap { i, pair in pair.0 == pair.1 ? nil : "\(what)[\(i)]: \(pair.0) vs \(pair.1)" }
            }
            if mine.count + curve.leftOut != reference.count { return ["\(what): \(mine.count) + \(curve.leftOut) left out ≠ \(reference.count)"] }
            return isOrderedSubsequence(mine.map { [$0.0, $0.1, $0.2, $0.3] }, of: reference.map { [$0.0, $0.1, $0.2, $0.3] })
                ? [] : ["\(what): bounded points are not the reference's in order"]
        }
    }

    static func precisionRecallDifferences(_ reference: JSONNode, _ actual: Result<PrecisionRecallCurve, VerificationUndefined>,
                                           bounded: Bool) -> [String] {
        switch actual {
        case .failure(let error): return reference.isError ? [] : ["precision_recall_curve: evalkit threw \(error)"]
        case .success(let curve):
            let points = curve.points, leftOut = curve.leftOut
            if reference.isError { return ["precision_recall_curve: reference raised, evalkit did not"] }
            let r = reference.matrix
            let ref = (0..<r[0].count).map { [r[0][$0], r[1][$0]] }, mine = points.map { [$0.precision, $0.recall] }
            if !bounded { return mine == ref && leftOut == 0 ? [] : ["precision_recall_curve differs"] }
            return mine.count + leftOut == ref.count && isOrderedSubsequence(mine, of: ref) ? [] : ["precision_recall_curve: bounded not a subsequence"]
        }
    }

    static func epcDifferences(_ set: JSONNode, _ s: ComparisonScores, bounded: Bool) -> [String] {
        let reference = set["bob"]!["epc_halves_20"]!
        let neg = set["negatives"]!.doubles, pos = set["positives"]!.doubles
        let n = neg.count / 2, p = pos.count / 2
        do {
            var dev = try ComparisonScores.sorting(genuine: Array(pos[..<p]), impostors: Array(neg[..<n]))
            var eval = try ComparisonScores.sorting(genuine: Array(pos[p...]), impostors: Array(neg[n...]))
            if bounded {  // bound both halves where `s` is bounded
                dev = try dev.keepingImpostors(atOrAbove: s.impostorBound)
                eval = try eval.keepingImpostors(atOrAbove: s.impostorBound)
            }
            switch outcome({ 
                try ComparisonScores.expectedPerformanceCurve(development: dev, evaluation: eval, count: 20) }) {
            case .failure(let error): return reference.isError ? [] : ["epc: evalkit threw \(error)"]
            case .success(let points):
                if reference.isError { return ["epc: reference raised, evalkit did not"] }
                let r = reference.matrix
                var out: [String] = []
                for (i, point) in points.enumerated() {
                    guard let point else {
                        if !bounded { out.append("epc[\(i)]: nil") }
                        continue
                    }
                    if point.cost != r[0][i] || point.halfTotalErrorRate != r[1][i] || point.threshold != r[2][i] {
                        out.append("epc[\(i)]: \(point) vs \(r[0][i]), \(r[1][i]), \(r[2][i])")
                    }
                }
                return out
            }
        } catch {
            return ["epc: \(error)"]
        }
    }

    static func isOrderedSubsequence(_ a: [[Double]], of b: [[Double]]) -> Bool {
        var j = 0
        for x in a {
            while j < b.count && b[j] != x { j += 1 }
            if j == b.count { return false }
            j += 1
        }
        return true
    }

    @Test(arguments: scoreSetNames)
    func bobAndPyeerExactly(_ name: String) throws {
        let set = Self.scoreSet(name)
        let differences = Self.differences(set, try Self.scores(set, weighted: false))
        #expect(differences.isEmpty, "\(name): \(differences.prefix(10))")
    }

    /// Weights equal repetition: the same references with equal scores merged into weights.
    @Test(arguments: scoreSetNames)
    func weightedFormExactly(_ name: String) throws {
        let set = Self.scoreSet(name)
        let differences = Self.differences(set, try Self.scores(set, weighted: true))
        #expect(differences.isEmpty, "\(name) weighted: \(differences.prefix(10))")
    }

    @Test func fixtureIsPresent() {
        #expect(Self.fixture != nil, "Tests/Fixtures/Verification/bob_pyeer.json is missing: run make_fixtures.py")
        #expect(Self.scoreSetNames.count >= 10)
    }
}
