/// Metrics of single-target classification (binary or multiclass) from a `ClassificationState`.
///
/// Keys (docs/design.md §4, docs/metrics.md defines each):
/// - binary: `accuracy balanced_accuracy precision recall f1 (fbeta) specificity fpr fnr mcc
///   cohen_kappa (roc_auc average_precision) tp fp fn tn`, then `precision recall f1 (fbeta)`
///   with `_macro _micro _weighted` over both classes, then the operating points' flat keys;
/// - multiclass: `accuracy balanced_accuracy mcc cohen_kappa`, then `precision recall f1
///   (fbeta) specificity` with `_macro _micro _weighted`.
/// Per class: `precision recall f1 (fbeta) specificity fpr fnr support tp fp fn tn`.
/// Curves (`ClassificationCurves`): binary with scores `roc` and `precision_recall`; multiclass
/// with class probabilities one-vs-rest `roc@class=<label>` and `precision_recall@class=<label>`.
/// Every value agrees with scikit-learn 1.9.1 (see each helper's documentation for the function
/// and the documented exceptions: MCC and average precision when undefined follow the policy).
public enum ClassificationMetrics {
    /// Computes every metric of `state` under `config`. `config.labels.count` must equal
    /// `state.classCount`; with `config.positive` set, there must be two classes. `summaryOnly`
    /// (a bootstrap replicate) computes the overall values alone, the same values, without the
    /// confusion table, the per-class rows, the curves (`ClassificationCurves`) and the notes.
    public static func compute(_ state: ClassificationState, _ config: ClassificationConfig,
                               summaryOnly: Bool = false) -> ComputedMetrics {
        precondition(
            config.labels.count == state.classCount,
            "ClassificationMetrics: \(config.labels.count) labels for \(state.classCount) classes")
        var ledger = ZeroDivisionLedger(config.zeroDivision)
        let binary = config.positive != nil
        if let positive = config.positive {
            precondition(state.classCount == 2 && (0...1).contains(positive),
                         "ClassificationMetrics: binary metrics need two classes and positive 0 or 1")
        }
        let counts = ClassCounts(state, binary: binary)
        let scores = SetWiseScores(counts, labels: config.labels, beta: config.beta, ledger: &ledger)

        var result = ComputedMetrics()
        result.count = Int(state.count)
        if !summaryOnly {
            result.confusion = ConfusionTable(labels: config.labels, entries: counts.confusion)
            for k in 0..<state.classCount {
                let label = config.labels[k]
                result.perClass.append((label, scores.perClass(k, counts, label: label, ledger: &ledger)))
            }
        }

        var values = MetricValues()
        var probabilityNotes: [String] = []
        var curves: [ThresholdCurves.Drawn] = []
        func put(_ key: String, _ value: Double, _ reason: String) {
            if value.isNaN { ledger.noteUndefined(key) }
            values.set(key, value, undefinedReason: value.isNaN ? reason : nil)
        }
        put("accuracy", Agreement.accuracy(counts), UndefinedReason.noSamples)
        put("balanced_accuracy", Agreement.balancedAccuracy(counts), UndefinedReason.noSamples)
        let mcc = Agreement.matthews(counts, ledger: &ledger)
        let kappa = Agreement.cohenKappa(counts, ledger: &ledger)

        if let positive = config.positive {
            let label = config.labels[positive]
            put("precision", scores.precision[positive], UndefinedReason.precision(label))
            put("recall", scores.recall[positive], UndefinedReason.recall(label))
            put("f1", scores.f1[positive], UndefinedReason.fScore(label))
            if let fbeta = scores.fbeta { put("fbeta", fbeta[positive], UndefinedReason.fScore(label)) }
            put("specificity", scores.specificity[positive], UndefinedReason.specificity(label))
            put("fpr", scores.fpr[positive], UndefinedReason.specificity(label))
            put("fnr", scores.fnr[positive], UndefinedReason.recall(label))
            let n = counts.tp[positive] + counts.fp[positive] + counts.fn[positive] + counts.tn[positive]
            put("selection_rate", n > 0 ? (counts.tp[positive] + counts.fp[positive]) / n : .nan, UndefinedReason.noSamples)
            put("mcc", mcc, UndefinedReason.mcc)
            put("cohen_kappa", kappa, UndefinedReason.kappa)
            var points: [OperatingPoint] = []
            if let runs = state.scores {
                let compacted = runs.compacted()
                put("roc_auc", compacted.rocAUC() ?? .nan, UndefinedReason.rocAUC)
                put("average_precision",
                    compacted.averagePrecision() ?? ledger.undefinedValue("average_precision"),
                    UndefinedReason.averagePrecision)
                points = config.operatingPoints.map { OperatingPoints.locate($0, in: compacted) }
                if !summaryOnly && config.drawsCurves { curves = ClassificationCurves.binary(compacted) }
            }
            values.set("tp", counts.tp[positive])
            values.set("fp", counts.fp[positive])
            values.set("fn", counts.fn[positive])
            values.set("tn", counts.tn[positive])
            scores.writeAverages(into: &values, counts, specificity: false, ledger: &ledger)
            for (target, point) in zip(config.operatingPoints, points) {
                for key in OperatingPoints.reportedMetrics {
                    put(key + target.keySuffix, point.metrics[key]!, point.metrics.undefinedReasons[key] ?? "")
                }
            }
            result.operatingPoints = points
        } else {
            put("mcc", mcc, UndefinedReason.mcc)
            put("cohen_kappa", kappa, UndefinedReason.kappa)
            scores.writeAverages(into: &values, counts, specificity: true, ledger: &ledger)
            if let probabilities = state.probabilities {
                probabilityNotes = ClassProbabilityMetrics.compute(
                    probabilities, labels: config.probabilityLabels, topK: config.topK, into: &values)
                if !summaryOnly && config.drawsCurves {
                    curves = ClassificationCurves.oneVsRest(probabilities, labels: config.probabilityLabels)
                }
            }
        }
        result.metrics = values
        if !summaryOnly {
            result.notes = notes(state, config, counts, binary: binary) + ledger.notes() + probabilityNotes
            ClassificationCurves.add(curves, to: &result)
        }
        return result
    }

