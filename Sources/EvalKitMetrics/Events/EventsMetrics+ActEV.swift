/// NIST ActEV's activity-detection scores for the `events` task (docs/events/actev.md): each
/// class is an activity, each scored system event an instance with its score as presenceConf, and
/// the scorer's values are reported under its own names with the prefix `actev.`:
/// `actev.mean-p_miss@0.1rfa`, `actev.mean-nAUDC@0.2rfa`, `actev.n-mide`, … overall (the scorer's
/// aggregated values) and `actev.p_miss@0.1rfa`, … per class. Every one is lower-is-better.
extension EventsMetrics {
    /// The overall ActEV keys a protocol reports (for checking gates' metric names at plan time).
    public static func actevMetricNames(_ parameters: ActEVParameters) -> [String] {
        ActEV.compute([], activities: ["activity"], parameters: parameters, includeZeroReferenceActivities: true)
            .aggregated.keys.map { "actev." + $0 }
    }

    public static func addActEVMetrics(_ state: EventsState, parameters: ActEVParameters, to computed: inout ComputedMetrics) {
        let whole = state.videos.filter { !$0.isPart }
        let videos = whole.compactMap { video in video.actev.map { (statistics: $0, weight: video.weight) } }
        guard !videos.isEmpty, videos.count == whole.count else { return }
        let result = ActEV.compute(videos, activities: state.labels, parameters: parameters)
        var metrics = computed.metrics
        for key in result.aggregated.keys {
            metrics.set("actev." + key, result.aggregated[key]!, undefinedReason: result.aggregated.undefinedReasons[key])
        }
        computed.metrics = metrics
        // DET points (`actev_det.csv` with --out): per activity, each kept presenceConf threshold's
        // false alarms per minute, Pmiss and time-based false alarm.
        func text(_ value: Double?) -> String { value.map { $0.isNaN ? "" : "\($0)" } ?? "" }
        var det = ItemTable(name: "actev_det", columns: ["activity", "threshold", "correct", "false_alarms", "rfa", "p_miss", "w_p_miss", "tfa"],
                            itemLevel: false)
        for activity in result.activities {
            for point in activity.curve {
                det.rows.append([activity.name, "\(point.threshold)", String(point.correct), String(point.falseAlarms),
                                 text(point.rateOfFalseAlarms), text(point.pMiss), text(point.weightedPMiss), text(point.timeFalseAlarm)])
            }
        }
        if computed.perClass.count == state.labels.count { computed.itemTables.append(det) }
        guard computed.perClass.count == state.labels.count else { return }
        for activity in result.activities {
            guard let k = state.labels.firstIndex(of: activity.name) else { continue }
            var row = computed.perClass[k].metrics
            for key in activity.scores.keys {
                row.set("actev." + key, activity.scores[key]!, undefinedReason: activity.scores.undefinedReasons[key])
            }
            computed.perClass[k].metrics = row
        }
    }
}
