import EvalKitData

extension SingleTargetEvaluation {
    /// Metrics whose change McNemar's test decides: proportions of correct answers over items
    /// fixed by the truth (all items, the positives, or the negatives).
    static let mcnemarMetrics: Set<String> = ["accuracy", "recall", "tpr", "fnr", "specificity", "fpr"]

    /// The paired test of a change of `metric` between two runs on the same ground truth.
    func pairedChange(metric: String, candidate: ItemOutcomes, baseline: ItemOutcomes, options: IntervalOptions,
                      slice: (attributes: [String], values: [String])? = nil) throws -> PairedChange?
    {
        guard candidate.truth.count == baseline.truth.count, candidate.groundTruthSHA256 == baseline.groundTruthSHA256 else {
            throw InputError(file: "baseline", message: "paired test of \(quoted(metric)): the baseline's items are not this run's "
                                + "(ground truth \(baseline.groundTruthSHA256.prefix(12)), \(baseline.truth.count) items; "
                                + "now \(candidate.groundTruthSHA256.prefix(12)), \(candidate.truth.count) items)")
        }
        // Baseline class indices in this run's label order.
        var labels = candidate.labels
        let mapping: [Int32] = baseline.labels.map { label in
            if let i = labels.firstIndex(of: label) { return Int32(i) }
            labels.append(label)
            return Int32(labels.count - 1)
        }
        let k = labels.count
        let width = k + 1
        var joint = [Int64](repeating: 0, count: k * width * width)
        var items = 0
        for row in candidate.truth.indices {
            let t = candidate.truth[row], b = baseline.truth[row]
            guard t >= 0, b >= 0 else { continue }
            if let slice, !candidate.isInSlice(row, attributes: slice.attributes, values: slice.values) { continue }
            guard mapping[Int(b)] == t else {
                throw InputError(file: "baseline", message: "paired test: item \(row + 1) has another true label in the baseline")
            }
            let before = baseline.predicted[row] < 0 ? -1 : mapping[Int(baseline.predicted[row])]
            let after = candidate.predicted[row]
            joint[(Int(t) * width + Int(before + 1)) * width + Int(after + 1)] += 1
            items += 1
        }
        let alpha = 1 - options.level
        let positive = isBinary ? labels.firstIndex(of: positiveLabel).map(Int32.init) : nil
        if Self.mcnemarMetrics.contains(metric), metric == "accuracy" || positive != nil {
            var onlyBefore: Int64 = 0, onlyAfter: Int64 = 0
            for t in 0..<k {
                switch metric {
                case "recall", "tpr", "fnr": if Int32(t) != positive { continue }
                case "specificity", "fpr": if Int32(t) == positive { continue }
                default: break
                }
                for before in -1..<k {
                    for after in -1..<k {
                        let count = joint[(t * width + before + 1) * width + after + 1]
                        // Binary metrics: right means the right side of the positive/negative split.
                        let rightBefore = before == t, rightAfter = after == t
                        if rightBefore && !rightAfter { onlyBefore += count }
                        if !rightBefore && rightAfter { onlyAfter += count }
                    }
                }
            }
            return PairedChange(method: .mcnemar, pValue: McNemar.exactPValue(onlyFirst: onlyBefore, onlySecond: onlyAfter),
                                dropInterval: nil, alpha: alpha, items: items)
        }
        guard let direction = MetricDirection.of(metric) else { return nil }
        var drops = [Double](repeating: .nan, count: options.replicates)
        for r in 0..<options.replicates {
            var generator = options.generator(replicate: r)
            let counts = Sampling.multinomial(n: Int64(items), counts: joint, using: &generator)
            var before = ClassificationState(classCount: k), after = ClassificationState(classCount: k)
            for t in 0..<k {
                for b in -1..<k {
                    for a in -1..<k {
                        let count = counts[(t * width + b + 1) * width + a + 1]
                        guard count > 0 else { continue }
                        before.add(truth: Int32(t), predicted: Int32(b), count: count)
                        after.add(truth: Int32(t), predicted: Int32(a), count: count)
                    }
                }
            }
            if let x = pairedMetric(before, labels: labels)[metric], let y = pairedMetric(after, labels: labels)[metric],
               !x.isNaN, !y.isNaN {
                drops[r] = direction.drop(from: x, to: y)
            }
        }
        let interval = Intervals.percentileInterval(drops, level: options.level).map { Interval(lower: $0.lower, upper: $0.upper) }
        return PairedChange(method: .pairedBootstrap, pValue: nil, dropInterval: interval, alpha: alpha, items: items)
    }

    /// The metrics of a rebuilt state with this run's configuration.
    func pairedMetric(_ state: ClassificationState, labels: [String]) -> MetricValues {
        let config = ClassificationConfig(
            labels: labels, positive: isBinary ? labels.firstIndex(of: positiveLabel) : nil,
            zeroDivision: plan.options.zeroDivision, beta: plan.options.beta)
        return ClassificationMetrics.compute(state, config).metrics
    }
}
