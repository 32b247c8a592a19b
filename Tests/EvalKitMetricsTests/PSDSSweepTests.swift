import Testing
@testable import EvalKitMetrics

/// The scored statistics and their sweep against the operating-point counts applied at every
/// distinct score, on random data: many videos, ties in scores, overlapping and identical
/// detections of one class, zero-length events, events outside the video, bootstrap weights.
/// Equality is exact (the same bits), not approximate.
@Suite struct PSDSSweepTests {
    struct RandomVideo {
        var duration: Double
        var reference: [TimedEvent]
        var detections: [ScoredEvent]
    }

    /// Times on a 0.1 s grid half of the time (shares then land on the criteria), scores from a
    /// few values (ties) or continuous, some NaN.
    static func randomVideos(_ rng: inout SeededGenerator, count: Int, classes: Int) -> [RandomVideo] {
        let grid = Bool.random(using: &rng)
        let scoreLevels = Int.random(in: 2...12, using: &rng)
        func time(_ x: Double) -> Double { grid ? (x * 10).rounded() / 10 : x }
        return (0..<count).map { _ in
            let duration = Int.random(in: 0..<8, using: &rng) == 0 ? 0 : time(Double.random(in: 5...60, using: &rng))
            var reference: [TimedEvent] = []
            for _ in 0..<Int.random(in: 0...8, using: &rng) {
                let on = time(Double.random(in: -1...max(duration, 5), using: &rng))
                let length = Int.random(in: 0..<10, using: &rng) == 0 ? 0 : time(Double.random(in: 0.1...8, using: &rng))
                reference.append(TimedEvent(onset: on, offset: on + length, label: Int32.random(in: 0..<Int32(classes), using: &rng)))
            }
            var detections: [ScoredEvent] = []
            func score() -> Double {
                if Int.random(in: 0..<40, using: &rng) == 0 { return .nan }
                return Bool.random(using: &rng) ? Double(Int.random(in: 0..<scoreLevels, using: &rng)) / Double(scoreLevels)
                    : Double.random(in: 0...1, using: &rng)
            }
            for r in reference where Int.random(in: 0..<5, using: &rng) > 0 {
                // Fragments and copies of reference events, sometimes of another class.
                let label = Int.random(in: 0..<4, using: &rng) == 0 ? Int32.random(in: 0..<Int32(classes), using: &rng) : r.label
                var start = r.onset + time(Double.random(in: -0.5...0.5, using: &rng))
                for _ in 0..<Int.random(in: 1...3, using: &rng) {
                    let end = start + time(Double.random(in: 0...(r.offset - r.onset + 0.5), using: &rng))
                    detections.append(ScoredEvent(onset: start, offset: end, label: label, score: score()))
                    start = end - (Bool.random(using: &rng) ? 0 : time(Double.random(in: 0...0.5, using: &rng)))
                }
            }
            for _ in 0..<Int.random(in: 0...4, using: &rng) {
                let on = time(Double.random(in: -2...(max(duration, 5) + 2), using: &rng))
                detections.append(ScoredEvent(onset: on, offset: on + time(Double.random(in: 0...5, using: &rng)),
                                              label: Int32.random(in: 0..<Int32(classes), using: &rng), score: score()))
            }
            if let d = detections.randomElement(using: &rng), Bool.random(using: &rng) {
                detections.append(ScoredEvent(onset: d.onset, offset: d.offset, label: d.label, score: score()))
            }
            detections.shuffle(using: &rng)
            return RandomVideo(duration: duration, reference: reference, detections: detections)
        }
    }

    static func randomParameters(_ rng: inout SeededGenerator) -> PSDSParameters {
        let edges = [0.0, 0.1, 0.3, 0.5, 0.7, 1.0]
        func criterion() -> Double { Bool.random(using: &rng) ? edges.randomElement(using: &rng)! : Double.random(in: 0...1, using: &rng) }
        return PSDSParameters(dtc: criterion(), gtc: criterion(), cttc: criterion(), alphaCT: [0, 0.5, 1].randomElement(using: &rng)!,
                              alphaST: [0, 1, 2].randomElement(using: &rng)!, maxEFPR: [20, 100, 1000].randomElement(using: &rng)!)
    }

