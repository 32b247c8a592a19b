import EvalKitData
import Foundation
import Testing
@testable import EvalKitMetrics

/// One case of `Tests/Fixtures/sklearn/curves.json` (make_curves.py, scikit-learn 1.9.1): inputs
/// and scikit-learn's points of every curve; a null curve is one evalkit leaves out.
struct CurveCase: Sendable, CustomTestStringConvertible {
    var name: String
    var node: JSONNode
    var testDescription: String { name }

    var kind: String { node["kind"]!.stringValue! }

    /// name → (x, y, exact points), nil for a curve scikit-learn cannot draw; in the file's order.
    var expected: [(name: String, curve: (x: [Double], y: [Double], exact: Int)?)] {
        node["curves"]!.objectMembers!.map { name, c in
            guard !c.isNull else { return (name, nil) }
            let members = c.objectMembers!.filter { $0.key != "exact_points" }
            return (name, (members[0].value.arrayItems!.map { $0.numberValue! }, members[1].value.arrayItems!.map { $0.numberValue! },
                           Int(c["exact_points"]!.numberValue!)))
        }
    }

    /// The computed metrics of the case, its rows added in `order`.
    func computed(order: [Int]? = nil) -> ComputedMetrics {
        let truth = node["y_true"]!.arrayItems!
        let rows = order ?? Array(truth.indices)
        switch kind {
        case "binary":
            let scores = node["scores"]!.arrayItems!.map { $0.numberValue! }
            var state = ClassificationState(classCount: 2, keepsScores: true)
            for i in rows {
                let t = Int32(truth[i].numberValue!)
                state.add(truth: t, predicted: scores[i] >= 0.5 ? 1 : 0)
                state.addScore(scores[i], positive: t == 1)
            }
            return ClassificationMetrics.compute(state, ClassificationConfig(labels: ["0", "1"], positive: 1))
        case "multiclass":
            let labels = node["labels"]!.arrayItems!.map { $0.stringValue! }
            let probabilities = node["probabilities"]!.arrayItems!.map { $0.arrayItems!.map { $0.numberValue! } }
            var state = ClassificationState(classCount: labels.count)
            state.probabilities = ClassProbabilityState(classCount: labels.count)
            for i in rows {
                let t = labels.firstIndex(of: truth[i].stringValue!)!
                state.add(truth: Int32(t), predicted: Int32(probabilities[i].indices.max { probabilities[i][$0] < probabilities[i][$1] }!))
                state.probabilities!.add(truth: t, scores: probabilities[i])
            }
            var config = ClassificationConfig(labels: labels)
            config.probabilityLabels = labels
            return ClassificationMetrics.compute(state, config)
        default:
            let targets = node["targets"]!.arrayItems!.map { $0.stringValue! }
            let scores = node["scores"]!.arrayItems!.map { $0.arrayItems!.map { $0.numberValue! } }
            var state = MultilabelState(targetCount: targets.count, keepsScores: true)
            for i in rows {
                let t = truth[i].arrayItems!.map { Int32($0.numberValue!) }
                state.addRow(truth: t, predicted: scores[i].map { $0 >= 0.5 ? 1 : 0 }, scores: scores[i])
            }
            return MultilabelMetrics.compute(state, ClassificationConfig(labels: targets))
        }
    }
}

enum CurveFixtures {
    static let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/sklearn/curves.json")

    /// Parsed with evalkit's own JSON parser, which reads every double exactly.
    static let root: JSONNode? = {
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONParser.parse([UInt8](data), file: url.path)
    }()

    static var cases: [CurveCase] {
        (root?["cases"]?.arrayItems ?? []).map { CurveCase(name: $0["name"]!.stringValue!, node: $0) }
    }
}

/// Classification curves against scikit-learn 1.9.1's `roc_curve(drop_intermediate=True)` and
/// `precision_recall_curve`, point for point to 1e-12 (they agree bit for bit: both divide exact
/// integer counts once).
@Suite struct CurveFixtureTests {
    static let tolerance = 1e-12

