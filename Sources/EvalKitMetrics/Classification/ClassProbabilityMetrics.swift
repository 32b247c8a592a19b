/// The multiclass probability metrics of a `ClassProbabilityState` (docs/metrics.md,
/// "Multiclass probability metrics"), agreeing with scikit-learn 1.9.1:
/// - `roc_auc_ovr_macro`, `roc_auc_ovr_weighted`: `roc_auc_score(multi_class="ovr",
///   average=...)`: each class's binary AUC (its column, the class against all others), averaged
///   unweighted or weighted by the class's true count;
/// - `roc_auc_ovo_macro`, `roc_auc_ovo_weighted`: `roc_auc_score(multi_class="ovo", ...)`: for each
///   pair (a, b) of classes present in the truth, the mean of AUC(a vs b on column a) and AUC(b vs a
///   on column b) over the rows of a and b, averaged unweighted or weighted by the pair's
///   prevalence (n_a + n_b)/n (`_average_multiclass_ovo_score`);
/// - `log_loss`: `log_loss`: the mean of −ln(clip(p_true, ε, 1 − ε)), ε = 2⁻⁵², rows used as given
///   (scikit-learn 1.9 warns about rows not summing to 1 and does not renormalise);
/// - `top_k_accuracy@k=<k>`: `top_k_accuracy_score(k=k)`: the fraction of rows whose true class is
///   among the k highest scores, ties broken as scikit-learn breaks them (the later column first).
///
/// Every AUC is computed exactly as a Mann–Whitney count: twice the number of (positive, negative)
/// pairs ordered correctly plus the ties, an integer, divided by twice the number of pairs.
public enum ClassProbabilityMetrics {
    /// The metric keys, in report order, for the `topK` values.
    public static func metricNames(topK: [Int]) -> [String] {
        ["roc_auc_ovr_macro", "roc_auc_ovr_weighted", "roc_auc_ovo_macro", "roc_auc_ovo_weighted", "log_loss"]
            + topK.map(topKKey)
    }

    /// `top_k_accuracy@k=3`.
    public static func topKKey(_ k: Int) -> String { "top_k_accuracy@k=\(k)" }

    /// Why a value is undefined.
    enum Reason {
        static let noSamples = "no samples"
        static let ovr = "no class has both true samples and other samples"
        static let ovo = "fewer than two classes are present in the truth"
        static let aboveOne = "a score is above 1, so the scores are not probabilities (scikit-learn's log_loss refuses them)"
    }

