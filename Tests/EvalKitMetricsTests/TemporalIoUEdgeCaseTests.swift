import Testing
@testable import EvalKitMetrics

/// Edge cases of the interval metrics: undefined values and their reasons, degenerate
/// intervals, the tie rule, parameters, duration unions, and state bytes.
@Suite struct TemporalIoUEdgeCaseTests {
    func ev(_ a: Double, _ b: Double, _ k: Int32 = 0) -> TimedEvent { TimedEvent(onset: a, offset: b, label: k) }
    func sc(_ a: Double, _ b: Double, _ k: Int32 = 0, _ s: Double) -> ScoredEvent { ScoredEvent(onset: a, offset: b, label: k, score: s) }

    func run(_ videos: [(String, [TimedEvent], [ScoredEvent])], classes: Int,
             parameters: TemporalIoUParameters = TemporalIoUParameters()) -> IntervalMetricsResult {
        let stats = videos.map {
            IntervalMetrics.statistics(video: $0.0, reference: $0.1, predictions: $0.2, classes: classes, parameters: parameters)
        }
        return IntervalMetrics.compute(stats.map { ($0, 1) }, classes: classes, parameters: parameters)
    }

    @Test func temporalIoUValues() {
        #expect(TemporalIoU.of(onset: 0, offset: 2, reference: ev(0, 4)) == 0.5)
        #expect(TemporalIoU.of(onset: 4, offset: 6, reference: ev(0, 4)) == 0)  // touching
        #expect(TemporalIoU.of(onset: 7, offset: 9, reference: ev(0, 4)) == 0)  // apart
        #expect(TemporalIoU.of(onset: 2, offset: 2, reference: ev(0, 4)) == 0)  // zero-length inside
        // Two zero-length events: union 0. Upstream's 0/0 is NaN (a match at every threshold); evalkit's 0.
        #expect(TemporalIoU.of(onset: 3, offset: 3, reference: ev(3, 3)) == 0)
        #expect(TemporalIoU.of(onset: 1, offset: 3, reference: ev(0, 4)) == 0.5)
    }

    @Test func zeroLengthEventsNeverMatch() {
        let r = run([("v", [ev(3, 3)], [sc(3, 3, 0, 0.9)])], classes: 1)
        #expect(r.classes[0].averagePrecision.allSatisfy { $0 == 0 })
    }

    @Test func tIoUOnAThresholdMatches() {
        let p = TemporalIoUParameters(thresholds: [0.5, 0.5000000000000001])
        let r = run([("v", [ev(0, 4)], [sc(0, 2, 0, 0.9)])], classes: 1, parameters: p)
        #expect(r.classes[0].averagePrecision == [1, 0])
    }

    @Test func classWithoutReferenceIsUndefinedAndLeftOut() {
        // Class 0: one hit (AP 1). Class 1: predictions, no reference. Class 2: nothing at all.
        let r = run([("v", [ev(0, 10)], [sc(0, 10, 0, 0.9), sc(0, 10, 1, 0.8)])], classes: 3)
        #expect(r.classesWithoutReference == [1, 2])
        #expect(r.classes[1].averagePrecision.allSatisfy { $0.isNaN })
        #expect(r.classes[1].averagePrecisionUndefined?.contains("1 predictions are all false positives") == true)
        #expect(r.classes[2].averagePrecisionUndefined == "no reference events and no predictions of this class")
        #expect(r.meanAveragePrecision.allSatisfy { $0 == 1 })
        #expect(r.averageMeanAveragePrecision == 1)
        #expect(r.meanAveragePrecisionUndefined == nil)
        // Duration: class 1 has system time but no reference time.
        #expect(r.classes[1].durationPrecision == 0 && r.classes[1].durationRecall.isNaN)
        #expect(r.classes[1].durationRecallUndefined != nil && r.classes[2].durationPrecisionUndefined != nil)
        #expect(r.durationPrecision == 0.5 && r.durationRecall == 1)
    }

    @Test func classWithoutPredictionsHasAPZero() {
        let r = run([("v", [ev(0, 10, 0), ev(0, 10, 1)], [sc(0, 10, 0, 0.9)])], classes: 2)
        #expect(r.classes[1].averagePrecision.allSatisfy { $0 == 0 })
        #expect(r.classes[1].averagePrecisionUndefined == nil)
        #expect(r.meanAveragePrecision.allSatisfy { $0 == 0.5 })
        #expect(r.classes[1].durationPrecision.isNaN && r.classes[1].durationRecall == 0)
    }

