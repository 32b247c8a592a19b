/// The curves of classification (docs/metrics.md, "Curves"), named `<kind>` or
/// `<kind>@<qualifier>`: binary with scores `roc` and `precision_recall`; one-vs-rest for each
/// class of multiclass probabilities and each multilabel target with scores,
/// `roc@class=<label>` and `precision_recall@class=<label>`. Points as `ThresholdCurves` draws
/// them (scikit-learn 1.9.1 `roc_curve`, `precision_recall_curve`) from the same runs as ROC AUC
/// and average precision; a curve that is undefined on the data (no positives; for ROC also no
/// negatives) is left out.
enum ClassificationCurves {
    /// `roc` and `precision_recall` of the runs (`roc@<qualifier>`, ... with a qualifier).
    static func binary(_ runs: ScoreRuns, qualifier: String? = nil) -> [ThresholdCurves.Drawn] {
        let suffix = qualifier.map { "@" + $0 } ?? ""
        let drawn = runs.withCompactedRuns { _, positives, negatives in
            ThresholdCurves.curves(roc: "roc" + suffix, precisionRecall: "precision_recall" + suffix, positives: positives, negatives: negatives)
        }
        return [drawn.roc, drawn.precisionRecall].compactMap { $0 }
    }

    /// One-vs-rest curves of every column of a multiclass probability state: every class's
    /// `roc@class=<label>`, then every class's `precision_recall@class=<label>`.
    static func oneVsRest(_ state: ClassProbabilityState, labels: [String]) -> [ThresholdCurves.Drawn] {
        let state = state.compacted()
        var roc: [ThresholdCurves.Drawn] = [], precisionRecall: [ThresholdCurves.Drawn] = []
        for c in 0..<state.classCount {
            let (positives, negatives) = state.columnRuns(c)
            let drawn = ThresholdCurves.curves(roc: "roc@class=" + labels[c], precisionRecall: "precision_recall@class=" + labels[c],
                                               positives: positives, negatives: negatives)
            if let curve = drawn.roc { roc.append(curve) }
            if let curve = drawn.precisionRecall { precisionRecall.append(curve) }
        }
        return roc + precisionRecall
    }

    /// Appends the curves to `result`, with one note naming the thinned ones.
    static func add(_ drawn: [ThresholdCurves.Drawn], to result: inout ComputedMetrics) {
        result.curves += drawn.map(\.curve)
        if let note = ThresholdCurves.thinningNote(drawn) { result.notes.append(note) }
    }
}
