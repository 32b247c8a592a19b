/// Per-class precision, recall, F1, Fβ, specificity, FPR and FNR, and their averages.
///
/// Definitions (scikit-learn 1.9.1 `precision_recall_fscore_support`, `_prf_divide`):
/// - precision = tp / (tp + fp); recall = tp / (tp + fn)
/// - Fβ = (1 + β²)·tp / ((1 + β²)·tp + β²·fn + fp) = (1 + β²)·tp / (β²·support + predicted);
///   β = ∞ gives recall, β = 0 precision; F1 is β = 1. A 0/0 F (class neither true nor
///   predicted) takes the policy value; when only precision is 0/0 the F formula still gives 0.
/// - specificity = tn / (tn + fp); FPR = fp / (fp + tn); FNR = fn / (fn + tp)
/// Each 0/0 takes the `ZeroDivisionPolicy` value. Averages:
/// - `_macro`: unweighted mean of the per-class values, NaN values left out;
/// - `_weighted`: mean weighted by support, NaN values left out;
/// - `_micro`: the same ratio computed on the counts summed over classes.
@usableFromInline
internal struct SetWiseScores {
    var precision: [Double] = []
    var recall: [Double] = []
    var f1: [Double] = []
    var fbeta: [Double]?
    var specificity: [Double] = []
    var fpr: [Double] = []
    var fnr: [Double] = []
    let beta: Double?

    init(_ c: ClassCounts, labels: [String], beta: Double?, ledger: inout ZeroDivisionLedger) {
        self.beta = beta
        for k in 0..<c.classCount {
            let label = "'\(labels[k])']"
            let p = ledger.divide(c.tp[k], c.predicted[k], "precision[" + label)
            let r = ledger.divide(c.tp[k], c.support[k], "recall[" + label)
            precision.append(p)
            recall.append(r)
            f1.append(Self.fScore(
                tp: c.tp[k], support: c.support[k], predicted: c.predicted[k], beta: 1,
                precision: p, recall: r, name: "f1[" + label, ledger: &ledger))
            if let beta {
                if fbeta == nil { fbeta = [] }
                fbeta!.append(Self.fScore(
                    tp: c.tp[k], support: c.support[k], predicted: c.predicted[k], beta: beta,
                    precision: p, recall: r, name: "fbeta[" + label, ledger: &ledger))
            }
            specificity.append(ledger.divide(c.tn[k], c.tn[k] + c.fp[k], "specificity[" + label))
            fpr.append(ledger.divide(c.fp[k], c.fp[k] + c.tn[k], "fpr[" + label))
            fnr.append(ledger.divide(c.fn[k], c.fn[k] + c.tp[k], "fnr[" + label))
        }
    }

    /// Fβ from counts, exactly as scikit-learn: β = ∞ → recall, β = 0 → precision.
    static func fScore(
        tp: Double, support: Double, predicted: Double, beta: Double,
        precision: Double, recall: Double, name: @autoclosure () -> String,
        ledger: inout ZeroDivisionLedger
    ) -> Double {
        if beta.isInfinite { return recall }
        if beta == 0 { return precision }
        let beta2 = beta * beta
        return ledger.divide((1 + beta2) * tp, beta2 * support + predicted, name())
    }

    /// The per-class values of class `k`: `precision recall f1 (fbeta) specificity fpr fnr support
    /// tp fp fn tn`, with reasons for undefined ones.
    func perClass(_ k: Int, _ c: ClassCounts, label: String, ledger: inout ZeroDivisionLedger) -> MetricValues {
        var values = MetricValues()
        func put(_ key: String, _ value: Double, _ reason: @autoclosure () -> String) {
            if value.isNaN { ledger.noteUndefined("\(key)['\(label)']") }
            values.set(key, value, undefinedReason: value.isNaN ? reason() : nil)
        }
        put("precision", precision[k], UndefinedReason.precision(label))
        put("recall", recall[k], UndefinedReason.recall(label))
        put("f1", f1[k], UndefinedReason.fScore(label))
        if let fbeta { put("fbeta", fbeta[k], UndefinedReason.fScore(label)) }
        put("specificity", specificity[k], UndefinedReason.specificity(label))
        put("fpr", fpr[k], UndefinedReason.specificity(label))
        put("fnr", fnr[k], UndefinedReason.recall(label))
        values.set("support", c.support[k])
        values.set("tp", c.tp[k])
        values.set("fp", c.fp[k])
        values.set("fn", c.fn[k])
        values.set("tn", c.tn[k])
        return values
    }

    /// Writes `<name>_macro`, `<name>_micro`, `<name>_weighted` for precision, recall, f1,
    /// fbeta (when β is set) and, with `specificity`, specificity.
    func writeAverages(
        into values: inout MetricValues, _ c: ClassCounts, specificity withSpecificity: Bool,
        ledger: inout ZeroDivisionLedger
    ) {
        let tp = c.tp.reduce(0, +)
        let support = c.support.reduce(0, +)
        let predicted = c.predicted.reduce(0, +)
        let microPrecision = ledger.divide(tp, predicted, "precision_micro")
        let microRecall = ledger.divide(tp, support, "recall_micro")
        var families: [(String, [Double], Double, String)] = [
            ("precision", precision, microPrecision, UndefinedReason.averagePrecisionMicro),
            ("recall", recall, microRecall, UndefinedReason.averageRecallMicro),
            ("f1", f1, Self.fScore(
                tp: tp, support: support, predicted: predicted, beta: 1, precision: microPrecision,
                recall: microRecall, name: "f1_micro", ledger: &ledger), UndefinedReason.averageFMicro),
        ]
        if let beta, let fbeta {
            families.append(("fbeta", fbeta, Self.fScore(
                tp: tp, support: support, predicted: predicted, beta: beta, precision: microPrecision,
                recall: microRecall, name: "fbeta_micro", ledger: &ledger), UndefinedReason.averageFMicro))
        }
        if withSpecificity {
            let tn = c.tn.reduce(0, +)
            let fp = c.fp.reduce(0, +)
            families.append(("specificity", specificity, ledger.divide(tn, tn + fp, "specificity_micro"),
                             UndefinedReason.averageSpecificityMicro))
        }
        for (name, perClass, micro, microReason) in families {
            let macro = Averaging.macro(perClass)
            let weighted = Averaging.weighted(perClass, weights: c.support)
            for (suffix, value, reason) in [
                ("_macro", macro, UndefinedReason.averageAllUndefined),
                ("_micro", micro, microReason),
                ("_weighted", weighted, UndefinedReason.averageAllUndefined),
            ] {
                if value.isNaN { ledger.noteUndefined(name + suffix) }
                values.set(name + suffix, value, undefinedReason: value.isNaN ? reason : nil)
            }
        }
    }
}
