/// The metrics of task kind `verification` (docs/metrics.md, "Verification"). Comparisons that
/// share a subject are not independent, so every interval resamples subjects: the bootstrap
/// only, never Wilson.
public enum VerificationCatalog {
    static let errorRate = MetricInfo(.lowerIsBetter, .rate, intervals: [.bootstrap])
    static let successRate = MetricInfo(.higherIsBetter, .rate, intervals: [.bootstrap])
    static let threshold = MetricInfo(nil, .curve, intervals: [.bootstrap], comparedAcrossSlices: false)

    public static let catalog = MetricCatalog([
        ("eer", errorRate),
        ("eer_threshold", threshold),
        ("fmr@threshold", errorRate),
        ("fnmr@threshold", errorRate),
        ("fmr@global_threshold", errorRate),
        ("fnmr@global_threshold", errorRate),
        ("global_threshold", MetricInfo(nil, .curve, intervals: [], comparedAcrossSlices: false)),
        ("genuine_comparisons", .count),
        ("impostor_comparisons", .count),
        ("subjects", .count),
        ("mated_searches", .count),
        ("nonmated_searches", .count),
    ], patterns: [
        // One per FMR target: `fnmr@fmr=1e-4`, `tar@far=1e-4`, `threshold@fmr=1e-4`.
        .init(.prefix("fnmr@fmr=")) { _, _ in errorRate },
        .init(.prefix("tar@far=")) { _, _ in successRate },
        .init(.prefix("threshold@fmr=")) { _, _ in threshold },
        // Identification: `rank1`, `rank5`, `fnir@fpir=0.01`, `threshold@fpir=0.01`.
        .init(.prefix("rank")) { part, _ in Int(part).map { _ in successRate } },
        .init(.prefix("fnir@fpir=")) { _, _ in errorRate },
        .init(.prefix("threshold@fpir=")) { _, _ in threshold },
    ])
}
