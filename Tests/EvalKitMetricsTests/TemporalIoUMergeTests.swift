import Testing
@testable import EvalKitMetrics

/// Random videos with many ties: scores on a 0.1 grid, integer times (equal onsets, equal tIoUs).
struct TiedVideo {
    var name: String
    var reference: [TimedEvent]
    var predictions: [ScoredEvent]
}

func tiedVideos(seed: UInt64, videos: Int, classes: Int) -> [TiedVideo] {
    var rng = SeededGenerator(seed: seed)
    return (0..<videos).map { v in
        func interval() -> (Double, Double) {
            let a = Double(Int.random(in: 0...20, using: &rng))
            return (a, a + Double(Int.random(in: 0...8, using: &rng)))
        }
        let reference = (0..<Int.random(in: 0...5, using: &rng)).map { _ in
            let (a, b) = interval()
            return TimedEvent(onset: a, offset: b, label: Int32.random(in: 0..<Int32(classes), using: &rng))
        }
        let predictions = (0..<Int.random(in: 0...12, using: &rng)).map { _ in
            let (a, b) = interval()
            return ScoredEvent(onset: a, offset: b, label: Int32.random(in: 0..<Int32(classes), using: &rng),
                               score: Double(Int.random(in: 1...9, using: &rng)) / 10)
        }
        // Names in an order unrelated to the list's.
        return TiedVideo(name: "vid\((v * 7919) % 1000)", reference: reference, predictions: predictions)
    }
}

/// A second, direct implementation over all the data at once: every class's predictions of every
/// video (a video of weight w as w copies) in one list ordered by the tie rule, matched in that
/// order against the references of their video copy, and the VOC 2011 interpolated AP with plain
/// sums. No per-video statistics involved.
func directAveragePrecision(_ videos: [(TiedVideo, weight: Int)], classes: Int, thresholds: [Double]) -> [[Double]] {
    struct Item { var score: Double; var name: String; var onset: Double; var index: Int; var copy: Int; var video: Int; var event: ScoredEvent }
    var result = [[Double]](repeating: [], count: classes)
    for k in 0..<classes {
        var items: [Item] = []
        var positives = 0
        for (v, (video, weight)) in videos.enumerated() {
            for copy in 0..<weight {
                positives += video.reference.filter { $0.label == Int32(k) }.count
                for (i, p) in video.predictions.enumerated() where p.label == Int32(k) {
                    items.append(Item(score: p.score, name: video.name, onset: p.onset, index: i, copy: copy, video: v, event: p))
                }
            }
        }
        items.sort { a, b in
            if a.score != b.score { return a.score > b.score }
            if a.name != b.name { return a.name < b.name }
            if a.onset != b.onset { return a.onset < b.onset }
            if a.index != b.index { return a.index < b.index }
            return a.copy < b.copy
        }
        var taken = Set<[Int]>()  // [threshold, video, copy, reference]
        var apRow: [Double] = []
        for (t, threshold) in thresholds.enumerated() {
            var tp = 0.0, fp = 0.0
            var precision: [Double] = [], recall: [Double] = []
            for item in items {
                let refs = videos[item.video].0.reference.enumerated().filter { $0.element.label == Int32(k) }
                let ranked = refs.map { (iou: TemporalIoU.of(onset: item.event.onset, offset: item.event.offset, reference: $0.element),
                                         onset: $0.element.onset, j: $0.offset) }
                    .sorted { ($0.iou, -$0.onset, -Double($0.j)) > ($1.iou, -$1.onset, -Double($1.j)) }
                var hit = false
                for r in ranked where r.iou >= threshold && r.iou > 0 {
                    let key = [t, item.video, item.copy, r.j]
                    if taken.contains(key) { continue }
                    taken.insert(key)
                    hit = true
                    break
                }
                if hit { tp += 1 } else { fp += 1 }
                precision.append(tp / (tp + fp))
                recall.append(positives > 0 ? tp / Double(positives) : .nan)
            }
            guard positives > 0 else { apRow.append(.nan); continue }
            // Area under the interpolated curve: for each recall step, the best precision at or after it.
            var ap = 0.0, previous = 0.0
            for i in items.indices where recall[i] != previous {
                ap += (recall[i] - previous) * precision[i...].max()!
                previous = recall[i]
            }
            apRow.append(ap)
        }
        result[k] = apRow
    }
    return result
}

