import Foundation
import Testing
@testable import EvalKit
import EvalKitData

/// The intervals of the class-probability metrics on the digits sample against a numpy row
/// bootstrap with scikit-learn 1.9.1 (Tests/Fixtures/probability/make_bootstrap.py, 1,000
/// replicates). A replicate weights each row the same in every column, so every metric's ends
/// agree within half a bootstrap standard deviation (about 4 Monte Carlo standard errors). An
/// earlier design drew each column separately; its AUC intervals were about 19% narrower, which
/// this test would catch (the widths must agree within 15%).
@Suite struct ProbabilityBootstrapTests {
    struct Fixture: Decodable {
        var replicates: Int
        var intervals: [String: [Double]]
        var std: [String: Double]
    }

    @Test func digitsIntervalsAgainstANumpyRowBootstrap() throws {
        let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: URL(
            fileURLWithPath: repositoryRoot + "/Tests/Fixtures/probability/bootstrap.json")))
        let root = repositoryRoot + "/Datasets/digits"
        let directory = try temporaryDirectory()
        let scheme = try write("""
            {"evalkit": 1, "name": "digits", "task": "classification", "dataset": "\(root)/dataset.json",
             "predictions": {"path": "\(root)/predictions.csv", "label": "pred", "scores": "score_"},
             "options": {"top_k": [2]}, "intervals": {"replicates": \(fixture.replicates), "seed": 2}}
            """, to: "scheme.json", in: directory)
        let intervals = try runScheme(scheme).evaluations[0].intervals
        for key in ["roc_auc_ovr_macro", "roc_auc_ovo_weighted", "log_loss", "top_k_accuracy@k=2"] {
            let ours = try #require(intervals[key], "\(key)")
            let theirs = fixture.intervals[key]!
            let tolerance = 0.5 * fixture.std[key]!
            #expect(abs(ours.lower - theirs[0]) < tolerance && abs(ours.upper - theirs[1]) < tolerance,
                    "\(key): \(ours) vs numpy \(theirs)")
            let ratio = (ours.upper - ours.lower) / (theirs[1] - theirs[0])
            #expect(abs(ratio - 1) < 0.15, "\(key): width ratio \(ratio)")
        }
    }
}
