/// The metrics of task kind `text` (docs/metrics.md, "Text").
public enum TextCatalog {
    public static let catalog = MetricCatalog([
        ("exact_match", MetricInfo(.higherIsBetter, .rate)),
        ("cer", MetricInfo(.lowerIsBetter, .rate)),
        ("char_accuracy", MetricInfo(.higherIsBetter, .rate)),
        ("items", .count),
    ])
}
