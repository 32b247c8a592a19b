/// The metrics of task kind `detection` (docs/metrics.md, "Detection"): COCO's summary (AP, AR,
/// area ranges named by the scheme, `AR<max detections>`), the operating point's counts and rates,
/// and each object attribute's metrics (`plate.cer`, `colour.accuracy`, `plate.pairs`).
///
/// The operating point's precision, recall and miss rate are proportions of its counts, but
/// detections of one image are not independent draws, so their intervals use the (image)
/// bootstrap only; so do the attributes' metrics (pairs of one image).
public enum DetectionCatalog {
    static let ranked = MetricInfo(.higherIsBetter, .rankBased)

    /// Metrics of an attribute of the boxes: a label's (multiclass classification), a text's, and
    /// the pairs compared and boxes missed.
    static let attributeMetrics = ClassificationCatalog.catalog.merged(with: TextCatalog.catalog).merged(with: MetricCatalog([
        ("pairs", .count),
        ("missed", MetricInfo(.lowerIsBetter, .count)),
    ]))

    public static let catalog = MetricCatalog([
        ("AP", ranked), ("AP50", ranked), ("AP75", ranked), ("APs", ranked), ("APm", ranked), ("APl", ranked),
        ("ARs", ranked), ("ARm", ranked), ("ARl", ranked), ("voc_ap", ranked),
        ("precision", MetricInfo(.higherIsBetter, .proportion(numerator: ["tp"], denominator: ["tp", "fp"]), intervals: [.bootstrap])),
        ("recall", MetricInfo(.higherIsBetter, .proportion(numerator: ["tp"], denominator: ["tp", "fn"]), intervals: [.bootstrap])),
        ("f1", .higher),
        ("miss_rate", MetricInfo(.lowerIsBetter, .proportion(numerator: ["fn"], denominator: ["tp", "fn"]), intervals: [.bootstrap])),
        ("false_alarms_per_image", MetricInfo(.lowerIsBetter, .rate)),
        ("tp", .count),
        ("fp", MetricInfo(.lowerIsBetter, .count)),
        ("fn", MetricInfo(.lowerIsBetter, .count)),
        ("images", .count),
        ("ground_truth_boxes", .count),
    ], patterns: [
        // Area ranges the scheme names (`AP_tiny`), and AR at a max-detections setting (`AR100`).
        .init(.prefix("AP_")) { _, _ in ranked },
        .init(.prefix("AR_")) { _, _ in ranked },
        .init(.prefix("AR")) { m, _ in m.allSatisfy { $0.isASCII && $0.isNumber } ? ranked : nil },
        .init(.afterLast(".")) { metric, _ in
            attributeMetrics.info(metric).map { info in
                var info = info
                info.intervals.remove(.wilson)
                return info
            }
        },
    ])
}
