import Testing
@testable import EvalKitMetrics

/// Hand-made cases: the rules one at a time, the undefined values and their reasons, the
/// parameters' checks, the input check, the byte round trip of the statistic.
@Suite struct PSDSEdgeCaseTests {
    static func event(_ on: Double, _ off: Double, _ label: Int32) -> TimedEvent { TimedEvent(onset: on, offset: off, label: label) }
    static func scored(_ on: Double, _ off: Double, _ label: Int32, _ score: Double) -> ScoredEvent {
        ScoredEvent(onset: on, offset: off, label: label, score: score)
    }

    /// A DTC detection whose reference event fails the GTC is neither a true nor a false positive.
    @Test func dtcDetectionOfAnUndetectedEvent() {
        let reference = [Self.event(0, 10, 0)]
        let counts = PSDS.counts(reference: reference, detections: [Self.event(1, 3, 0)], duration: 20, classes: 1,
                                 parameters: PSDSParameters())
        #expect(counts.truePositives == [0] && counts.falsePositives == [0])
    }

    /// Fragments add up for the GTC; a detection failing the DTC is a false positive and a cross-trigger.
    @Test func fragmentsAndCrossTriggers() {
        let reference = [Self.event(0, 10, 0), Self.event(20, 30, 1)]
        let detections = [Self.event(0, 3, 0), Self.event(3, 6, 0),  // 60% of event 0
                          Self.event(18, 28, 0)]  // 80% inside class 1: a cross-trigger on it, and a false positive
        let counts = PSDS.counts(reference: reference, detections: detections, duration: 40, classes: 2, parameters: PSDSParameters())
        #expect(counts.truePositives == [1, 0])
        #expect(counts.falsePositives == [1, 0])
        #expect(counts.crossTriggers(detected: 0, reference: 1) == 1)
        let rates = PSDSRates(counts, parameters: PSDSParameters())
        #expect(rates.fpr[0] == 1 * 3600 / 40.0 && rates.ctr[1] == 3600 / 10.0 && rates.ctr[0].isNaN)
    }

    /// Detections outside the video, in a video of no duration (not in the metadata), and zero-length ones count nowhere.
    @Test func worldEdges() {
        let detections = [Self.event(10, 12, 0), Self.event(-3, 0, 0), Self.event(5, 5, 0), Self.event(9.5, 11, 0)]
        let counts = PSDS.counts(reference: [], detections: detections, duration: 10, classes: 1, parameters: PSDSParameters())
        #expect(counts.falsePositives == [1])
        let outside = PSDS.counts(reference: [], detections: detections, duration: 0, classes: 1, parameters: PSDSParameters())
        #expect(outside.falsePositives == [0] && outside.seconds == 0)
    }

    /// One class: the cross-trigger mean has no term, so eFPR = FPR (psds_eval 0.5.3's NaN there
    /// makes its PSDS 0; 0.3.0 gave this value).
    @Test func singleClassPerfect() throws {
        let stats = PSDS.statistics(reference: [Self.event(2, 5, 0)], detections: [Self.scored(2, 5, 0, 0.9)], duration: 10,
                                    classes: 1, parameters: .psds2)
        let result = try PSDS.compute([(stats, 1)], classes: 1, parameters: .psds2)
        #expect(result.value == 1)
        #expect(result.classes[0].points.map(\.tpr) == [1])
    }

    /// A class without reference events: its curve is undefined (NaN with a reason) and left out
    /// of the mean; its false positives still count in the x-axis.
    @Test func classWithoutReferences() throws {
        let stats = PSDS.statistics(reference: [Self.event(2, 5, 0)],
                                    detections: [Self.scored(2, 5, 0, 0.9), Self.scored(6, 8, 1, 0.5)], duration: 3600,
                                    classes: 2, parameters: PSDSParameters())
        let result = try PSDS.compute([(stats, 1)], classes: 2, parameters: PSDSParameters())
        #expect(result.value == 1)
        #expect(result.classes[1].area.isNaN && result.classes[1].undefinedReason != nil)
        #expect(result.roc.efpr == [0, 1])
    }

    @Test func undefinedResults() throws {
        let p = PSDSParameters()
        let noTime = PSDS.statistics(reference: [Self.event(2, 5, 0)], detections: [Self.scored(2, 5, 0, 0.9)], duration: 0,
                                     classes: 1, parameters: p)
        let a = try PSDS.compute([(noTime, 1)], classes: 1, parameters: p)
        #expect(a.value.isNaN && a.undefinedReason?.contains("no video time") == true)
        let noReference = PSDS.statistics(reference: [], detections: [Self.scored(2, 5, 0, 0.9)], duration: 10, classes: 1, parameters: p)
        let b = try PSDS.compute([(noReference, 1)], classes: 1, parameters: p)
        #expect(b.value.isNaN && b.undefinedReason == "no reference events")
        let c = try PSDS.compute(operatingPoints: [], classes: 2, parameters: p)
        #expect(c.value.isNaN && c.undefinedReason == "no operating points")
        // No detections at all: the one operating point detects nothing.
        let nothing = PSDS.statistics(reference: [Self.event(2, 5, 0)], detections: [], duration: 10, classes: 1, parameters: p)
        let d = try PSDS.compute([(nothing, 1)], classes: 1, parameters: p)
        #expect(d.value == 0 && d.operatingPoints == 1)
    }

