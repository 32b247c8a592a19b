import EvalKitData

/// Checks gates against computed metrics, slices and disparities.
///
/// Policies (docs/schemes.md, "Gates"):
/// - a gate with nothing to check fails, saying why: an undefined metric (NaN), a named slice that
///   is suppressed (below `min_slice_size`), a `"slices"` gate whose every slice is suppressed or
///   undefined, a disparity with fewer than two shown slices. A release must not pass on a number
///   that does not exist. `"when_undefined": "pass"` makes such a gate pass, reported as not checked;
/// - suppressed slices are not checked by `"slices"` gates; the message says how many there were;
/// - with `"require": "significant"`, a breach fails only when the whole interval is beyond the
///   limit;
/// - a change gate that needs a paired test against a baseline run with `"privacy":
///   "aggregate_only"` (which keeps no item outcomes) fails, not checked, whatever `when_undefined`.
public enum GateEvaluator {
    public static func evaluate(_ gate: GateSpec, overall: MetricValues, evaluation: EvaluationResult,
                                baseline: Baseline.Evaluation? = nil, baselineReference: String? = nil,
                                paired: PairedChange? = nil) throws -> GateResult {
        var result = try check(gate, overall: overall, evaluation: evaluation, baseline: baseline,
                               baselineReference: baselineReference, paired: paired)
        result.groupings = gate.scope.groupings
        return result
    }

    static func check(_ gate: GateSpec, overall: MetricValues, evaluation: EvaluationResult,
                      baseline: Baseline.Evaluation?, baselineReference: String?, paired: PairedChange?) throws -> GateResult {
        if gate.scope == .clean { return cleanGate(gate, evaluation: evaluation) }
        if gate.bound.isChange {
            return try changeGate(gate, overall: overall, evaluation: evaluation, baseline: baseline, reference: baselineReference,
                                  paired: paired)
        }
        switch gate.scope {
        case .overall:
            return valueGate(gate, value: overall[gate.metric], reason: overall.undefinedReasons[gate.metric],
                             interval: evaluation.intervals[gate.metric], slice: nil)
        case .slice(let attributes, let values):
            guard let slice = evaluation.slices.first(where: { $0.attributes == attributes && $0.values == values }) else {
                let known = evaluation.slices.filter { $0.attributes == attributes }.map { quoted($0.values.joined(separator: ",")) }
                throw InputError(file: gate.file, line: gate.node.line,
                                 path: gate.node.childPath("slice"),
                                 message: "the gate's slice \(zip(attributes, values).map { "\($0)=\($1)" }.joined(separator: ", ")) does not occur in the data",
                                 hint: "slices found: " + known.joined(separator: ", "))
            }
            if slice.suppressed {
                return unchecked(gate, slice: slice.by,
                                 because: "slice \(slice.label) has \(slice.count) items, fewer than min_slice_size "
                                    + "\(evaluation.minSliceSize): its metrics are withheld")
            }
            return valueGate(gate, value: slice.allMetrics[gate.metric], reason: slice.allMetrics.undefinedReasons[gate.metric],
                             interval: slice.intervals[gate.metric], slice: slice.by)
        case .allSlices(let groupings):
            let slices = evaluation.slices.filter { groupings.contains($0.attributes) }
            let shown = slices.filter { !$0.suppressed }
            let suppressed = slices.count - shown.count
            let defined = shown.filter { slice in slice.allMetrics[gate.metric].map { !$0.isNaN } ?? false }
            let undefined = shown.count - defined.count
            let groupingText = groupings.map { $0.joined(separator: "×") }.joined(separator: ", ")
            if defined.isEmpty {
                var why = slices.isEmpty ? "the data has no slice of \(groupingText)"
                    : "none of the \(slices.count) slice(s) of \(groupingText) has a value of \(gate.metric)"
                if suppressed > 0 {
                    why += ": \(suppressed) suppressed (fewer than min_slice_size \(evaluation.minSliceSize) items)"
                }
                if undefined > 0 { why += (suppressed > 0 ? ", " : ": ") + "\(undefined) with \(gate.metric) undefined" }
                return unchecked(gate, slice: nil, because: why)
            }
            var failures: [(SliceResult, GateResult)] = []
            for slice in shown {
                let result = valueGate(gate, value: slice.allMetrics[gate.metric],
                                       reason: slice.allMetrics.undefinedReasons[gate.metric],
                                       interval: slice.intervals[gate.metric], slice: slice.by)
                if !result.passed { failures.append((slice, result)) }
            }
            var skipped: [String] = []
            if suppressed > 0 { skipped.append("\(suppressed) suppressed slice(s) not checked") }
            if undefined > 0, gate.whenUndefined == .pass {
                skipped.append("\(undefined) slice(s) with \(gate.metric) undefined not checked (when_undefined: pass)")
            }
            let skippedText = skipped.isEmpty ? "" : "; " + skipped.joined(separator: "; ")
            guard !failures.isEmpty else {
                return GateResult(gate: gate.summary, evaluation: gate.evaluation, metric: gate.metric, passed: true,
                                  observed: worst(gate, defined), limit: gate.bound.limit,
                                  slice: nil, message: skipped.isEmpty ? "" : "\(defined.count) slice(s) checked" + skippedText)
            }
            let worstFailure = failures.min { a, b in
                switch gate.bound {
                case .max: (a.1.observed ?? .infinity) > (b.1.observed ?? .infinity)
                default: (a.1.observed ?? -.infinity) < (b.1.observed ?? -.infinity)
                }
            }!
            let listed = failures.prefix(5).map { "\($0.0.label) (\($0.1.observed.map(JSONOutput.format) ?? "undefined"))" }
            return GateResult(gate: gate.summary, evaluation: gate.evaluation, metric: gate.metric, passed: false,
                              observed: worstFailure.1.observed, limit: gate.bound.limit, slice: worstFailure.0.by,
                              message: "\(failures.count) of \(shown.count) slice(s) fail: " + listed.joined(separator: ", ")
                                + (failures.count > 5 ? ", …" : "") + skippedText)
        case .across(let attributes):
            guard let disparity = evaluation.disparities.first(where: { $0.metric == gate.metric && $0.attributes == attributes }) else {
                let slices = evaluation.slices.filter { $0.attributes == attributes }
                let suppressed = slices.filter(\.suppressed).count
                return unchecked(gate, slice: nil,
                                 because: "no disparity of \(gate.metric) across \(attributes.joined(separator: "×")): "
                                    + "fewer than two shown slices have a defined value (\(slices.count) slice(s), "
                                    + "\(suppressed) suppressed below min_slice_size \(evaluation.minSliceSize))")
            }
            return disparityGate(gate, disparity)
        case .clean:
            return cleanGate(gate, evaluation: evaluation)
        }
    }