    @Test func fixtureFileLoads() {
        #expect(CurveFixtures.root?["sklearn"]?.stringValue == "1.9.1")
        #expect(CurveFixtures.root?["maximum_points"]?.numberValue == Double(ThresholdCurves.maximumPoints))
        #expect(CurveFixtures.cases.count >= 10)
    }

    /// Every curve scikit-learn draws, in the same order, with the same points; the undefined ones
    /// left out; a thinned curve noted.
    @Test(arguments: CurveFixtures.cases)
    func agreesWithScikitLearn(_ f: CurveCase) {
        let computed = f.computed()
        let expected = f.expected
        #expect(computed.curves.map(\.name) == expected.compactMap { $0.curve == nil ? nil : $0.name })
        for (name, curve) in expected {
            guard let curve else { continue }
            guard let ours = computed.curves.first(where: { $0.name == name }) else {
                Issue.record("\(name) missing")
                continue
            }
            #expect(ours.xLabel == (name.hasPrefix("roc") ? "fpr" : "recall"))
            #expect(ours.yLabel == (name.hasPrefix("roc") ? "tpr" : "precision"))
            #expect(ours.x.count == curve.x.count && ours.y.count == curve.y.count, "\(name): \(ours.x.count) points vs \(curve.x.count)")
            for (i, (a, b)) in zip(ours.x, curve.x).enumerated() where !(abs(a - b) <= Self.tolerance) {
                Issue.record("\(name) x[\(i)]: \(a) vs scikit-learn \(b)")
                break
            }
            for (i, (a, b)) in zip(ours.y, curve.y).enumerated() where !(abs(a - b) <= Self.tolerance) {
                Issue.record("\(name) y[\(i)]: \(a) vs scikit-learn \(b)")
                break
            }
            let noted = computed.notes.contains { $0.hasPrefix("curves thinned for results.json") && $0.contains(" \(name) \(curve.x.count) of \(curve.exact) points") }
            #expect(noted == (curve.exact > curve.x.count), "\(name): thinning note")
        }
    }

    /// Rows in another order (compacted in other batches) give the same points bit for bit.
    @Test(arguments: CurveFixtures.cases)
    func orderDoesNotMatter(_ f: CurveCase) {
        let count = f.node["y_true"]!.arrayItems!.count
        let a = f.computed().curves
        let b = f.computed(order: (0..<count).reversed()).curves
        #expect(a.map(\.name) == b.map(\.name))
        for (x, y) in zip(a, b) {
            #expect(x.x.map(\.bitPattern) == y.x.map(\.bitPattern) && x.y.map(\.bitPattern) == y.y.map(\.bitPattern), "\(x.name)")
        }
    }

    /// A bootstrap replicate (summary only) draws no curve; its values are the full compute's.
    @Test func replicatesDrawNoCurves() {
        for f in CurveFixtures.cases where f.kind == "binary" {
            let full = f.computed()
            let truth = f.node["y_true"]!.arrayItems!.map { Int32($0.numberValue!) }
            let scores = f.node["scores"]!.arrayItems!.map { $0.numberValue! }
            var state = ClassificationState(classCount: 2, keepsScores: true)
            for (t, s) in zip(truth, scores) {
                state.add(truth: t, predicted: s >= 0.5 ? 1 : 0)
                state.addScore(s, positive: t == 1)
            }
            let summary = ClassificationMetrics.compute(state, ClassificationConfig(labels: ["0", "1"], positive: 1), summaryOnly: true)
            #expect(summary.curves.isEmpty)
            #expect(Self.same(summary.metrics, full.metrics))
        }
        for f in CurveFixtures.cases where f.kind == "multilabel" {
            let targets = f.node["targets"]!.arrayItems!.map { $0.stringValue! }
            let scores = f.node["scores"]!.arrayItems!.map { $0.arrayItems!.map { $0.numberValue! } }
            var state = MultilabelState(targetCount: targets.count, keepsScores: true)
            for (row, s) in zip(f.node["y_true"]!.arrayItems!, scores) {
                state.addRow(truth: row.arrayItems!.map { Int32($0.numberValue!) }, predicted: s.map { $0 >= 0.5 ? 1 : 0 }, scores: s)
            }
            let summary = MultilabelMetrics.compute(state, ClassificationConfig(labels: targets), summaryOnly: true)
            #expect(summary.curves.isEmpty && summary.perClass.isEmpty)
            #expect(Self.same(summary.metrics, f.computed().metrics))
        }
    }