    @Test func nanScoresAreLeftOut() {
        let a = PSDS.statistics(reference: [Self.event(2, 5, 0)], detections: [Self.scored(2, 5, 0, .nan), Self.scored(7, 8, 0, .nan)],
                                duration: 10, classes: 1, parameters: PSDSParameters())
        #expect(a.changes.isEmpty && a.triggers.isEmpty)
    }

    @Test func parameterChecks() {
        #expect(PSDSParameters.psds1.problems.isEmpty && PSDSParameters.psds2.problems.isEmpty)
        #expect(throws: PSDSError.invalidParameter("dtc must be between 0 and 1, got 1.5")) {
            try PSDSParameters(dtc: 1.5).validate()
        }
        #expect(PSDSParameters(alphaCT: -0.1, alphaST: -1, maxEFPR: 0).problems.count == 3)
        let stats = PSDS.statistics(reference: [], detections: [], duration: 10, classes: 2, parameters: .psds1)
        #expect(throws: PSDSError.self) { try PSDS.compute([(stats, 1)], classes: 2, parameters: .psds2) }
        #expect(throws: PSDSError.self) { try PSDS.compute([(stats, 1)], classes: 3, parameters: .psds1) }
    }

    @Test func inputProblems() {
        #expect(PSDS.firstProblem(in: [Self.event(0, 1, 0), Self.event(1, 2, 0), Self.event(0, 1, 1)]) == nil)
        #expect(PSDS.firstProblem(in: [Self.event(0, 2, 0), Self.event(0, 2, 0)]) == nil, "identical copies are allowed")
        #expect(PSDS.firstProblem(in: [Self.event(0, 2, 0), Self.event(1, 3, 0)]) == .sameClassOverlap(first: 0, second: 1))
        #expect(PSDS.firstProblem(in: [Self.event(0, 5, 0), Self.event(5, 6, 1), Self.event(2, 2, 0)])
                == .sameClassOverlap(first: 0, second: 2), "a zero-length event inside another")
        #expect(PSDS.firstProblem(in: [Self.event(0, 9, 0), Self.event(0, 9, 0), Self.event(1, 2, 0)]) != nil)
        #expect(PSDS.firstProblem(in: [Self.event(3, 2, 0)]) == .onsetAfterOffset(index: 0))
    }

    @Test func portableRoundTrip() throws {
        var rng = SeededGenerator(seed: 99)
        let videos = PSDSSweepTests.randomVideos(&rng, count: 20, classes: 3)
        for v in videos {
            let stats = PSDS.statistics(reference: v.reference, detections: v.detections, duration: v.duration, classes: 3,
                                        parameters: .psds2)
            let bytes = stats.encoded
            let back = try PSDSVideoStatistics(decoding: bytes)
            #expect(back.encoded == bytes)
            #expect(back.criteria == stats.criteria && back.references == stats.references && back.changes == stats.changes
                    && back.triggers == stats.triggers && back.seconds.bitPattern == stats.seconds.bitPattern)
            if bytes.count > 8 {
                #expect(throws: StateDecodingError.self) { try PSDSVideoStatistics(decoding: Array(bytes.dropLast(3))) }
            }
        }
    }

    /// Renaming classes permutes the curves and leaves the score (up to the order of the class sums).
    @Test func remapped() throws {
        var rng = SeededGenerator(seed: 5)
        let videos = PSDSSweepTests.randomVideos(&rng, count: 15, classes: 3)
        let p = PSDSParameters.psds2
        let stats = videos.map { (PSDS.statistics(reference: $0.reference, detections: $0.detections, duration: $0.duration,
                                                  classes: 3, parameters: p), Int64(1)) }
        let map = [2, 0, 1]
        let moved = stats.map { ($0.0.remapped(map, classes: 3), $0.1) }
        let a = try PSDS.compute(stats, classes: 3, parameters: p)
        let b = try PSDS.compute(moved, classes: 3, parameters: p)
        #expect(abs(a.value - b.value) <= 1e-12 || (a.value.isNaN && b.value.isNaN))
        for k in 0..<3 { #expect(a.classes[k].points.map(\.tpr) == b.classes[map[k]].points.map(\.tpr)) }
    }
}
