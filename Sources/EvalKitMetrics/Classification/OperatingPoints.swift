/// Operating points on a binary score curve: the threshold that meets a target and the metrics
/// there. A threshold t predicts positive for `score >= t`; the candidates are the distinct
/// scores (each is a point of scikit-learn's `roc_curve(..., drop_intermediate=False)`; the
/// "nothing positive" point at t = +∞ is not a candidate).
///
/// With P positives, N negatives, tp(t) and fp(t) the positives and negatives scoring ≥ t:
/// - `fpr` target x: among thresholds with fp(t)/N ≤ x, the ones with the highest TPR, and of
///   those the highest threshold (the lowest FPR at that TPR);
/// - `tpr`/`recall` target x: the highest threshold with tp(t)/P ≥ x;
/// - `precision` target x: the lowest threshold with tp(t)/(tp(t)+fp(t)) ≥ x (the highest
///   recall at that precision).
/// Reported there: `threshold`, `recall` and `tpr` (tp/P), `fpr` (fp/N), `precision`
/// (tp/(tp+fp)) and `f1` (2·tp/(P + tp + fp)); in the metrics as flat keys such as
/// `recall@fpr=0.01`. When no threshold meets the target, or the target cannot be evaluated
/// (no positives; no negatives for an FPR target), every value is NaN with a reason.
/// Comparisons are made on the ratios as Doubles (`fp/N <= x`).
public enum OperatingPoints {
    /// The metrics reported at each operating point, in order.
    public static let reportedMetrics = ["threshold", "recall", "tpr", "fpr", "precision", "f1"]

    /// Locates `target` on the runs.
    public static func locate(_ target: OperatingPointTarget, in runs: ScoreRuns) -> OperatingPoint {
        let runs = runs.compacted()
        let positives = Double(runs.positiveCount)
        let negatives = Double(runs.negativeCount)
        if positives == 0 {
            return undefined(target, reason: "no positive sample in the truth")
        }
        if target.metric == .fpr && negatives == 0 {
            return undefined(target, reason: "no negative sample in the truth")
        }
        var chosen: (threshold: Double, tp: Int64, fp: Int64)?
        runs.sweepDescending { threshold, tp, fp in
            switch target.metric {
            case .fpr:
                if Double(fp) / negatives > target.value { return false }
                if chosen == nil || tp > chosen!.tp { chosen = (threshold, tp, fp) }
                return true
            case .tpr, .recall:
                if Double(tp) / positives >= target.value {
                    chosen = (threshold, tp, fp)
                    return false
                }
                return true
            case .precision:
                if Double(tp) / Double(tp + fp) >= target.value { chosen = (threshold, tp, fp) }
                return true
            }
        }
        guard let chosen else {
            return undefined(target, reason: "no threshold reaches \(target.metric.rawValue) "
                + (target.metric == .fpr ? "<= " : ">= ") + "\(target.value)")
        }
        let tp = Double(chosen.tp)
        let fp = Double(chosen.fp)
        var metrics = MetricValues()
        metrics.set("threshold", chosen.threshold)
        metrics.set("recall", tp / positives)
        metrics.set("tpr", tp / positives)
        metrics.set(
            "fpr", negatives == 0 ? .nan : fp / negatives,
            undefinedReason: "no negative sample in the truth")
        metrics.set("precision", tp / (tp + fp))
        metrics.set("f1", 2 * tp / (positives + tp + fp))
        return OperatingPoint(
            targetMetric: target.metric.rawValue, targetValue: target.value,
            threshold: chosen.threshold, metrics: metrics)
    }

    static func undefined(_ target: OperatingPointTarget, reason: String) -> OperatingPoint {
        var metrics = MetricValues()
        for key in reportedMetrics { metrics.set(key, .nan, undefinedReason: reason) }
        return OperatingPoint(
            targetMetric: target.metric.rawValue, targetValue: target.value, threshold: .nan,
            metrics: metrics)
    }
}
