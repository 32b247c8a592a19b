import EvalKitReports
import Foundation
import Testing
@testable import EvalKit
import EvalKitData

/// The classification curves through the engine: which curves each mode reports, that results.json
/// carries them under `curves`, and that slices and bootstrap intervals leave them alone
/// (docs/metrics.md, "Curves"; the points themselves: `CurveFixtureTests`).
@Suite struct ClassificationCurvesTests {
    /// Multilabel with scores: one-vs-rest per target, every ROC then every precision-recall curve.
    @Test func multilabelTargetsHaveOneVsRestCurves() throws {
        let result = try runScheme(repositoryRoot + "/Schemes/face-attributes.json")
        let targets = ["eyeglasses", "beard", "hat", "mask"]
        let curves = result.evaluations[0].computed.curves
        #expect(curves.map(\.name) == targets.map { "roc@class=" + $0 } + targets.map { "precision_recall@class=" + $0 })
        for curve in curves {
            #expect(curve.x.count == curve.y.count && curve.x.count <= ThresholdCurves.maximumPoints)
            if curve.xLabel == "fpr" {
                #expect(curve.x.first == 0 && curve.y.first == 0 && curve.x.last == 1 && curve.y.last == 1, "\(curve.name)")
            } else {
                #expect(curve.x.last == 0 && curve.y.last == 1, "\(curve.name) ends at recall 0, precision 1")
            }
        }
        let json = ResultsJSON.text(result)
        #expect(json.contains(#""roc@class=eyeglasses": {"#) && json.contains(#""precision_recall@class=mask": {"#))
    }

    /// Multiclass probabilities: one-vs-rest per column, with slices and intervals computed as before.
    @Test func multiclassProbabilitiesHaveOneVsRestCurves() throws {
        let result = try runScheme(try ProbabilityInputTests.project().write())
        let e = result.evaluations[0]
        #expect(e.computed.curves.map(\.name)
            == ["roc@class=a", "roc@class=b", "roc@class=c", "precision_recall@class=a", "precision_recall@class=b", "precision_recall@class=c"])
        // Class a: true rows 1 and 4, scores 0.7 0.1 0.2 0.5 0.3 0.1 (scikit-learn 1.9.1 roc_curve).
        let roc = e.computed.curves[0]
        #expect(roc.x == [0, 0, 0, 0.5, 1] && roc.y == [0, 0.5, 1, 1, 1])
        #expect(e.slices.count == 2 && !e.intervals.isEmpty)
    }

    /// Hard labels without scores: no curve.
    @Test func noScoresNoCurves() throws {
        let p = try ProbabilityInputTests.project(options: "{}", predictionKeys: #""label": "pred""#)
        let result = try runScheme(try p.write())
        #expect(result.evaluations[0].computed.curves.isEmpty)
        #expect(!ResultsJSON.text(result).contains(#""curves""#))
    }
}