    /// The explicit route: a table per distinct score, counted per video and summed with weights.
    static func explicitCounts(_ videos: [RandomVideo], weights: [Int64], classes: Int, parameters: PSDSParameters)
        -> (thresholds: [Double], counts: [PSDSCounts]) {
        let scores = Set(videos.flatMap { $0.detections.map(\.score) }.filter { !$0.isNaN }).sorted(by: >)
        let counts = scores.map { t in
            var total = PSDSCounts(classes: classes)
            for (v, weight) in zip(videos, weights) where weight > 0 {
                total.add(PSDS.counts(reference: v.reference, detections: v.detections.filter { $0.score >= t }.map(\.event),
                                      duration: v.duration, classes: classes, parameters: parameters), weight: weight)
            }
            return total
        }
        return (scores, counts)
    }

    static func statistics(_ videos: [RandomVideo], weights: [Int64], classes: Int, parameters: PSDSParameters)
        -> [(statistics: PSDSVideoStatistics, weight: Int64)] {
        zip(videos, weights).map {
            (PSDS.statistics(reference: $0.reference, detections: $0.detections, duration: $0.duration, classes: classes,
                             parameters: parameters), $1)
        }
    }

    static func same(_ a: Double, _ b: Double) -> Bool { a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) }

    static func expectSame(_ a: PSDSResult, _ b: PSDSResult, _ context: String) {
        #expect(same(a.value, b.value) && a.undefinedReason == b.undefinedReason, "\(context): PSDS \(a.value) vs \(b.value)")
        #expect(a.roc == b.roc, "\(context): PSD-ROC")
        for (c, (p, q)) in zip(a.classes, b.classes).enumerated() {
            #expect(p.points.map(\.efpr) == q.points.map(\.efpr) && p.points.map(\.tpr) == q.points.map(\.tpr)
                    && same(p.area, q.area), "\(context): class \(c) curve")
        }
    }

    @Test(arguments: 0..<60)
    func sweepEqualsOperatingPoints(seed: Int) throws {
        var rng = SeededGenerator(seed: UInt64(seed) &* 7919 &+ 17)
        let classes = Int.random(in: 1...5, using: &rng)
        let videos = Self.randomVideos(&rng, count: Int.random(in: 1...40, using: &rng), classes: classes)
        let weights = videos.map { _ in seed % 3 == 0 ? Int64.random(in: 0...3, using: &rng) : 1 }
        let parameters = Self.randomParameters(&rng)
        let (thresholds, counts) = Self.explicitCounts(videos, weights: weights, classes: classes, parameters: parameters)
        let stats = Self.statistics(videos, weights: weights, classes: classes, parameters: parameters)

        // Counts at every threshold: a change threshold's counts equal the table's; others repeat.
        let swept = try PSDS.thresholdCounts(stats, classes: classes, parameters: parameters)
        var next = 0
        var current: PSDSCounts?
        for (t, op) in zip(thresholds, counts) {
            if next < swept.count && swept[next].threshold == t {
                current = swept[next].counts
                next += 1
            }
            if let current {
                #expect(op == current, "seed \(seed): counts at \(t)")
            } else {
                #expect(op.truePositives.allSatisfy { $0 == 0 } && op.falsePositives.allSatisfy { $0 == 0 }
                        && op.crossTriggers.allSatisfy { $0 == 0 }, "seed \(seed): nothing counted above \(t)")
            }
        }
        #expect(next == swept.count, "seed \(seed): every sweep threshold is a distinct score")

        let scored = try PSDS.compute(stats, classes: classes, parameters: parameters)
        if counts.isEmpty {
            #expect(scored.operatingPoints == 1 && (scored.value == 0 || scored.value.isNaN), "seed \(seed): no detections")
        } else {
            let explicit = try PSDS.compute(operatingPoints: counts, classes: classes, parameters: parameters)
            Self.expectSame(scored, explicit, "seed \(seed)")
        }
    }

    /// A video counted w times equals w copies of it; weight 0 equals leaving it out.
    @Test(arguments: 0..<10)
    func weightsAreCopies(seed: Int) throws {
        var rng = SeededGenerator(seed: UInt64(seed) &+ 1000)
        let classes = Int.random(in: 2...4, using: &rng)
        let videos = Self.randomVideos(&rng, count: 12, classes: classes)
        let parameters = Self.randomParameters(&rng)
        let weights = videos.map { _ in Int64.random(in: 0...3, using: &rng) }
        let weighted = try PSDS.compute(Self.statistics(videos, weights: weights, classes: classes, parameters: parameters),
                                        classes: classes, parameters: parameters)
        var copies: [RandomVideo] = []
        for (v, w) in zip(videos, weights) { copies += Array(repeating: v, count: Int(w)) }
        let copied = try PSDS.compute(Self.statistics(copies, weights: copies.map { _ in 1 }, classes: classes, parameters: parameters),
                                      classes: classes, parameters: parameters)
        #expect(abs(weighted.value - copied.value) <= 1e-12 || (weighted.value.isNaN && copied.value.isNaN),
                "seed \(seed): \(weighted.value) vs \(copied.value)")
    }

    /// Videos in another order (shards merged differently) change only the rounding of the summed seconds.
    @Test(arguments: 0..<10)
    func videoOrder(seed: Int) throws {
        var rng = SeededGenerator(seed: UInt64(seed) &+ 2000)
        let classes = Int.random(in: 2...4, using: &rng)
        let videos = Self.randomVideos(&rng, count: 20, classes: classes)
        let parameters = Self.randomParameters(&rng)
        var stats = Self.statistics(videos, weights: videos.map { _ in 1 }, classes: classes, parameters: parameters)
        let a = try PSDS.compute(stats, classes: classes, parameters: parameters)
        stats.shuffle(using: &rng)
        let b = try PSDS.compute(stats, classes: classes, parameters: parameters)
        #expect(abs(a.value - b.value) <= 1e-12 || (a.value.isNaN && b.value.isNaN), "seed \(seed): \(a.value) vs \(b.value)")
    }

    /// `appendChanges` against the Kahan sum evaluated at every level, on shares built to sum to
    /// the criterion (the band's exact path) and random ones.
    @Test(arguments: 0..<200)
    func gtcChangesEqualBruteForce(seed: Int) {
        var rng = SeededGenerator(seed: UInt64(seed) &+ 3000)
        let gtc = [0.0, 0.3, 0.5, 0.7, 1.0, Double.random(in: 0...1, using: &rng)].randomElement(using: &rng)!
        let n = Int.random(in: 1...12, using: &rng)
        var candidates: [(share: Double, score: Double)] = []
        if Bool.random(using: &rng) {
            // Decimal pieces of an event of decimal length, covering gtc of it.
            let length = (Double.random(in: 1...10, using: &rng) * 100).rounded() / 100
            let start = (Double.random(in: 0...50, using: &rng) * 10).rounded() / 10
            let end = ((start + gtc * length) * 1000).rounded() / 1000
            var cuts = (0..<(n - 1)).map { _ in ((Double.random(in: start...end, using: &rng)) * 1000).rounded() / 1000 }
            cuts = ([start] + cuts.sorted() + [end])
            let total = (start + length) - start
            for (a, b) in zip(cuts, cuts.dropFirst()) where b > a {
                candidates.append(((b - a) / total, Double(Int.random(in: 0..<4, using: &rng))))
            }
        } else {
            for _ in 0..<n { candidates.append((Double.random(in: 0...0.4, using: &rng), Double(Int.random(in: 0..<5, using: &rng)))) }
        }
        var changes: [PSDSVideoStatistics.Change] = []
        PSDS.appendChanges(of: candidates, label: 0, gtc: gtc, into: &changes)
        var expected: [PSDSVideoStatistics.Change] = []
        var status = false
        for level in Set(candidates.map(\.score)).sorted(by: >) {
            var sum = PSDSGeometry.KahanSum()
            for c in candidates where c.score >= level { sum.add(c.share) }
            if (sum.sum >= gtc) != status {
                status.toggle()
                expected.append(.init(score: level, label: 0, delta: status ? 1 : -1))
            }
        }
        #expect(changes == expected, "seed \(seed)")
    }

    @Test(arguments: 0..<50)
    func intersectingEqualsBruteForce(seed: Int) {
        var rng = SeededGenerator(seed: UInt64(seed) &+ 4000)
        let events = (0..<Int.random(in: 0...30, using: &rng)).map { _ in
            let on = Double.random(in: 0...20, using: &rng)
            return TimedEvent(onset: on, offset: on + Double.random(in: -0.5...6, using: &rng), label: Int32.random(in: 0..<3, using: &rng))
        }
        let index = PSDSReferenceIndex(events, classes: 3)
        var found: [Int] = []
        for _ in 0..<20 {
            let on = Double.random(in: -2...22, using: &rng), off = on + Double.random(in: 0...5, using: &rng)
            index.intersecting(onset: on, offset: off, into: &found)
            let brute = (0..<index.count).filter { index.onsets[$0] < off && on < index.offsets[$0] }
            #expect(found == brute)
        }
    }
}
