/// Which way a metric improves, for change gates against a baseline (`max_drop`): a drop is a
/// fall of a higher-is-better metric or a rise of a lower-is-better one. Each task kind's
/// `MetricCatalog` gives a metric's direction; a metric without one cannot have a change gate.
public enum MetricDirection: String, Sendable {
    case higherIsBetter = "higher"
    case lowerIsBetter = "lower"

    /// How much worse `candidate` is than `baseline` (positive = worse).
    public func drop(from baseline: Double, to candidate: Double) -> Double {
        switch self {
        case .higherIsBetter: baseline - candidate
        case .lowerIsBetter: candidate - baseline
        }
    }
}
