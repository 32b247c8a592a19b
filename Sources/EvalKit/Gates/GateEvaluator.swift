import EvalKitData

/// Checks gates against computed metrics.
///
/// Policy for an undefined metric (NaN, e.g. precision with no predicted positives under the
/// `nan` zero-division policy): the gate fails and says the value is undefined, because a release
/// must not pass on a number that does not exist.
public enum GateEvaluator {
    public static func evaluate(_ gate: GateSpec, metrics: MetricValues) -> GateResult {
        let observed = metrics[gate.metric]
        let limit: Double
        let holds: (Double) -> Bool
        switch gate.bound {
        case .min(let lo):
            limit = lo
            holds = { $0 >= lo }
        case .max(let hi):
            limit = hi
            holds = { $0 <= hi }
        }
        guard let value = observed, !value.isNaN else {
            let reason = metrics.undefinedReasons[gate.metric] ?? "not computed"
            return GateResult(gate: gate.summary, evaluation: gate.evaluation, metric: gate.metric, passed: false,
                              observed: nil, limit: limit, slice: nil,
                              message: "\(gate.metric) is undefined (\(reason)), so \(gate.summary) cannot hold")
        }
        let passed = holds(value)
        let message = passed ? "" : "\(gate.metric) = \(JSONOutput.format(value)), required \(gate.summary)"
        return GateResult(gate: gate.summary, evaluation: gate.evaluation, metric: gate.metric, passed: passed,
                          observed: value, limit: limit, slice: nil, message: message)
    }
}