    @Test func nothingToEvaluate() {
        for r in [run([], classes: 2), run([("v", [], [])], classes: 2), run([("v", [], [])], classes: 0)] {
            #expect(r.meanAveragePrecision.allSatisfy { $0.isNaN } && r.averageMeanAveragePrecision.isNaN)
            #expect(r.meanAveragePrecisionUndefined != nil)
            #expect(r.durationPrecision.isNaN && r.durationRecall.isNaN)
        }
        // All weights zero: as if there were no videos.
        let p = TemporalIoUParameters()
        let s = IntervalMetrics.statistics(video: "v", reference: [ev(0, 10)], predictions: [sc(0, 10, 0, 0.9)], classes: 1, parameters: p)
        let r = IntervalMetrics.compute([(s, 0)], classes: 1, parameters: p)
        #expect(r.videos == 0 && r.classesWithoutReference == [0] && r.averageMeanAveragePrecision.isNaN)
    }

    @Test func predictionsInAVideoWithoutReferenceAreFalsePositives() {
        // Ranked: 0.9 (video a, no reference: fp), 0.8 (video b: tp). Precision at the hit: 1/2.
        let r = run([("a", [], [sc(0, 10, 0, 0.9)]), ("b", [ev(0, 10)], [sc(0, 10, 0, 0.8)])], classes: 1)
        #expect(r.classes[0].averagePrecision.allSatisfy { $0 == 0.5 })
    }

    /// Equal scores: video name, then onset, then input order; equal tIoUs: earlier onset, then first listed.
    @Test func tieRule() {
        let p = TemporalIoUParameters(thresholds: [0.5])
        // Across videos: "a" before "b" whatever their order in the list. a's prediction misses,
        // b's hits: precision at the hit 1/2 → AP 0.5 (it would be 1 the other way round).
        let r1 = run([("b", [ev(0, 10)], [sc(0, 10, 0, 0.7)]), ("a", [], [sc(0, 10, 0, 0.7)])], classes: 1, parameters: p)
        #expect(r1.classes[0].averagePrecision == [0.5])
        // Within a video: the earlier onset first although listed second; it takes the only reference.
        let s = IntervalMetrics.statistics(video: "v", reference: [ev(5, 15)], predictions: [sc(6, 15, 0, 0.8), sc(5, 15, 0, 0.8)],
                                           classes: 1, parameters: p)
        #expect(s.hits == [1, 0])
        // Same score and onset: input order.
        let s2 = IntervalMetrics.statistics(video: "v", reference: [ev(2, 12), ev(4, 14)],
                                            predictions: [sc(3, 13, 0, 0.6), sc(3, 12, 0, 0.6)], classes: 1,
                                            parameters: TemporalIoUParameters(thresholds: [0.75]))
        // The first ties at 9/11 with both references and takes (2, 12), the earlier onset; the
        // second then has only (4, 14) at 8/11 < 0.75 (the other way round both would hit).
        #expect(s2.hits == [1, 0])
    }

