import EvalKitData

extension SingleTargetEvaluation {
    /// Metrics whose change McNemar's test decides: proportions of correct answers over items
    /// fixed by the truth (all items, the positives, or the negatives).
    static let mcnemarMetrics: Set<String> = ["accuracy", "recall", "tpr", "fnr", "specificity", "fpr"]

    /// The paired test of a change of `metric` between two runs on the same ground truth.
    func pairedChange(metric: String, candidate: ItemOutcomes, baseline: ItemOutcomes, options: IntervalOptions,
                      slice: (attributes: [String], values: [String])? = nil) throws -> PairedChange?
    {
        let table = try PairedOutcomes(before: baseline, after: candidate, slice: slice)
        let alpha = options.alpha
        let positive = isBinary ? table.labels.firstIndex(of: positiveLabel) : nil
        if Self.mcnemarMetrics.contains(metric), metric == "accuracy" || positive != nil {
            let (onlyBefore, onlyAfter) = table.discordant { t in
                switch metric {
                case "recall", "tpr", "fnr": t == positive
                case "specificity", "fpr": t != positive
                default: true
                }
            }
            return PairedChange(method: .mcnemar, pValue: McNemar.exactPValue(onlyFirst: onlyBefore, onlySecond: onlyAfter),
                                dropInterval: nil, alpha: alpha, items: table.items)
        }
        guard let direction = catalog.direction(metric) else { return nil }
        let intervals = table.bootstrap(names: [metric], options: options) { before, after in
            let x = pairedMetric(before, labels: table.labels)[metric] ?? .nan
            let y = pairedMetric(after, labels: table.labels)[metric] ?? .nan
            return [x.isNaN || y.isNaN ? .nan : direction.drop(from: x, to: y)]
        }
        return PairedChange(method: .pairedBootstrap, pValue: nil, dropInterval: intervals[metric], alpha: alpha, items: table.items)
    }

    /// The metrics of a rebuilt state with this run's configuration.
    func pairedMetric(_ state: ClassificationState, labels: [String]) -> MetricValues {
        let config = ClassificationConfig(
            labels: labels, positive: isBinary ? labels.firstIndex(of: positiveLabel) : nil,
            zeroDivision: plan.options.zeroDivision, beta: plan.options.beta)
        return ClassificationMetrics.compute(state, config, summaryOnly: true).metrics
    }
}
