import Foundation
import Testing
@testable import EvalKitMetrics

/// Edge cases: empty sides, fewer than 2 scores, all scores tied, thresholds outside the scores,
/// invalid inputs, and bob's quirks kept on purpose (frr_threshold's tie count, nextafter at
/// |s| ≥ 2⁵³, pyeer's "no crossing").
@Suite struct VerificationEdgeCaseTests {
    @Test func emptyAndTooFew() throws {
        let noGenuine = try ComparisonScores(genuine: [], impostors: [0.1, 0.2])
        #expect(throws: VerificationUndefined.noGenuine) { try noGenuine.fnmr(atThreshold: 0) }
        #expect(throws: VerificationUndefined.noGenuine) { try noGenuine.eer() }
        #expect(throws: VerificationUndefined.noGenuine) { try noGenuine.eer(.pyeer) }
        #expect(try noGenuine.fmr(atThreshold: 0.15) == 0.5)
        #expect(try noGenuine.thresholdAtFMR(0.5) == 0.2)
        #expect(throws: VerificationUndefined.tooFewGenuine(0)) { try noGenuine.thresholdAtFNMR(0.1) }
        #expect(throws: VerificationUndefined.tooFewGenuine(0)) { try noGenuine.detPoints() }

        let oneImpostor = try ComparisonScores(genuine: [0.3, 0.9], impostors: [0.5])
        #expect(throws: VerificationUndefined.tooFewImpostors(1)) { try oneImpostor.thresholdAtFMR(0.1) }
        #expect(throws: VerificationUndefined.tooFewImpostors(1)) { try oneImpostor.detPoints() }
        #expect(try oneImpostor.eerThreshold() == 0.4)  // the walk itself needs only one score per side
        let noImpostors = try ComparisonScores(genuine: [0.3, 0.9], impostors: [])
        #expect(throws: VerificationUndefined.noImpostors) { try noImpostors.fmr(atThreshold: 0) }
        #expect(throws: VerificationUndefined.noImpostors) { try noImpostors.minHTERThreshold() }
        #expect(try noImpostors.thresholdAtFNMR(0.5) == 0.9)
    }

    @Test func allTied() throws {
        let s = try ComparisonScores(genuine: [0.5, 0.5, 0.5, 0.5], impostors: [0.5, 0.5, 0.5, 0.5, 0.5])
        // bob: the walk ends at 0.5 with FAR and FRR both accumulated; the EER threshold is 0.5,
        // where every impostor is accepted: FMR 1, FNMR 0, EER 0.5.
        let bob = try s.eer(.bob)
        #expect(bob.threshold == 0.5 && bob.fmr == 1 && bob.fnmr == 0 && bob.rate == 0.5)
        // pyeer: one threshold (0.5), FMR − FNMR = 1 > 0: no crossing, EER reported as 1.
        let pyeer = try s.eer(.pyeer)
        #expect(pyeer.threshold == 0.5 && pyeer.rate == 1 && pyeer.low == 1 && pyeer.high == 1)
        #expect(try s.thresholdAtFMR(0.5) == 0.5.nextUp)  // the tie group is never split
        #expect(try s.thresholdAtFNMR(0.5) == 0.5.nextUp)  // bob counts the group by its last index (3/4 > 0.5)
        #expect(try s.thresholdAtFNMR(0.75) == 0.5)
    }

    @Test func thresholdsOutsideTheScores() throws {
        let s = try ComparisonScores.sorting(genuine: [1, 2, 3], impostors: [0, 1, 2, 5])
        #expect(try s.errorRates(atThreshold: -.infinity) == ErrorRatePoint(threshold: -.infinity, fmr: 1, fnmr: 0))
        #expect(try s.errorRates(atThreshold: 1e300) == ErrorRatePoint(threshold: 1e300, fmr: 0, fnmr: 1))
        #expect(try s.fmr(atThreshold: 5) == 0.25 && s.fmr(atThreshold: 5.nextUp) == 0)
        #expect(try s.fnmr(atThreshold: 1) == 0 && s.fnmr(atThreshold: 1.nextUp) == 1.0 / 3.0)
        #expect(throws: VerificationUndefined.invalidParameter("the threshold is NaN")) { try s.fmr(atThreshold: .nan) }
        #expect(throws: VerificationUndefined.self) { try s.thresholdAtFMR(1.5) }
        #expect(throws: VerificationUndefined.self) { try s.thresholdAtFNMR(-0.1) }
        #expect(throws: VerificationUndefined.self) { try s.detPoints(count: 10, minFMRPower: -8) }
        #expect(throws: VerificationUndefined.self) { try s.detPoints(count: 100, minFMRPower: 0) }
        // A target of 1 takes the double below the lowest impostor; 0 the double above the highest.
        #expect(try s.thresholdAtFMR(1) == 0.0.nextDown && s.thresholdAtFMR(0) == 5.0.nextUp)
    }

