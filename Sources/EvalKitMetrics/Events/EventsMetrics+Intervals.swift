/// The interval metrics of the `events` task (docs/metrics.md, "Events: interval metrics";
/// `IntervalMetrics`, after ActivityNet's `eval_detection.py`): duration-based precision and
/// recall, and average precision at each temporal-IoU threshold with its mean over classes.
///
/// | key | definition |
/// |---|---|
/// | `duration_precision`, `duration_recall` | overlap seconds / system seconds, / reference seconds (each class's events united) |
/// | `tiou_map@t` | mAP at tIoU threshold t: the mean over classes with reference events of their AP |
/// | `tiou_map` | the mean of `tiou_map@t` over the thresholds (ActivityNet's average mAP) |
/// | per class `tiou_ap@t`, `tiou_ap` | AP at t, and its mean over the thresholds |
///
/// Without scores (the predictions name no `score` column) the ranking is arbitrary, so the AP
/// keys are undefined with that reason; the duration metrics need no scores.
extension EventsMetrics {
    /// The key suffix of a threshold: its shortest decimal form rounded to 4 places (`0.5`, `0.55`, `0.9`).
    public static func thresholdKey(_ t: Double) -> String {
        ((t * 10_000).rounded() / 10_000).description
    }

    /// Adds the interval metrics of `state`'s videos to `computed` (overall, and per class when
    /// `computed.perClass` lists the state's labels).
    public static func addIntervalMetrics(_ state: EventsState, parameters: TemporalIoUParameters, scored: Bool,
                                          to computed: inout ComputedMetrics) {
        let whole = state.videos.filter { !$0.isPart }
        let videos = whole.compactMap { video in video.intervals.map { ($0, weight: video.weight) } }
        guard videos.count == whole.count else { return }
        let result = IntervalMetrics.compute(videos, classes: state.labels.count, parameters: parameters)
        let noScores = "the predictions have no scores (name a \"score\" column): average precision needs a ranking"
        var metrics = computed.metrics
        metrics.set("duration_precision", result.durationPrecision, undefinedReason: result.durationPrecisionUndefined)
        metrics.set("duration_recall", result.durationRecall, undefinedReason: result.durationRecallUndefined)
        if scored {
            metrics.set("tiou_map", result.averageMeanAveragePrecision, undefinedReason: result.meanAveragePrecisionUndefined)
            for (t, value) in zip(result.thresholds, result.meanAveragePrecision) {
                metrics.set("tiou_map@" + thresholdKey(t), value, undefinedReason: value.isNaN ? result.meanAveragePrecisionUndefined : nil)
            }
        } else {
            metrics.set("tiou_map", .nan, undefinedReason: noScores)
            for t in result.thresholds { metrics.set("tiou_map@" + thresholdKey(t), .nan, undefinedReason: noScores) }
        }
        computed.metrics = metrics
        guard computed.perClass.count == state.labels.count else { return }
        for (k, perClass) in result.classes.enumerated() {
            var row = computed.perClass[k].metrics
            row.set("duration_precision", perClass.durationPrecision, undefinedReason: perClass.durationPrecisionUndefined)
            row.set("duration_recall", perClass.durationRecall, undefinedReason: perClass.durationRecallUndefined)
            let reason = scored ? perClass.averagePrecisionUndefined : noScores
            row.set("tiou_ap", scored ? perClass.meanAveragePrecisionOverThresholds : .nan, undefinedReason: reason)
            for (t, value) in zip(result.thresholds, perClass.averagePrecision) {
                row.set("tiou_ap@" + thresholdKey(t), scored ? value : .nan, undefinedReason: reason)
            }
            computed.perClass[k].metrics = row
        }
    }
}
