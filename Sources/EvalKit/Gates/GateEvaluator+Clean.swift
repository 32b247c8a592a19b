import EvalKitData

extension GateEvaluator {
    /// A gate `"against": "clean"`: every shown condition of the robustness view against the
    /// clean condition. The drop is how much worse than clean a condition is in the metric's bad
    /// direction (`max_drop`), or that over |clean| (`max_relative_drop`); the gate fails when any
    /// condition drops more than the limit. Suppressed conditions are not checked; a condition
    /// whose drop is undefined (an undefined value, a clean value of 0 for a relative drop) fails
    /// the gate unless `"when_undefined": "pass"`; with nothing checked the gate is unchecked.
    /// With `"require": "significant"` a breach counts only when the bootstrap interval of the
    /// change lies wholly beyond the limit.
    static func cleanGate(_ gate: GateSpec, evaluation: EvaluationResult) -> GateResult {
        guard let view = evaluation.robustness else {
            return unchecked(gate, slice: nil, because: "the evaluation has no robustness view")
        }
        guard let direction = gate.direction else {
            return unchecked(gate, slice: nil, because: "\(gate.metric) has no better direction, so no drop can be measured")
        }
        if view.cleanSuppressed {
            var result = unchecked(gate, slice: nil,
                                   because: "the clean condition \(view.attribute)=\(view.clean) has \(view.cleanCount) items, fewer than "
                                    + "min_slice_size \(evaluation.minSliceSize): its values are withheld")
            result.against = "clean"
            return result
        }
        var relative = false
        if case .maxRelativeDrop = gate.bound { relative = true }
        let what = relative ? "relative drop" : "drop"
        let limit = gate.bound.limit
        var checked: [(condition: RobustnessResult.Condition, change: RobustnessResult.Change, measured: Double)] = []
        var undefined: [String] = []
        for condition in view.shown {
            guard let change = condition.change(gate.metric) else {
                undefined.append("\(condition.value) (not computed)")
                continue
            }
            let measured = relative ? change.relativeDrop(direction) : change.drop(direction)
            if measured.isNaN {
                undefined.append("\(condition.value) (\(change.relativeUndefinedReason ?? "undefined"))")
            } else {
                checked.append((condition, change, measured))
            }
        }
        let suppressed = view.conditions.count - view.shown.count
        var skipped: [String] = []
        if suppressed > 0 { skipped.append("\(suppressed) suppressed condition(s) not checked") }
        guard !checked.isEmpty else {
            var why = view.conditions.isEmpty ? "the data has no condition of \(view.attribute) besides the clean one"
                : "no condition of \(view.attribute) has a defined \(what) of \(gate.metric)"
            if !undefined.isEmpty { why += ": " + undefined.prefix(5).joined(separator: ", ") }
            if suppressed > 0 { why += (undefined.isEmpty ? ": " : "; ") + skipped[0] }
            var result = unchecked(gate, slice: nil, because: why)
            result.against = "clean"
            return result
        }
        if !undefined.isEmpty {
            skipped.append("\(undefined.count) condition(s) with the \(what) undefined "
                + (gate.whenUndefined == .pass ? "not checked (when_undefined: pass)" : "fail (when_undefined: fail)")
                + ": " + undefined.prefix(5).joined(separator: ", "))
        }
        var failures: [(condition: RobustnessResult.Condition, change: RobustnessResult.Change, measured: Double)] = []
        var notSignificant: [String] = []
        for item in checked where item.measured > limit {
            if gate.requireSignificant, let interval = relative ? item.change.relativeChangeInterval : item.change.changeInterval {
                // The drop's interval from the change's: a drop is −change when higher is better,
                // +change when lower is better (relative drops likewise from relative changes).
                let lowestDrop = direction == .higherIsBetter ? -interval.upper : interval.lower
                if !(lowestDrop > limit) {
                    notSignificant.append(item.condition.value)
                    continue
                }
            }
            failures.append(item)
        }
        if !notSignificant.isEmpty {
            skipped.append("not significant (the interval includes the limit): " + notSignificant.joined(separator: ", "))
        }
        let skippedText = skipped.isEmpty ? "" : "; " + skipped.joined(separator: "; ")
        let worst = (failures.isEmpty ? checked : failures).max { $0.measured < $1.measured }!
        var result = GateResult(gate: gate.summary, evaluation: gate.evaluation, metric: gate.metric, passed: true,
                                observed: worst.change.value, limit: limit, slice: [view.attribute: worst.condition.value], message: "")
        result.baseline = worst.change.clean
        result.drop = worst.change.drop(direction)
        result.against = "clean"
        let f = JSONOutput.format
        if failures.isEmpty && (undefined.isEmpty || gate.whenUndefined == .pass) {
            result.message = skipped.isEmpty ? "" : "\(checked.count) condition(s) checked; worst \(worst.condition.value): \(what) "
                + f(worst.measured) + skippedText
            return result
        }
        result.passed = false
        let listed = failures.sorted { $0.measured > $1.measured }.prefix(5).map { "\($0.condition.value) (\(f($0.measured)))" }
        result.message = failures.isEmpty
            ? "\(gate.metric): \(undefined.count) condition(s) have no \(what) to check" + skippedText
            : "\(failures.count) of \(view.shown.count) condition(s) drop more than \(f(limit)) from clean \(view.attribute)=\(view.clean) "
                + "(\(direction == .higherIsBetter ? "higher" : "lower") is better; \(what)): " + listed.joined(separator: ", ")
                + (failures.count > 5 ? ", …" : "") + skippedText
        return result
    }

    /// A change gate that needs a paired test (`"require": "significant"`) against a baseline run
    /// with `"privacy": "aggregate_only"`: such a run keeps no item outcomes, so the test cannot be
    /// made and the gate fails, not checked (whatever `when_undefined` says: it is not a value
    /// that happens to be undefined but a check that cannot be made).
    static func withoutItemOutcomes(_ gate: GateSpec, baselineReference: String) -> GateResult {
        var slice: [String: String]?
        if case .slice(let attributes, let values) = gate.scope { slice = Dictionary(uniqueKeysWithValues: zip(attributes, values)) }
        var result = GateResult(gate: gate.summary, evaluation: gate.evaluation, metric: gate.metric, passed: false,
                                observed: nil, limit: gate.bound.limit, slice: slice,
                                message: "the paired test needs every item's outcome, but the baseline \(baselineReference) ran with "
                                    + "\"privacy\": \"aggregate_only\" and keeps none: the gate cannot be checked, so it fails "
                                    + "(remove \"require\": \"significant\" to gate on the observed change)")
        result.checked = false
        return result
    }
}