    @Test func parametersAreValidated() {
        #expect(throws: TemporalIoUError.noThresholds) { try TemporalIoUParameters(thresholds: []).validate() }
        #expect(throws: TemporalIoUError.invalidThreshold(0)) { try TemporalIoUParameters(thresholds: [0.5, 0]).validate() }
        #expect(throws: TemporalIoUError.invalidThreshold(1.5)) { try TemporalIoUParameters(thresholds: [1.5]).validate() }
        #expect(throws: TemporalIoUError.tooManyThresholds(65)) {
            try TemporalIoUParameters(thresholds: Array(repeating: 0.5, count: 65)).validate()
        }
        #expect(throws: TemporalIoUError.invalidMinimumScore) { try TemporalIoUParameters(durationMinimumScore: .nan).validate() }
        #expect(TemporalIoUError.invalidThreshold(1.5).description.contains("(0, 1]"))
        #expect(throws: Never.self) { try TemporalIoUParameters(thresholds: Array(repeating: 1, count: 64)).validate() }
    }

    @Test func sixtyFourThresholds() {
        let p = TemporalIoUParameters(thresholds: TemporalIoUParameters.linspace(0.01, 1, count: 64))
        let r = run([("v", [ev(0, 10)], [sc(0, 5, 0, 0.9)])], classes: 1, parameters: p)
        for (t, threshold) in p.thresholds.enumerated() {
            #expect(r.classes[0].averagePrecision[t] == (threshold <= 0.5 ? 1 : 0))
        }
    }

    @Test func durationUnitesEachSide() {
        // Reference of class 0: [0, 10) ∪ [5, 12) ∪ [12, 14) = [0, 14): 14 s. System: [8, 20) twice
        // and a zero-length event: 12 s. Overlap [8, 14): 6 s. Class 1 apart.
        let d = DurationOverlap.measure(reference: [ev(0, 10), ev(5, 12), ev(12, 14), ev(0, 3, 1)],
                                        system: [ev(8, 20), ev(8, 20), ev(9, 9), ev(2, 4, 1), ev(0, 100, 2)], classes: 3)
        #expect(d.reference == [14, 3, 0] && d.system == [12, 2, 100] && d.overlap == [6, 1, 0])
        // Nested intervals.
        let n = DurationOverlap.measure(reference: [ev(0, 100)], system: [ev(10, 20), ev(30, 40), ev(15, 35)], classes: 1)
        #expect(n.system == [30] && n.overlap == [30])
    }

    @Test func durationMinimumScore() {
        let p = TemporalIoUParameters(durationMinimumScore: 0.5)
        let r = run([("v", [ev(0, 10)], [sc(0, 10, 0, 0.9), sc(20, 30, 0, 0.4), sc(30, 40, 0, 0.5)])], classes: 1, parameters: p)
        #expect(r.classes[0].systemSeconds == 20 && r.classes[0].durationPrecision == 0.5)
        // AP uses every prediction.
        #expect(r.classes[0].predictions == 3)
    }

    @Test func statisticsRoundTripThroughBytes() throws {
        for (seed, video) in tiedVideos(seed: 9, videos: 20, classes: 3).enumerated() {
            let p = TemporalIoUParameters(thresholds: [0.1, 0.5, 0.9])
            let s = IntervalMetrics.statistics(video: video.name + "·\(seed)", reference: video.reference, predictions: video.predictions,
                                               classes: 3, parameters: p)
            #expect(try IntervalVideoStatistics(decoding: s.encoded) == s)
        }
    }

    @Test func corruptBytesThrow() throws {
        let p = TemporalIoUParameters(thresholds: [0.5, 0.7])
        let good = IntervalMetrics.statistics(video: "v", reference: [ev(0, 10), ev(3, 4, 1)],
                                              predictions: [sc(0, 10, 0, 0.9), sc(2, 5, 1, 0.3)], classes: 2, parameters: p)
        let bytes = good.encoded
        #expect(throws: StateDecodingError.self) { try IntervalVideoStatistics(decoding: Array(bytes.dropLast(3))) }
        var badLabel = good
        badLabel.labels[1] = 2
        #expect(throws: StateDecodingError.self) { try IntervalVideoStatistics(decoding: badLabel.encoded) }
        var badOrder = good
        badOrder.scores = [0.3, 0.9]
        #expect(throws: StateDecodingError.self) { try IntervalVideoStatistics(decoding: badOrder.encoded) }
        var badMask = good
        badMask.hits[0] = 0b100
        #expect(throws: StateDecodingError.self) { try IntervalVideoStatistics(decoding: badMask.encoded) }
        var badCount = good
        badCount.thresholdCount = 65
        #expect(throws: StateDecodingError.self) { try IntervalVideoStatistics(decoding: badCount.encoded) }
        var badDuration = good
        badDuration.durations.system[0] = -1
        #expect(throws: StateDecodingError.self) { try IntervalVideoStatistics(decoding: badDuration.encoded) }
        var badClasses = good
        badClasses.referenceEvents.append(0)
        #expect(throws: StateDecodingError.self) { try IntervalVideoStatistics(decoding: badClasses.encoded) }
    }

    @Test func compatibility() {
        let p = TemporalIoUParameters()
        let s = IntervalMetrics.statistics(video: "v", reference: [], predictions: [], classes: 2, parameters: p)
        #expect(s.isCompatible(classes: 2, parameters: p))
        #expect(!s.isCompatible(classes: 3, parameters: p))
        #expect(!s.isCompatible(classes: 2, parameters: TemporalIoUParameters(thresholds: [0.5])))
    }
}
