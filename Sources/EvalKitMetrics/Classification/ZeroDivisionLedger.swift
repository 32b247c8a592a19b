/// Divides under a `ZeroDivisionPolicy` and remembers where the policy replaced a 0/0.
///
/// Under `nan` a 0/0 gives NaN (and the caller sets the reason); under `zero`/`one` it gives
/// 0/1 and the metric's name is recorded so `notes` can say where the policy was applied.
/// This mirrors scikit-learn's `_prf_divide`: the policy applies only when the denominator is 0.
@usableFromInline
internal struct ZeroDivisionLedger {
    let policy: ZeroDivisionPolicy
    /// Names (`precision['b']`, `mcc`) where the policy value replaced a 0/0.
    private(set) var applied: [String] = []
    /// Keys reported as undefined (NaN) under the `nan` policy or regardless of policy.
    private(set) var undefined: [String] = []

    init(_ policy: ZeroDivisionPolicy) { self.policy = policy }

    /// `numerator / denominator`, or the policy value when `denominator == 0`.
    mutating func divide(_ numerator: Double, _ denominator: Double, _ name: @autoclosure () -> String) -> Double {
        if denominator != 0 { return numerator / denominator }
        return undefinedValue(name())
    }

    /// The policy value for a metric that is undefined on this data (recording it).
    mutating func undefinedValue(_ name: String) -> Double {
        if policy == .nan { return .nan }
        applied.append(name)
        return policy.value
    }

    /// Records a key reported as NaN, for the summary note.
    mutating func noteUndefined(_ name: String) { undefined.append(name) }

    /// Plain-language notes: where the policy was applied, which values are undefined.
    func notes() -> [String] {
        var notes: [String] = []
        if !applied.isEmpty {
            notes.append(
                "zero_division=\(policy.rawValue) set \(Self.list(applied)) to \(policy.value) "
                    + "(0/0 or undefined on this data)")
        }
        if !undefined.isEmpty {
            notes.append("undefined on this data, reported as null: \(Self.list(undefined))")
        }
        return notes
    }

    private static func list(_ names: [String]) -> String {
        let limit = 12
        if names.count <= limit { return names.joined(separator: ", ") }
        return names.prefix(limit).joined(separator: ", ") + " and \(names.count - limit) more"
    }
}
