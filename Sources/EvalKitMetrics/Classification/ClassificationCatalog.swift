/// The metrics of task kind `classification` (docs/metrics.md, "Classification"): binary,
/// multiclass, multilabel and per-class keys, their averages (`f1_macro`), operating points
/// (`recall@fpr=0.01`) and top-k accuracies (`top_k_accuracy@k=3`).
public enum ClassificationCatalog {
    static let all = ["tp", "fp", "fn", "tn"]

    /// The binary proportions come first, in the order the Wilson note lists them.
    public static let catalog = MetricCatalog([
        ("precision", MetricInfo(.higherIsBetter, .proportion(numerator: ["tp"], denominator: ["tp", "fp"]))),
        ("recall", MetricInfo(.higherIsBetter, .proportion(numerator: ["tp"], denominator: ["tp", "fn"]))),
        ("specificity", MetricInfo(.higherIsBetter, .proportion(numerator: ["tn"], denominator: ["tn", "fp"]))),
        ("fpr", MetricInfo(.lowerIsBetter, .proportion(numerator: ["fp"], denominator: ["fp", "tn"]))),
        ("fnr", MetricInfo(.lowerIsBetter, .proportion(numerator: ["fn"], denominator: ["tp", "fn"]))),
        ("accuracy", MetricInfo(.higherIsBetter, .proportion(numerator: ["tp", "tn"], denominator: all))),
        ("selection_rate", MetricInfo(nil, .proportion(numerator: ["tp", "fp"], denominator: all))),
        ("balanced_accuracy", .higher),
        ("f1", .higher),
        ("fbeta", .higher),
        ("mcc", .higher),
        ("cohen_kappa", .higher),
        ("roc_auc", MetricInfo(.higherIsBetter, .rankBased)),
        ("average_precision", MetricInfo(.higherIsBetter, .rankBased)),
        ("roc_auc_ovr_macro", MetricInfo(.higherIsBetter, .rankBased)),
        ("roc_auc_ovr_weighted", MetricInfo(.higherIsBetter, .rankBased)),
        ("roc_auc_ovo_macro", MetricInfo(.higherIsBetter, .rankBased)),
        ("roc_auc_ovo_weighted", MetricInfo(.higherIsBetter, .rankBased)),
        ("log_loss", .lower),
        ("hamming_loss", MetricInfo(.lowerIsBetter, .rate)),
        ("tp", .count),
        ("fp", MetricInfo(.lowerIsBetter, .count)),
        ("fn", MetricInfo(.lowerIsBetter, .count)),
        ("tn", .count),
        ("support", .count),
    ], patterns: [
        .init(.prefix("top_k_accuracy@k=")) { k, _ in
            Int(k).map { $0 >= 1 } == true ? MetricInfo(.higherIsBetter, .rate, comparedAcrossSlices: false) : nil
        },
        .init(.beforeFirst("@")) { metric, _ in operatingPoint(metric) },
    ] + ["_macro", "_micro", "_weighted", "_samples"].map { suffix in
        .init(.suffix(suffix)) { metric, catalog in catalog.info(metric).flatMap { $0.isCount ? nil : $0.averaged } }
    })

    /// A metric at an operating point (`OperatingPoints.reportedMetrics` before `@`).
    static func operatingPoint(_ metric: String) -> MetricInfo? {
        switch metric {
        case "threshold": MetricInfo(nil, .curve)
        case "recall", "tpr", "precision", "f1": MetricInfo(.higherIsBetter, .curve)
        case "fpr": MetricInfo(.lowerIsBetter, .curve)
        default: nil
        }
    }
}
