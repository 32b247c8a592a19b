/// The interval metrics of task kind `events` (docs/events/intervals.md): temporal-IoU AP and
/// mAP as ActivityNet's `Evaluation/eval_detection.py` computes them
/// (`compute_average_precision_detection`, `segment_iou`, `interpolated_prec_rec`), and
/// duration-based precision and recall. `statistics` summarises one video; `compute` merges any
/// number of videos' statistics (shards, slices, bootstrap weights) and computes.
///
/// AP of class c at threshold t: c's predictions of every video in one order, score descending
/// (ties: video name, then onset, then input order); each is a true positive when
/// `TemporalIoU.matches` gave it a reference event of its video at t; AP is the interpolated
/// area (`TemporalIoU.interpolatedAveragePrecision`). A class with reference events but no
/// prediction has AP 0; a class without reference events has no AP (NaN, reported in
/// `classesWithoutReference`) and is left out of the mAP, which is the mean over the others
/// (upstream only knows classes that occur in its ground truth). Average mAP: the mean of the
/// mAPs over the thresholds. Means are numpy's (pairwise summation), so with every weight 1 the
/// values equal upstream's to the last bit or nearly (checked to 1e-12 against
/// Tests/Fixtures/events/activitynet).
public enum IntervalMetrics {
    /// One video's statistics. Labels must be in `0 ..< classes`, onsets ≤ offsets, scores not
    /// NaN, and the parameters valid (`TemporalIoUParameters.validate`).
    /// - Complexity: O(P log P + Σ_c P_c · G_c · (log G_c + T)) for P predictions.
    public static func statistics(video name: String, reference: [TimedEvent], predictions: [ScoredEvent],
                                  classes: Int, parameters: TemporalIoUParameters) -> IntervalVideoStatistics {
        precondition(!parameters.thresholds.isEmpty && parameters.thresholds.count <= TemporalIoUParameters.maximumThresholds,
                     "1 to 64 tIoU thresholds")
        precondition(!predictions.contains { $0.score.isNaN }, "a NaN score has no rank")
        let ranked = TemporalIoU.rankOrder(predictions).map { predictions[$0] }
        let hits = TemporalIoU.matches(reference: reference, ranked: ranked, classes: classes, thresholds: parameters.thresholds)
        var counts = [Int64](repeating: 0, count: classes)
        for r in reference { counts[Int(r.label)] += 1 }
        let counted = predictions.lazy.filter { $0.score >= parameters.durationMinimumScore }.map(\.event)
        let durations = DurationOverlap.measure(reference: reference, system: Array(counted), classes: classes)
        return IntervalVideoStatistics(name: name, thresholdCount: parameters.thresholds.count, referenceEvents: counts,
                                       durations: durations, labels: ranked.map(\.label), scores: ranked.map(\.score), hits: hits)
    }

    /// The metrics of `videos`, each counted `weight` times (0 leaves it out; a bootstrap draw).
    /// The order of `videos` does not matter: they are taken in name order (Swift's `<`, the
    /// order `EventsState` keeps; equal names in the given order). Every video must be
    /// `isCompatible(classes:parameters:)`. Replicates that only change the weights can sort
    /// once with `IntervalRanking` and call its `compute(weights:)`, which this calls.
    /// - Complexity: O(N log N + N · T) for N predictions in all.
    public static func compute(_ videos: [(IntervalVideoStatistics, weight: Int64)], classes: Int,
                               parameters: TemporalIoUParameters) -> IntervalMetricsResult {
        IntervalRanking(videos.map(\.0), classes: classes, parameters: parameters).compute(weights: videos.map(\.weight))
    }

    /// Duration precision and recall with their zero-division reasons.
    static func ratios(overlap: Double, system: Double, reference: Double)
        -> (precision: Double, precisionReason: String?, recall: Double, recallReason: String?) {
        let precision = system > 0 ? overlap / system : .nan
        let recall = reference > 0 ? overlap / reference : .nan
        return (precision, system > 0 ? nil : "0/0: no system event time",
                recall, reference > 0 ? nil : "0/0: no reference event time")
    }
}
