/// The metrics of task kind `tracking` (docs/metrics.md, "Tracking"). Boxes of one sequence are
/// not independent, so every interval resamples sequences: the bootstrap only, never Wilson.
public enum TrackingCatalog {
    static let higher = MetricInfo(.higherIsBetter, .rate, intervals: [.bootstrap])
    static let lower = MetricInfo(.lowerIsBetter, .rate, intervals: [.bootstrap])
    static let neutral = MetricInfo(nil, .rate, intervals: [.bootstrap])

    static let ratios: [(String, MetricInfo)] = TrackingMetrics.alphaKeys.map { ($0, higher) } + [
        ("hota_0", higher), ("loca_0", higher), ("hotaloca_0", higher),
        ("mota", higher), ("motp", neutral), ("moda", higher), ("recall", higher), ("precision", higher), ("clr_f1", higher),
        ("smota", higher), ("motal", higher), ("idf1", higher), ("idp", higher), ("idr", higher),
        ("mtr", higher), ("ptr", neutral), ("mlr", lower), ("fp_per_frame", lower),
    ]

    public static let catalog = MetricCatalog(ratios + [
        ("id_switches_per_1000_frames", lower), ("fragmentations_per_1000_frames", lower),
        ("tp", .count), ("fp", .count), ("fn", .count), ("id_switches", .count), ("fragmentations", .count),
        ("mostly_tracked", .count), ("partially_tracked", .count), ("mostly_lost", .count),
        ("idtp", .count), ("idfn", .count), ("idfp", .count), ("gt_dets", .count), ("tracker_dets", .count),
        ("gt_tracks", .count), ("tracker_tracks", .count), ("frames", .count), ("sequences", .count),
    ], patterns: [
        // HOTA's fields at one alpha: `hota@alpha=0.5`.
        .init(.beforeFirst("@")) { base, _ in TrackingMetrics.alphaKeys.contains(base) ? higher : nil },
        // The class average of a ratio: `mota_cls_av`.
        .init(.suffix("_cls_av")) { base, catalog in TrackingMetrics.classAveragedKeys.contains(base) ? catalog.info(base) : nil },
    ])
}
