/// A fixed set of videos' interval statistics with every class's predictions sorted once into the
/// global rank order (docs/events/intervals.md, "Tie rule": score descending, then video name,
/// then the video's own rank order). `compute(weights:)` then costs O(N · T) for N predictions,
/// so bootstrap replicates that only redraw the videos' weights skip the O(N log N) sort.
/// `IntervalMetrics.compute` is this with one set of weights.
///
/// Memory: 12 bytes per prediction beside the statistics.
public struct IntervalRanking: Sendable {
    public let videos: [IntervalVideoStatistics]
    public let classes: Int
    public let parameters: TemporalIoUParameters
    /// Video indices in name order (equal names in the given order).
    let nameOrder: [Int]
    /// Per class, its predictions in global rank order: the video index and the mask.
    let entryVideo: [[Int32]]
    let entryHits: [[UInt64]]

    /// Every video must be `isCompatible(classes:parameters:)`.
    public init(_ videos: [IntervalVideoStatistics], classes: Int, parameters: TemporalIoUParameters) {
        for v in videos {
            precondition(v.isCompatible(classes: classes, parameters: parameters),
                         "statistics of '\(v.name)' are for \(v.classes) classes and \(v.thresholdCount) thresholds")
        }
        self.videos = videos
        self.classes = classes
        self.parameters = parameters
        let order = videos.indices.sorted { a, b in videos[a].name != videos[b].name ? videos[a].name < videos[b].name : a < b }
        nameOrder = order
        struct Entry {
            var score: Double
            var rank: Int32
            var position: Int32
            var video: Int32
        }
        var entries = [[Entry]](repeating: [], count: classes)
        for (rank, v) in order.enumerated() {
            let video = videos[v]
            for i in 0..<video.predictionCount {
                entries[Int(video.labels[i])].append(Entry(score: video.scores[i], rank: Int32(rank), position: Int32(i), video: Int32(v)))
            }
        }
        var entryVideo: [[Int32]] = []
        var entryHits: [[UInt64]] = []
        for k in 0..<classes {
            entries[k].sort { a, b in
                if a.score != b.score { return a.score > b.score }
                if a.rank != b.rank { return a.rank < b.rank }
                return a.position < b.position
            }
            entryVideo.append(entries[k].map(\.video))
            entryHits.append(entries[k].map { videos[Int($0.video)].hits[Int($0.position)] })
            entries[k] = []
        }
        self.entryVideo = entryVideo
        self.entryHits = entryHits
    }

    /// The metrics with video i counted `weights[i]` times (≥ 0; 0 leaves it out).
    public func compute(weights: [Int64]) -> IntervalMetricsResult {
        precondition(weights.count == videos.count, "one weight per video")
        let T = parameters.thresholds.count
        // Sums in name order.
        var positives = [Int64](repeating: 0, count: classes)
        var predictionCounts = [Int64](repeating: 0, count: classes)
        var durations = DurationOverlap(classes: classes)
        var videoCount: Int64 = 0
        for v in nameOrder {
            let weight = weights[v], video = videos[v]
            precondition(weight >= 0, "a negative weight")
            guard weight > 0 else { continue }
            videoCount += weight
            for k in 0..<classes { positives[k] += weight * video.referenceEvents[k] }
            for label in video.labels { predictionCounts[Int(label)] += weight }
            durations.add(video.durations, weight: weight)
        }
        let unweighted = weights.allSatisfy { $0 == 1 }

        var perClass: [IntervalMetricsResult.PerClass] = []
        var withoutReference: [Int] = []
        for k in 0..<classes {
            var ap = [Double](repeating: .nan, count: T)
            var apReason: String?
            if positives[k] > 0 {
                var hits = entryHits[k]
                var entryWeights: [Int64]? = nil
                if !unweighted {
                    let kept = entryVideo[k].indices.filter { weights[Int(entryVideo[k][$0])] > 0 }
                    hits = kept.map { entryHits[k][$0] }
                    entryWeights = kept.map { weights[Int(entryVideo[k][$0])] }
                }
                let g = Double(positives[k])
                hits.withUnsafeBufferPointer { h in
                    for t in 0..<T {
                        if let entryWeights {
                            ap[t] = entryWeights.withUnsafeBufferPointer {
                                TemporalIoU.interpolatedAveragePrecision(hits: h, weights: $0, threshold: t, positives: g)
                            }
                        } else {
                            ap[t] = TemporalIoU.interpolatedAveragePrecision(hits: h, weights: nil, threshold: t, positives: g)
                        }
                    }
                }
            } else {
                withoutReference.append(k)
                apReason = predictionCounts[k] > 0
                    ? "no reference events of this class (its \(predictionCounts[k]) predictions are all false positives): recall is 0/0"
                    : "no reference events and no predictions of this class"
            }
            let d = IntervalMetrics.ratios(overlap: durations.overlap[k], system: durations.system[k], reference: durations.reference[k])
            perClass.append(IntervalMetricsResult.PerClass(
                averagePrecision: ap, meanAveragePrecisionOverThresholds: apReason == nil ? numpyMean(ap) : .nan,
                averagePrecisionUndefined: apReason, referenceEvents: positives[k], predictions: predictionCounts[k],
                durationPrecision: d.precision, durationPrecisionUndefined: d.precisionReason,
                durationRecall: d.recall, durationRecallUndefined: d.recallReason,
                overlapSeconds: durations.overlap[k], systemSeconds: durations.system[k], referenceSeconds: durations.reference[k]))
        }

        // mAP over the classes with reference events, in class order.
        let defined = (0..<classes).filter { positives[$0] > 0 }
        var mAP = [Double](repeating: .nan, count: T)
        var mAPReason: String? = classes == 0 ? "no classes" : "no class has reference events"
        if !defined.isEmpty {
            mAPReason = nil
            for t in 0..<T { mAP[t] = numpyMean(defined.map { perClass[$0].averagePrecision[t] }) }
        }
        var overlap = 0.0, system = 0.0, reference = 0.0
        for k in 0..<classes {
            overlap += durations.overlap[k]
            system += durations.system[k]
            reference += durations.reference[k]
        }
        let overall = IntervalMetrics.ratios(overlap: overlap, system: system, reference: reference)
        return IntervalMetricsResult(
            thresholds: parameters.thresholds, classes: perClass, meanAveragePrecision: mAP,
            averageMeanAveragePrecision: mAPReason == nil ? numpyMean(mAP) : .nan, meanAveragePrecisionUndefined: mAPReason,
            classesWithoutReference: withoutReference,
            durationPrecision: overall.precision, durationPrecisionUndefined: overall.precisionReason,
            durationRecall: overall.recall, durationRecallUndefined: overall.recallReason, videos: videoCount)
    }
}
