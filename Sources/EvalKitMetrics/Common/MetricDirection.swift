/// Which way a metric improves, for change gates against a baseline (`max_drop`): a drop is a
/// fall of a higher-is-better metric or a rise of a lower-is-better one. One table for every
/// task kind; a metric not listed has no direction and cannot have a change gate.
public enum MetricDirection: String, Sendable {
    case higherIsBetter = "higher"
    case lowerIsBetter = "lower"

    /// Exact keys that are lower-is-better.
    static let lower: Set<String> = [
        "fpr", "fnr", "fp", "fn", "hamming_loss", "error_rate", "substitution_rate", "deletion_rate",
        "insertion_rate", "false_alarms_per_hour", "eer", "cer", "nAUDC", "fmr@threshold", "fnmr@threshold",
        "miss_rate", "false_alarms_per_image", "missed", "log_loss",
    ]
    /// Exact keys without a direction (counts and neutral rates).
    static let neutral: Set<String> = ["tp", "tn", "support", "selection_rate", "count", "items", "images", "pairs", "ground_truth_boxes"]

    /// The direction of `metric`, or nil when it has none. Suffixes `_macro`, `_micro`,
    /// `_weighted`, `_samples` keep the base metric's direction; an operating-point key
    /// (`recall@fpr=0.01`) takes the direction of the metric before `@`, and `threshold@...` has none;
    /// an attribute's metric (`plate.cer`) takes the direction of the part after the last dot.
    public static func of(_ metric: String) -> MetricDirection? {
        var base = metric
        if let dot = base.lastIndex(of: "."), !base.contains("@") { base = String(base[base.index(after: dot)...]) }
        if let at = base.firstIndex(of: "@") {
            base = String(base[..<at])
            if base == "threshold" { return nil }
        }
        if lower.contains(base) || base.hasPrefix("fnmr@") || base.hasPrefix("fnir@") || base.hasPrefix("pmiss@") {
            return .lowerIsBetter
        }
        for suffix in ["_macro", "_micro", "_weighted", "_samples"] where base.hasSuffix(suffix) {
            return of(String(base.dropLast(suffix.count)))
        }
        if neutral.contains(base) || base.hasPrefix("threshold") { return nil }
        if base.hasSuffix("_error_rate") || base.hasSuffix("_rate") && base.contains("error") { return .lowerIsBetter }
        return .higherIsBetter
    }

    /// How much worse `candidate` is than `baseline` (positive = worse).
    public func drop(from baseline: Double, to candidate: Double) -> Double {
        switch self {
        case .higherIsBetter: baseline - candidate
        case .lowerIsBetter: candidate - baseline
        }
    }
}