    /// A change gate: the candidate's value against the baseline's, in the metric's bad direction.
    static func changeGate(_ gate: GateSpec, overall: MetricValues, evaluation: EvaluationResult,
                           baseline: Baseline.Evaluation?, reference: String?, paired: PairedChange? = nil) throws -> GateResult {
        var result = GateResult(gate: gate.summary, evaluation: gate.evaluation, metric: gate.metric, passed: true,
                                observed: nil, limit: gate.bound.limit, slice: nil, message: "")
        var candidate = overall[gate.metric]
        var baselineValues = baseline?.metrics
        if case .slice(let attributes, let values) = gate.scope {
            result.slice = Dictionary(uniqueKeysWithValues: zip(attributes, values))
            let slice = evaluation.slices.first { $0.attributes == attributes && $0.values == values }
            candidate = slice?.allMetrics[gate.metric]
            baselineValues = baseline?.slices[Baseline.sliceKey(attributes, values)]
        }
        result.observed = candidate.flatMap { $0.isNaN ? nil : $0 }
        guard baseline != nil else {
            result.passed = gate.withoutBaseline == .skip
            result.checked = false
            result.message = gate.withoutBaseline == .skip
                ? "no baseline: not checked (without_baseline: skip; pass --baseline to compare)"
                : "no baseline to compare with (without_baseline: fail)"
            return result
        }
        guard let stored = baselineValues?[gate.metric] else {
            throw InputError(file: reference ?? "baseline", message: "the baseline has no value of \(quoted(gate.metric))"
                                + (result.slice.map { " for slice " + Baseline.sliceKey(Array($0.keys), Array($0.values)) } ?? ""),
                             hint: "a change gate needs the metric in both runs: list it in the baseline's scheme \"metrics\"")
        }
        guard let before = stored, let after = result.observed else {
            var unmeasured = unchecked(gate, slice: result.slice,
                                       because: "\(gate.metric) is undefined in the " + (stored == nil ? "baseline" : "candidate")
                                        + ", so no change can be measured")
            unmeasured.observed = result.observed
            unmeasured.baseline = stored ?? nil
            return unmeasured
        }
        guard let direction = gate.direction else {
            return unchecked(gate, slice: result.slice, because: "\(gate.metric) has no better direction, so no drop can be measured")
        }
        let drop = direction.drop(from: before, to: after)
        result.baseline = before
        result.drop = drop
        var relative = false
        if case .maxRelativeDrop = gate.bound { relative = true }
        let measured = !relative ? drop : before == 0 ? (drop > 0 ? .infinity : 0) : drop / abs(before)
        result.passed = measured <= gate.bound.limit
        result.pairedTest = paired?.summary
        if !result.passed, gate.requireSignificant, let paired, !paired.confirms(limit: gate.bound.limit) {
            result.passed = true
            result.message = "\(gate.metric) dropped by \(JSONOutput.format(measured)) (limit \(JSONOutput.format(gate.bound.limit))), "
                + "but the \(paired.summary) does not confirm it: not significant"
            return result
        }
        if !result.passed {
            result.message = "\(gate.metric) went from \(JSONOutput.format(before)) to \(JSONOutput.format(after)) "
                + "(\(direction == .higherIsBetter ? "higher" : "lower") is better): a drop of \(JSONOutput.format(measured))"
                + (relative ? " (relative)" : "")
                + ", allowed \(JSONOutput.format(gate.bound.limit))"
                + (paired.map { "; \($0.summary)" } ?? "")
        }
        return result
    }