func sameBits(_ a: IntervalMetricsResult, _ b: IntervalMetricsResult) -> Bool {
    func bits(_ x: [Double]) -> [UInt64] { x.map(\.bitPattern) }
    guard bits(a.meanAveragePrecision) == bits(b.meanAveragePrecision),
          a.averageMeanAveragePrecision.bitPattern == b.averageMeanAveragePrecision.bitPattern,
          a.durationPrecision.bitPattern == b.durationPrecision.bitPattern, a.durationRecall.bitPattern == b.durationRecall.bitPattern,
          a.classesWithoutReference == b.classesWithoutReference, a.videos == b.videos, a.classes.count == b.classes.count
    else { return false }
    for (p, q) in zip(a.classes, b.classes) {
        guard bits(p.averagePrecision) == bits(q.averagePrecision), p.referenceEvents == q.referenceEvents,
              p.predictions == q.predictions, bits([p.durationPrecision, p.durationRecall, p.overlapSeconds, p.systemSeconds])
                  == bits([q.durationPrecision, q.durationRecall, q.overlapSeconds, q.systemSeconds])
        else { return false }
    }
    return true
}

/// Merging per-video statistics in any order (shuffled, sharded, through bytes) gives the whole:
/// the same bits as one computation, and the values of a direct computation over all the data.
@Suite struct TemporalIoUMergeTests {
    static let classes = 3
    static let parameters = TemporalIoUParameters(thresholds: [0.3, 0.5, 0.7, 0.9, 1.0])

    static func stats(_ videos: [TiedVideo]) -> [IntervalVideoStatistics] {
        videos.map { IntervalMetrics.statistics(video: $0.name, reference: $0.reference, predictions: $0.predictions,
                                                classes: classes, parameters: parameters) }
    }

