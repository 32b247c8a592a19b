import EvalKitData

/// A gate: a condition on a computed metric that decides the exit code (1 when any gate fails).
///
/// This version checks overall values (`min`, `max`). The type carries the scope fields that
/// slice and baseline gates will use, so adding them changes no caller.
public struct GateSpec: Sendable {
    public enum Bound: Sendable, Equatable {
        /// observed >= limit
        case min(Double)
        /// observed <= limit
        case max(Double)
    }

    public var metric: String
    public var bound: Bound
    /// The evaluation the gate belongs to.
    public var evaluation: String
    /// The gate's node in the scheme, for messages.
    public var node: JSONNode

    /// The gate as people read it: `f1 >= 0.6`.
    public var summary: String {
        switch bound {
        case .min(let limit): "\(metric) >= \(JSONOutput.format(limit))"
        case .max(let limit): "\(metric) <= \(JSONOutput.format(limit))"
        }
    }
}