    /// bob's nextafter(s, s + 1) returns s itself where s + 1 == s.
    @Test func nextAfterAtLargeScores() throws {
        let s = try ComparisonScores(genuine: [2e17, 4e17, 6e17], impostors: [1e17, 2e17, 3e17, 5e17])
        #expect(try s.thresholdAtFMR(0) == 5e17)
        #expect(try s.thresholdAtFNMR(1) == 6e17)
    }

    @Test func bobAndPyeerDiffer() throws {
        // The worked example of docs/verification-metrics.md.
        let s = try ComparisonScores.sorting(genuine: [5, 2], impostors: [3, 1, 2])
        let bob = try s.eer(.bob), pyeer = try s.eer(.pyeer)
        #expect(bob.threshold == 2.5 && bob.fmr == 1.0 / 3.0 && bob.fnmr == 0.5 && bob.rate == 0.41666666666666663)
        #expect(pyeer.threshold == 2 && pyeer.rate == 1.0 / 3.0 && pyeer.low == 0 && pyeer.high == 2.0 / 3.0)
    }

    @Test func invalidInputs() {
        #expect(throws: ComparisonScoresError.notAscending(side: "genuine", index: 1)) {
            try ComparisonScores(genuine: [2, 1], impostors: [])
        }
        #expect(throws: ComparisonScoresError.notANumber(side: "impostor", index: 0)) {
            try ComparisonScores.sorting(genuine: [], impostors: [.nan])
        }
        #expect(throws: ComparisonScoresError.weightCount(side: "genuine", scores: 2, weights: 1)) {
            try ComparisonScores(genuine: [1, 2], genuineWeights: [1], impostors: [])
        }
        #expect(throws: ComparisonScoresError.negativeWeight(side: "impostor", index: 0)) {
            try ComparisonScores(genuine: [], impostors: [1], impostorWeights: [-1])
        }
        #expect(throws: ComparisonScoresError.unheldImpostorsWithoutBound(total: 5, held: 1)) {
            try ComparisonScores(genuine: [], impostors: [1], impostorTotal: 5)
        }
        #expect(throws: ComparisonScoresError.heldImpostorBelowBound(index: 0, score: 1, bound: 2)) {
            try ComparisonScores(genuine: [], impostors: [1, 3], impostorTotal: 5, impostorBound: 2)
        }
        #expect(throws: ComparisonScoresError.impostorTotalBelowHeld(total: 1, held: 2)) {
            try ComparisonScores(genuine: [], impostors: [1, 3], impostorTotal: 1, impostorBound: 0)
        }
    }

    /// Bounded: the unheld impostors may be anywhere below the bound, so anything needing them
    /// throws; everything above the bound is exact.
    @Test func boundedSmall() throws {
        let s = try ComparisonScores(genuine: [0.5, 2, 3, 4], impostors: [1.5, 2.5], impostorTotal: 10, impostorBound: 1.2)
        #expect(try s.fmr(atThreshold: 1.2) == 0.2 && s.fmr(atThreshold: 2) == 0.1)
        #expect(throws: VerificationUndefined.self) { try s.fmr(atThreshold: 1.1) }
        #expect(try s.fnmr(atThreshold: 1.1) == 0.25)
        // far_threshold: 2.5 gives 0.1; continuing to 1.5 gives 0.2; below it the next (unheld)
        // group would give ≥ 0.3.
        #expect(try s.thresholdAtFMR(0.1) == 2.5 && s.thresholdAtFMR(0.25) == 1.5)
        #expect(throws: VerificationUndefined.self) { try s.thresholdAtFMR(0.3) }
        // At the bound FMR 0.2 < FNMR 0.25: the crossing may lie below.
        #expect(throws: VerificationUndefined.self) { try s.eerThreshold() }
        #expect(throws: VerificationUndefined.self) { try s.eer(.pyeer) }
    }
}