    /// The least favourable shown value (for a passing "every slice" gate's `observed`).
    static func worst(_ gate: GateSpec, _ slices: [SliceResult]) -> Double? {
        let values = slices.compactMap { $0.allMetrics[gate.metric] }.filter { !$0.isNaN }
        if case .max = gate.bound { return values.max() }
        return values.min()
    }

    /// A gate with nothing to check: fails (the default) or, with `"when_undefined": "pass"`,
    /// passes marked as not checked; either way the message says why.
    static func unchecked(_ gate: GateSpec, slice: [String: String]?, because reason: String) -> GateResult {
        let passes = gate.whenUndefined == .pass
        var result = GateResult(gate: gate.summary, evaluation: gate.evaluation, metric: gate.metric, passed: passes,
                                observed: nil, limit: gate.bound.limit, slice: slice,
                                message: passes ? "not checked: \(reason) (when_undefined: pass)"
                                    : "\(reason), so the gate cannot hold (add \"when_undefined\": \"pass\" to accept that)")
        result.checked = false
        return result
    }

    static func valueGate(_ gate: GateSpec, value: Double?, reason: String?, interval: Interval?,
                          slice: [String: String]?) -> GateResult {
        let limit = gate.bound.limit
        guard let value, !value.isNaN else {
            let where_ = slice.map { " in slice " + $0.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ") } ?? ""
            return unchecked(gate, slice: slice, because: "\(gate.metric) is undefined\(where_) (\(reason ?? "not computed"))")
        }
        var breached: Bool
        var significantBreach = true
        switch gate.bound {
        case .min:
            breached = value < limit
            if let interval { significantBreach = interval.upper < limit }
        default:
            breached = value > limit
            if let interval { significantBreach = interval.lower > limit }
        }
        var message = ""
        if breached {
            message = "\(gate.metric) = \(JSONOutput.format(value)), required \(gate.summary)"
            if gate.requireSignificant {
                if interval == nil {
                    message += "; no interval, so the breach counts"
                } else if !significantBreach {
                    breached = false
                    message = "\(gate.metric) = \(JSONOutput.format(value)) breaches the limit, but the interval "
                        + "[\(JSONOutput.format(interval!.lower)), \(JSONOutput.format(interval!.upper))] includes it: not significant"
                }
            }
        }
        return GateResult(gate: gate.summary, evaluation: gate.evaluation, metric: gate.metric, passed: !breached,
                          observed: value, limit: limit, slice: slice, message: message)
    }

    static func disparityGate(_ gate: GateSpec, _ d: DisparityResult) -> GateResult {
        let limit = gate.bound.limit
        let observed: Double
        var breached: Bool
        var significant = true
        switch gate.bound {
        case .maxDifference:
            observed = d.difference
            breached = observed > limit
            if let i = d.differenceInterval { significant = i.lower > limit }
        case .maxRatio:
            observed = d.min > 0 ? d.max / d.min : .infinity
            breached = observed > limit
            // max/min > limit  ⇔  min/max < 1/limit
            if let i = d.ratioInterval { significant = i.upper < 1 / limit }
        case .minRatio:
            observed = d.ratio
            breached = observed < limit
            if let i = d.ratioInterval { significant = i.upper < limit }
        default:
            observed = .nan
            breached = true
        }
        var message = ""
        let extremes = "min \(JSONOutput.format(d.min)) (\(d.minSlice.joined(separator: ","))), "
            + "max \(JSONOutput.format(d.max)) (\(d.maxSlice.joined(separator: ",")))"
        if breached {
            message = "\(gate.summary) fails: observed \(observed.isFinite ? JSONOutput.format(observed) : "inf"); \(extremes)"
            if gate.requireSignificant, d.differenceInterval != nil || d.ratioInterval != nil, !significant {
                breached = false
                message = "the disparity breaches the limit but its interval includes the limit: not significant; \(extremes)"
            }
        }
        let worstSlice = Dictionary(uniqueKeysWithValues: zip(d.attributes, d.maxSlice))
        return GateResult(gate: gate.summary, evaluation: gate.evaluation, metric: gate.metric, passed: !breached,
                          observed: observed.isFinite ? observed : nil, limit: limit,
                          slice: breached ? worstSlice : nil, message: message)
    }
}
