/// Metrics of multilabel classification (scikit-learn's multilabel-indicator targets).
///
/// Overall keys, in order: `accuracy` (subset accuracy: the fraction of rows whose whole label
/// set is right; scikit-learn 1.9.1 `accuracy_score`), `hamming_loss` (wrong target decisions
/// / (rows · targets); `hamming_loss`), then `precision recall f1 (fbeta)` each with `_macro
/// _micro _weighted _samples` (`precision_recall_fscore_support`, targets as labels), then with
/// scores `roc_auc_macro roc_auc_micro average_precision_macro average_precision_micro`
/// (`roc_auc_score`, `average_precision_score` with `average="macro"`/`"micro"`).
/// Per target (`perClass`): the binary metrics of that target (positive = 1) plus `support`.
/// With scores, each target's curves `roc@class=<target>` and `precision_recall@class=<target>`
/// (`ClassificationCurves`): every target's ROC, then every target's precision-recall curve.
/// Operating points are not computed for multilabel.
public enum MultilabelMetrics {
    /// Computes every metric; `config.labels` are the target names (`config.positive`,
    /// `operatingPoints` and `threshold` are ignored except for the notes). `summaryOnly` (a
    /// bootstrap replicate) computes the overall values alone, the same values, without the
    /// per-target rows, the curves and the notes.
    public static func compute(_ state: MultilabelState, _ config: ClassificationConfig, summaryOnly: Bool = false) -> ComputedMetrics {
        precondition(
            config.labels.count == state.targetCount,
            "MultilabelMetrics: \(config.labels.count) names for \(state.targetCount) targets")
        var ledger = ZeroDivisionLedger(config.zeroDivision)
        var result = ComputedMetrics()
        result.count = Int(state.rowCount)
        var cells: [(tp: Double, fp: Double, fn: Double, tn: Double)] = []
        let perTargetKeys = Set(perTargetMetricNames(hasScores: true, beta: true))
        var targetConfig = ClassificationConfig(
            labels: ["0", "1"], positive: 1, zeroDivision: config.zeroDivision, beta: config.beta)
        targetConfig.drawsCurves = false
        var roc: [ThresholdCurves.Drawn] = [], precisionRecall: [ThresholdCurves.Drawn] = []
        for (j, target) in state.targets.enumerated() {
            let computed = ClassificationMetrics.compute(target, targetConfig, summaryOnly: summaryOnly)
            let values = computed.metrics.filtered(perTargetKeys)
            cells.append((values["tp"]!, values["fp"]!, values["fn"]!, values["tn"]!))
            if summaryOnly { continue }
            var row = values
            row.set("support", computed.perClass[1].metrics["support"]!)
            result.perClass.append((config.labels[j], row))
            result.notes += computed.notes.map { "target '\(config.labels[j])': \($0)" }
            if let scores = target.scores {
                for drawn in ClassificationCurves.binary(scores.compacted(), qualifier: "class=" + config.labels[j]) {
                    if drawn.curve.xLabel == "fpr" { roc.append(drawn) } else { precisionRecall.append(drawn) }
                }
            }
        }
        ClassificationCurves.add(roc + precisionRecall, to: &result)

        var metrics = MetricValues()
        func put(_ key: String, _ value: Double, _ reason: String) {
            if value.isNaN { ledger.noteUndefined(key) }
            metrics.set(key, value, undefinedReason: value.isNaN ? reason : nil)
        }
        let rows = Double(state.rowCount)
        let profiles = state.sortedProfiles
        let exact = profiles.reduce(0.0) { $0 + ($1.both == $1.truth && $1.both == $1.predicted ? $1.rows : 0) }
        put("accuracy", rows == 0 ? .nan : exact / rows, UndefinedReason.noSamples)
        let wrong = cells.reduce(0.0) { $0 + $1.fp + $1.fn }
        put("hamming_loss", rows == 0 ? .nan : wrong / (rows * Double(state.targetCount)), UndefinedReason.noSamples)

        let counts = ClassCounts(targets: cells, rows: rows)
        var perTargetLedger = ZeroDivisionLedger(config.zeroDivision)  // already noted per target
        let scores = SetWiseScores(counts, labels: config.labels, beta: config.beta, ledger: &perTargetLedger)
        var averages = MetricValues()
        scores.writeAverages(into: &averages, counts, specificity: false, ledger: &ledger)
        let samples = SampleAverages(profiles, beta: config.beta, ledger: &ledger)
        for family in ["precision", "recall", "f1"] + (config.beta == nil ? [] : ["fbeta"]) {
            for suffix in ["_macro", "_micro", "_weighted"] {
                let key = family + suffix
                metrics.set(key, averages[key]!, undefinedReason: averages.undefinedReasons[key])
            }
            let (value, reason) = samples.value(family)
            put(family + "_samples", value, reason)
        }

        if state.targets.allSatisfy({ $0.scores != nil }) {
            let runs = state.targets.map { $0.scores!.compacted() }
            var pooled = ScoreRuns()
            for r in runs { pooled.merge(r) }
            let aucs = runs.map { $0.rocAUC() ?? .nan }
            let aps = runs.enumerated().map { j, r in
                r.averagePrecision() ?? ledger.undefinedValue("average_precision['\(config.labels[j])']")
            }
            put("roc_auc_macro", aucs.reduce(0, +) / Double(aucs.count),
                "undefined for a target with a single class in the truth")
            put("roc_auc_micro", pooled.rocAUC() ?? .nan, UndefinedReason.rocAUC)
            put("average_precision_macro", aps.reduce(0, +) / Double(aps.count),
                "undefined for a target without positives")
            put("average_precision_micro",
                pooled.averagePrecision() ?? ledger.undefinedValue("average_precision_micro"),
                UndefinedReason.averagePrecision)
        }
        result.metrics = metrics
        if !summaryOnly { result.notes += ledger.notes() }
        return result
    }

    /// The overall metric keys `compute` reports, in order.
    public static func metricNames(hasScores: Bool, beta: Bool) -> [String] {
        var names = ["accuracy", "hamming_loss"]
        for family in ["precision", "recall", "f1"] + (beta ? ["fbeta"] : []) {
            names += ["_macro", "_micro", "_weighted", "_samples"].map { family + $0 }
        }
        if hasScores {
            names += ["roc_auc_macro", "roc_auc_micro", "average_precision_macro", "average_precision_micro"]
        }
        return names
    }

    /// The per-target keys, in order.
    public static func perTargetMetricNames(hasScores: Bool, beta: Bool) -> [String] {
        ClassificationMetrics.metricNames(binary: true, hasScores: hasScores, beta: beta)
            .filter { !$0.hasSuffix("_macro") && !$0.hasSuffix("_micro") && !$0.hasSuffix("_weighted") }
            + ["support"]
    }
}
