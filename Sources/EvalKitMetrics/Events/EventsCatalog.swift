/// The metrics of task kind `events` (docs/metrics.md, "Events"). Proportions of events, frames or
/// segments are not independent draws (one video's events share its conditions), so every
/// interval resamples videos: the bootstrap only, never Wilson.
public enum EventsCatalog {
    static func proportion(_ family: String, _ numerator: [String], _ denominator: [String], _ direction: MetricDirection) -> MetricInfo {
        MetricInfo(direction, .proportion(numerator: numerator.map { family + "_" + $0 }, denominator: denominator.map { family + "_" + $0 }),
                   intervals: [.bootstrap])
    }

    static func family(_ name: String, grid: Bool) -> [(String, MetricInfo)] {
        var entries: [(String, MetricInfo)] = [
            ("f1", .higher),
            ("precision", proportion(name, ["tp"], grid ? ["tp", "fp"] : ["tp", "fp", "substitutions"], .higherIsBetter)),
            ("recall", proportion(name, ["tp"], grid ? ["tp", "fn"] : ["tp", "fn", "substitutions"], .higherIsBetter)),
            ("error_rate", MetricInfo(.lowerIsBetter, .rate)),
            ("substitution_rate", MetricInfo(.lowerIsBetter, .rate)),
            ("deletion_rate", MetricInfo(.lowerIsBetter, .rate)),
            ("insertion_rate", MetricInfo(.lowerIsBetter, .rate)),
            ("tp", .count),
            ("fp", MetricInfo(.lowerIsBetter, .count)),
            ("fn", MetricInfo(.lowerIsBetter, .count)),
            ("substitutions", MetricInfo(.lowerIsBetter, .count)),
        ]
        if grid {
            entries += [
                ("accuracy", MetricInfo(.higherIsBetter, .rate)),
                ("balanced_accuracy", MetricInfo(.higherIsBetter, .rate)),
                ("sensitivity", proportion(name, ["tp"], ["tp", "fn"], .higherIsBetter)),
                ("specificity", proportion(name, ["tn"], ["tn", "fp"], .higherIsBetter)),
                ("tn", .count),
                ("deletions", MetricInfo(.lowerIsBetter, .count)),
                ("insertions", MetricInfo(.lowerIsBetter, .count)),
            ]
        }
        var all = entries.map { (name + "_" + $0.0, $0.1) }
        for (key, info) in entries where !info.isCount && !["substitution_rate"].contains(key) {
            all.append((name + "_" + key + "_macro", info.averaged))
        }
        return all
    }

    public static let catalog = MetricCatalog(
        family("event", grid: false) + family("segment", grid: true) + family("frame", grid: true) + [
            ("false_alarms_per_hour", MetricInfo(.lowerIsBetter, .rate)),
            ("reference_events", .count),
            ("system_events", .count),
            ("videos", .count),
            ("hours", MetricInfo(nil, .other, intervals: [], comparedAcrossSlices: false)),
            ("duration_precision", MetricInfo(.higherIsBetter, .rate)),
            ("duration_recall", MetricInfo(.higherIsBetter, .rate)),
            ("tiou_map", MetricInfo(.higherIsBetter, .rankBased)),
            ("tiou_ap", MetricInfo(.higherIsBetter, .rankBased)),
            ("psds", MetricInfo(.higherIsBetter, .rankBased)),
            ("psd_roc_area", MetricInfo(.higherIsBetter, .rankBased)),
        ], patterns: [
            // Average precision at one temporal-IoU threshold (`tiou_map@0.5`, per class `tiou_ap@0.75`).
            .init(.prefix("tiou_map@")) { _, _ in MetricInfo(.higherIsBetter, .rankBased) },
            .init(.prefix("tiou_ap@")) { _, _ in MetricInfo(.higherIsBetter, .rankBased) },
            // NIST ActEV's scores under the scorer's names (`actev.mean-p_miss@0.1rfa`): all lower-is-better.
            .init(.prefix("actev.")) { _, _ in MetricInfo(.lowerIsBetter, .rankBased) },
        ])
}