    /// The overall metric keys `compute` reports, in order (operating points excluded: see
    /// `OperatingPointTarget.metricKeys`, appended last in the order of the targets).
    /// Multiclass reports the probability metrics (`ClassProbabilityMetrics`) when
    /// `probabilities`, with `topK`; `hasScores` only matters when `binary`.
    public static func metricNames(binary: Bool, hasScores: Bool, beta: Bool, probabilities: Bool = false,
                                   topK: [Int] = []) -> [String] {
        let averaged = beta ? ["precision", "recall", "f1", "fbeta"] : ["precision", "recall", "f1"]
        let suffixes = ["_macro", "_micro", "_weighted"]
        if binary {
            var names = ["accuracy", "balanced_accuracy"] + averaged
                + ["specificity", "fpr", "fnr", "selection_rate", "mcc", "cohen_kappa"]
            if hasScores { names += ["roc_auc", "average_precision"] }
            names += ["tp", "fp", "fn", "tn"]
            for name in averaged { names += suffixes.map { name + $0 } }
            return names
        }
        var names = ["accuracy", "balanced_accuracy", "mcc", "cohen_kappa"]
        for name in averaged + ["specificity"] { names += suffixes.map { name + $0 } }
        if probabilities { names += ClassProbabilityMetrics.metricNames(topK: topK) }
        return names
    }

    /// The per-class keys, in order.
    public static func perClassMetricNames(beta: Bool) -> [String] {
        ["precision", "recall", "f1"] + (beta ? ["fbeta"] : [])
            + ["specificity", "fpr", "fnr", "support", "tp", "fp", "fn", "tn"]
    }

    private static func notes(
        _ state: ClassificationState, _ config: ClassificationConfig, _ counts: ClassCounts, binary: Bool
    ) -> [String] {
        var notes: [String] = []
        if let threshold = config.threshold {
            notes.append("hard predictions: positive when score >= \(threshold)")
        }
        let missing = state.missingCount
        if missing > 0 {
            let perClass = (0..<state.classCount).compactMap { k -> String? in
                let m = state.missing(truth: k)
                return m == 0 ? nil : "'\(config.labels[k])': \(m)"
            }.joined(separator: ", ")
            notes.append(
                "\(missing) rows had no prediction and were counted as wrong ("
                    + (binary
                        ? "a positive as a false negative, a negative as a false positive"
                        : "a miss of the true class, no false positive for any class")
                    + "); by true class: \(perClass)")
        }
        return notes
    }
}
