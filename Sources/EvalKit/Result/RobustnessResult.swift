/// The robustness view of an evaluation (results.json `robustness`; definitions in
/// docs/metrics.md, "Robustness"): each condition's metrics against the clean condition's.
public struct RobustnessResult: Sendable {
    /// One metric on one condition against the clean condition.
    public struct Change: Sendable {
        public var metric: String
        /// The metric on the condition's items; NaN when undefined there.
        public var value: Double
        /// The metric on the clean condition's items; NaN when undefined or withheld.
        public var clean: Double
        /// `value − clean`; NaN when either is undefined.
        public var change: Double
        /// `(value − clean) / |clean|`; NaN when either is undefined or `clean` is 0
        /// (`relativeUndefinedReason` says which).
        public var relativeChange: Double
        public var relativeUndefinedReason: String?
        /// Percentile bootstrap intervals of `change` and `relativeChange`, from the replicates
        /// of the slices' intervals; nil without intervals or when undefined.
        public var changeInterval: Interval?
        public var relativeChangeInterval: Interval?

        /// How much worse than clean the condition is in the metric's bad direction (positive =
        /// worse); NaN when undefined.
        public func drop(_ direction: MetricDirection) -> Double {
            change.isNaN ? .nan : direction.drop(from: clean, to: value)
        }

        /// `drop / |clean|`; NaN when undefined (clean 0 or undefined).
        public func relativeDrop(_ direction: MetricDirection) -> Double {
            relativeChange.isNaN ? .nan : (direction == .higherIsBetter ? -relativeChange : relativeChange)
        }
    }

    /// One value of the attribute other than the clean one.
    public struct Condition: Sendable {
        /// The attribute's value (`blur`).
        public var value: String
        public var count: Int
        /// Fewer items than `min_slice_size`: its values are withheld (`changes` is empty).
        public var suppressed: Bool
        /// One per metric of the view, in `metrics` order; empty when suppressed.
        public var changes: [Change]

        public func change(_ metric: String) -> Change? { changes.first { $0.metric == metric } }
    }

    public var attribute: String
    /// The clean condition's value, its item count, and whether it is suppressed.
    public var clean: String
    public var cleanCount: Int
    public var cleanSuppressed: Bool
    /// The metrics compared, in report order.
    public var metrics: [String]
    /// Every other condition, in slice order (numbers numerically, `<missing>` last).
    public var conditions: [Condition]
    /// Undefined relative changes, suppressed conditions, how intervals were made.
    public var notes: [String] = []

    /// The conditions that are shown (not suppressed).
    public var shown: [Condition] { conditions.filter { !$0.suppressed } }
}