    @Test(arguments: 0..<40)
    func mergeInAnyOrderIsTheWhole(seed: Int) throws {
        let videos = tiedVideos(seed: UInt64(seed), videos: 12, classes: Self.classes)
        let stats = Self.stats(videos)
        let whole = IntervalMetrics.compute(stats.map { ($0, 1) }, classes: Self.classes, parameters: Self.parameters)

        var rng = SeededGenerator(seed: UInt64(1000 + seed))
        let shuffled = stats.shuffled(using: &rng)
        // Shards of random sizes, each written to bytes and read back, gathered in reverse.
        var shards: [[IntervalVideoStatistics]] = []
        var rest = shuffled[...]
        while !rest.isEmpty {
            let n = Int.random(in: 1...max(1, rest.count), using: &rng)
            shards.append(Array(rest.prefix(n)))
            rest = rest.dropFirst(n)
        }
        var gathered: [IntervalVideoStatistics] = []
        for shard in shards.reversed() {
            var writer = StateWriter()
            writer.write(shard)
            var reader = StateReader(writer.bytes)
            gathered += try reader.readArray(IntervalVideoStatistics.self)
            #expect(reader.isAtEnd)
        }
        let merged = IntervalMetrics.compute(gathered.map { ($0, 1) }, classes: Self.classes, parameters: Self.parameters)
        #expect(sameBits(whole, merged), "seed \(seed)")

        let direct = directAveragePrecision(videos.map { ($0, 1) }, classes: Self.classes, thresholds: Self.parameters.thresholds)
        for k in 0..<Self.classes {
            for t in Self.parameters.thresholds.indices {
                #expect(agrees(whole.classes[k].averagePrecision[t], direct[k][t], tolerance: 1e-12),
                        "seed \(seed) class \(k) threshold \(t): \(whole.classes[k].averagePrecision[t]) vs direct \(direct[k][t])")
            }
        }
    }

    /// A weight w counts a video as w copies whose predictions tie completely.
    @Test(arguments: 0..<25)
    func weightsAreCopies(seed: Int) {
        let videos = tiedVideos(seed: UInt64(500 + seed), videos: 8, classes: Self.classes)
        var rng = SeededGenerator(seed: UInt64(seed))
        let weights = videos.map { _ in Int.random(in: 0...3, using: &rng) }
        let stats = Self.stats(videos)
        let result = IntervalMetrics.compute(zip(stats, weights).map { ($0, Int64($1)) }, classes: Self.classes, parameters: Self.parameters)
        let direct = directAveragePrecision(Array(zip(videos, weights)), classes: Self.classes, thresholds: Self.parameters.thresholds)
        for k in 0..<Self.classes {
            for t in Self.parameters.thresholds.indices {
                #expect(agrees(result.classes[k].averagePrecision[t], direct[k][t], tolerance: 1e-12),
                        "seed \(seed) class \(k) threshold \(t): \(result.classes[k].averagePrecision[t]) vs copies \(direct[k][t])")
            }
        }
        #expect(result.videos == Int64(weights.reduce(0, +)))
        // Duration sums are the weighted sums.
        for k in 0..<Self.classes {
            var overlap = 0.0
            for (s, w) in zip(stats, weights) { overlap += Double(w) * s.durations.overlap[k] }
            #expect(abs(result.classes[k].overlapSeconds - overlap) <= 1e-9)
        }
    }

    /// A ranking sorted once gives, for any weights, the bits of a fresh computation.
    @Test func rankingReusedAcrossReplicates() {
        let videos = tiedVideos(seed: 31, videos: 15, classes: Self.classes)
        let stats = Self.stats(videos)
        let ranking = IntervalRanking(stats, classes: Self.classes, parameters: Self.parameters)
        var rng = SeededGenerator(seed: 5)
        for _ in 0..<20 {
            let weights = stats.map { _ in Int64.random(in: 0...2, using: &rng) }
            let fresh = IntervalMetrics.compute(zip(stats, weights).map { ($0, $1) }, classes: Self.classes, parameters: Self.parameters)
            #expect(sameBits(ranking.compute(weights: weights), fresh))
        }
        #expect(sameBits(ranking.compute(weights: stats.map { _ in 1 }),
                         IntervalMetrics.compute(stats.map { ($0, 1) }, classes: Self.classes, parameters: Self.parameters)))
    }

    /// Renaming classes (a merge of states with other labels) permutes the results.
    @Test func remappedClassesPermuteResults() {
        let videos = tiedVideos(seed: 77, videos: 10, classes: Self.classes)
        let stats = Self.stats(videos)
        let map = [2, 0, 3]  // into 4 classes; class 1 of the new order gets nothing
        let before = IntervalMetrics.compute(stats.map { ($0, 1) }, classes: Self.classes, parameters: Self.parameters)
        let after = IntervalMetrics.compute(stats.map { ($0.remapped(map, classes: 4), 1) }, classes: 4, parameters: Self.parameters)
        for (k, target) in map.enumerated() {
            #expect(before.classes[k].averagePrecision.map(\.bitPattern) == after.classes[target].averagePrecision.map(\.bitPattern))
            #expect(before.classes[k].durationRecall.bitPattern == after.classes[target].durationRecall.bitPattern)
        }
        #expect(after.classesWithoutReference.contains(1))
        #expect(after.classes[1].averagePrecision.allSatisfy { $0.isNaN })
    }

    /// Within a video, only the rank order counts: the statistics do not depend on the order of
    /// the input lists when no two predictions share score and onset.
    @Test(arguments: 0..<10)
    func inputOrderWithinAVideoIsIrrelevantWithoutTies(seed: Int) {
        var rng = SeededGenerator(seed: UInt64(seed))
        let reference = (0..<6).map { _ in
            let a = Double.random(in: 0..<50, using: &rng)
            return TimedEvent(onset: a, offset: a + Double.random(in: 1..<20, using: &rng), label: Int32.random(in: 0..<2, using: &rng))
        }
        let predictions = (0..<20).map { _ in
            let a = Double.random(in: 0..<50, using: &rng)
            return ScoredEvent(onset: a, offset: a + Double.random(in: 1..<20, using: &rng), label: Int32.random(in: 0..<2, using: &rng),
                               score: Double.random(in: 0..<1, using: &rng))
        }
        let p = TemporalIoUParameters()
        let a = IntervalMetrics.statistics(video: "v", reference: reference, predictions: predictions, classes: 2, parameters: p)
        let b = IntervalMetrics.statistics(video: "v", reference: reference.shuffled(using: &rng),
                                           predictions: predictions.shuffled(using: &rng), classes: 2, parameters: p)
        #expect(a.labels == b.labels && a.scores == b.scores && a.hits == b.hits && a.referenceEvents == b.referenceEvents)
        #expect(abs(a.durations.overlap[0] - b.durations.overlap[0]) <= 1e-12 && abs(a.durations.system[1] - b.durations.system[1]) <= 1e-12)
    }
}