    /// The same keys with bit-identical values (NaN equal to NaN).
    static func same(_ a: MetricValues, _ b: MetricValues) -> Bool {
        a.keys == b.keys && a.keys.allSatisfy { a[$0]!.bitPattern == b[$0]!.bitPattern }
    }

    /// The thinning rule on its own: at most `maximumPoints`, exact points at ⌊j·(m−1)/(k−1)⌋,
    /// the first and last kept, ranks strictly increasing.
    @Test func evenRanksKeepTheEndsAndIncrease() {
        for (m, k) in [(5, 1001), (1001, 1001), (1002, 1001), (3001, 1001), (10, 3), (1_000_000, 1001)] {
            let ranks = EvenRanks(points: m, keep: k)
            #expect(ranks.count == min(m, k))
            #expect(ranks.rank(0) == 0 && ranks.rank(ranks.count - 1) == m - 1)
            for j in 1..<ranks.count { #expect(ranks.rank(j) > ranks.rank(j - 1)) }
        }
    }

    /// A small hand-checked sweep: thinned to 3 of its points, each an exact point.
    @Test func thinnedCurveKeepsExactPoints() {
        // Distinct scores 0.1 ... 0.9 (ascending runs), alternating negative and positive from the
        // top: 9 thresholds.
        let positives: [Int64] = [1, 0, 1, 0, 1, 0, 1, 0, 1], negatives: [Int64] = [0, 1, 0, 1, 0, 1, 0, 1, 0]
        let fullCurves = ThresholdCurves.curves(roc: "roc", precisionRecall: "precision_recall", positives: positives, negatives: negatives)
        let thinCurves = ThresholdCurves.curves(roc: "roc", precisionRecall: "precision_recall", positives: positives, negatives: negatives,
                                                maximumPoints: 3)
        let full = fullCurves.precisionRecall!, thin = thinCurves.precisionRecall!
        #expect(full.exactPoints == 10 && !full.isThinned)
        #expect(thin.exactPoints == 10 && thin.isThinned)
        #expect(thin.curve.x == [full.curve.x[0], full.curve.x[4], full.curve.x[9]])
        #expect(thin.curve.y == [full.curve.y[0], full.curve.y[4], full.curve.y[9]])
        // The highest threshold (0.9) holds one positive: recall 1/5, precision 1; the lowest all.
        #expect(full.curve.x[8] == 0.2 && full.curve.y[8] == 1 && full.curve.x[0] == 1 && full.curve.y[0] == 5.0 / 9)
        let thinROC = thinCurves.roc!, fullROC = fullCurves.roc!
        #expect(fullROC.exactPoints == 10 && thinROC.curve.x == [0, fullROC.curve.x[4], 1] && thinROC.curve.y == [0, fullROC.curve.y[4], 1])
        let none = ThresholdCurves.curves(roc: "roc", precisionRecall: "precision_recall", positives: [], negatives: [])
        #expect(none.roc == nil && none.precisionRecall == nil, "no scores, no curve")
        #expect(ThresholdCurves.thinningNote([full]) == nil)
        #expect(ThresholdCurves.thinningNote([full, thin])
            == "curves thinned for results.json to exact points at evenly spaced ranks (the first and last kept): precision_recall 3 of 10 points")
    }
}