    /// Computes the metrics into `values` and returns notes. `labels` name the columns.
    public static func compute(
        _ state: ClassProbabilityState, labels: [String], topK: [Int], into values: inout MetricValues
    ) -> [String] {
        precondition(labels.count == state.classCount, "ClassProbabilityMetrics: \(labels.count) labels for \(state.classCount) columns")
        let k = state.classCount
        let compacted = state.columnRuns.map { $0.compacted() }
        var notes: [String] = []
        func put(_ key: String, _ value: Double?, _ reason: String) {
            values.set(key, value ?? .nan, undefinedReason: value == nil ? reason : nil)
        }
        // Column c's count of rows of truth t (equal for every c, except in Poisson replicates,
        // where each column's runs are drawn separately and keep their own counts).
        func n(_ column: Int, _ truth: Int) -> Int64 { compacted[column * k + truth].positiveCount }

        // One-vs-rest.
        var ovr: [(auc: Double, weight: Double)] = []
        var leftOut: [String] = []
        for c in 0..<k {
            let positives = n(c, c)
            var negatives: Int64 = 0
            var doubled: Int64 = 0
            for t in 0..<k where t != c {
                negatives &+= n(c, t)
                doubled &+= doubledMannWhitney(compacted[c * k + c], compacted[c * k + t])
            }
            if positives == 0 || negatives == 0 {
                leftOut.append("'\(labels[c])'")
                continue
            }
            ovr.append((Double(doubled) / (2 * Double(positives) * Double(negatives)), Double(positives)))
        }
        let total = state.count
        if total == 0 {
            for key in metricNames(topK: topK) { put(key, nil, Reason.noSamples) }
            return notes
        }
        put("roc_auc_ovr_macro", ovr.isEmpty ? nil : average(ovr.map(\.auc), weights: nil), Reason.ovr)
        put("roc_auc_ovr_weighted", ovr.isEmpty ? nil : average(ovr.map(\.auc), weights: ovr.map(\.weight)), Reason.ovr)
        if !ovr.isEmpty, !leftOut.isEmpty {
            notes.append("roc_auc_ovr: classes without true samples (or with nothing else) are left out of the averages: "
                + leftOut.joined(separator: ", ") + " (scikit-learn raises an error for them)")
        }

        // One-vs-one over the classes present in the truth.
        let present = (0..<k).filter { state.count(truth: $0) > 0 }
        var pairs: [Double] = []
        var prevalence: [Double] = []
        for i in present.indices {
            for j in present.indices where j > i {
                let a = present[i], b = present[j]
                let (na, nb) = (Double(n(a, a)), Double(n(a, b)))
                let (mb, ma) = (Double(n(b, b)), Double(n(b, a)))
                guard na > 0, nb > 0, mb > 0, ma > 0 else { continue }
                let aucA = Double(doubledMannWhitney(compacted[a * k + a], compacted[a * k + b])) / (2 * na * nb)
                let aucB = Double(doubledMannWhitney(compacted[b * k + b], compacted[b * k + a])) / (2 * mb * ma)
                pairs.append((aucA + aucB) / 2)
                prevalence.append(Double(state.count(truth: a) + state.count(truth: b)) / Double(total))
            }
        }
        put("roc_auc_ovo_macro", pairs.isEmpty ? nil : average(pairs, weights: nil), Reason.ovo)
        put("roc_auc_ovo_weighted", pairs.isEmpty ? nil : average(pairs, weights: prevalence), Reason.ovo)

        // Log loss: Σ count · term over the canonical runs (ascending), so any merge order gives the same bits.
        if state.rowsAboveOne > 0 {
            put("log_loss", nil, Reason.aboveOne)
        } else {
            let runs = state.lossRuns.runs
            let products = runs.map { Double($0.positives) * $0.score }
            let rows = runs.reduce(Int64(0)) { $0 &+ $1.positives }
            let sum = products.withUnsafeBufferPointer { 0 + pairwiseSum($0) }
            put("log_loss", rows == 0 ? nil : sum / Double(rows), Reason.noSamples)
        }

        // Top-k accuracy.
        for topk in topK {
            var hits: Int64 = 0
            for t in 0..<k {
                for r in 0..<Swift.min(topk, k) { hits &+= state.rowCount(truth: t, rank: r) }
            }
            put(topKKey(topk), Double(hits) / Double(total), Reason.noSamples)
        }
        if let largest = topK.filter({ $0 >= k }).min() {
            notes.append("top_k_accuracy@k=\(largest): k is at least the number of classes (\(k)), so every row with a prediction is a hit")
        }
        if state.unnormalisedRows > 0 {
            notes.append("\(state.unnormalisedRows) rows of scores do not sum to 1 (largest |1 - sum| = "
                + "\(state.largestSumDeviation)): log_loss uses them as given, as scikit-learn 1.9 does (with a warning); "
                + "the ROC AUCs rank them as given, where scikit-learn's roc_auc_score refuses them")
        }
        return notes
    }

    /// numpy `average`: Σ wᵢxᵢ / Σ wᵢ (plain mean without weights), with numpy's summation.
    static func average(_ values: [Double], weights: [Double]?) -> Double {
        guard let weights else { return numpyMean(values) }
        let products = zip(values, weights).map { $0 * $1 }
        let numerator = products.withUnsafeBufferPointer { 0 + pairwiseSum($0) }
        let denominator = weights.withUnsafeBufferPointer { 0 + pairwiseSum($0) }
        return numerator / denominator
    }

    /// Twice the Mann–Whitney U of `positives` over `negatives` (runs of one score column): the
    /// number of (positive, negative) pairs with the positive scoring higher, times 2, plus the
    /// tied pairs. Both are compacted runs whose counts are in `runPositives`.
    /// - Complexity: O(r₁ + r₂).
    static func doubledMannWhitney(_ positives: ScoreRuns, _ negatives: ScoreRuns) -> Int64 {
        positives.withCompactedRuns { pKeys, pCounts, _ in
            negatives.withCompactedRuns { nKeys, nCounts, _ in
                var doubled: Int64 = 0
                var above: Int64 = 0
                var i = pKeys.count - 1
                var j = nKeys.count - 1
                while j >= 0 {
                    let key = nKeys[j]
                    while i >= 0 && pKeys[i] > key {
                        above &+= pCounts[i]
                        i -= 1
                    }
                    let tied = i >= 0 && pKeys[i] == key ? pCounts[i] : 0
                    doubled &+= nCounts[j] &* (2 &* above &+ tied)
                    j -= 1
                }
                return doubled
            }
        }
    }
}
