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
        let state = state.compacted()
        let k = state.classCount
        var notes: [String] = []
        func put(_ key: String, _ value: Double?, _ reason: String) {
            values.set(key, value ?? .nan, undefinedReason: value == nil ? reason : nil)
        }
        let counts = state.countsByTruth
        let total = counts.reduce(0, &+)
        if total == 0 {
            for key in metricNames(topK: topK) { put(key, nil, Reason.noSamples) }
            return notes
        }
        let doubled = doubledMannWhitney(state)

        // One-vs-rest.
        var ovr: [(auc: Double, weight: Double)] = []
        var leftOut: [String] = []
        for c in 0..<k {
            let positives = counts[c]
            let negatives = total - positives
            if positives == 0 || negatives == 0 {
                leftOut.append("'\(labels[c])'")
                continue
            }
            var twiceU: Int64 = 0
            for b in 0..<k where b != c { twiceU &+= doubled[c * k + b] }
            ovr.append((Double(twiceU) / (2 * Double(positives) * Double(negatives)), Double(positives)))
        }
        put("roc_auc_ovr_macro", ovr.isEmpty ? nil : average(ovr.map(\.auc), weights: nil), Reason.ovr)
        put("roc_auc_ovr_weighted", ovr.isEmpty ? nil : average(ovr.map(\.auc), weights: ovr.map(\.weight)), Reason.ovr)
        if !ovr.isEmpty, !leftOut.isEmpty {
            notes.append("roc_auc_ovr: classes without true samples (or with nothing else) are left out of the averages: "
                + leftOut.joined(separator: ", ") + " (scikit-learn raises an error for them)")
        }

        // One-vs-one over the classes present in the truth.
        let present = (0..<k).filter { counts[$0] > 0 }
        var pairs: [Double] = []
        var prevalence: [Double] = []
        for i in present.indices {
            for j in present.indices where j > i {
                let a = present[i], b = present[j]
                let pairsAB = 2 * Double(counts[a]) * Double(counts[b])
                let aucA = Double(doubled[a * k + b]) / pairsAB
                let aucB = Double(doubled[b * k + a]) / pairsAB
                pairs.append((aucA + aucB) / 2)
                prevalence.append(Double(counts[a] + counts[b]) / Double(total))
            }
        }
        put("roc_auc_ovo_macro", pairs.isEmpty ? nil : average(pairs, weights: nil), Reason.ovo)
        put("roc_auc_ovo_weighted", pairs.isEmpty ? nil : average(pairs, weights: prevalence), Reason.ovo)

        // Log loss: equal terms grouped (their weights summed) in ascending order, so any merge
        // order gives the same bits.
        if state.rowsAboveOne > 0 {
            put("log_loss", nil, Reason.aboveOne)
        } else {
            var products: [Double] = []
            var rows: Int64 = 0
            var i = 0
            let order = state.lossOrder
            while i < order.count {
                let value = state.rowLoss[Int(order[i])]
                var weight: Int64 = 0
                while i < order.count && state.rowLoss[Int(order[i])] == value {
                    weight &+= state.rowWeight[Int(order[i])]
                    i += 1
                }
                if weight != 0 { products.append(Double(weight) * value) }
                rows &+= weight
            }
            let sum = products.withUnsafeBufferPointer { 0 + pairwiseSum($0) }
            put("log_loss", rows == 0 ? nil : sum / Double(rows), Reason.noSamples)
        }

        // Top-k accuracy.
        var ranks = [Int64](repeating: 0, count: k + 1)
        for r in state.rowRank.indices { ranks[Int(state.rowRank[r])] &+= state.rowWeight[r] }
        for topk in topK {
            let hits = ranks[0..<Swift.min(topk, k)].reduce(0, &+)
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

    /// `doubled[c·K + b]`: twice the Mann–Whitney U of column c's scores, rows of class c against
    /// rows of class b: Σ over such (c-row, b-row) pairs, weighted, of 2 when the c-row scores
    /// higher and 1 on a tie. One descending sweep per column over its sorted rows, equal scores
    /// taken as one group.
    /// - Complexity: O(n·K) for n rows.
    static func doubledMannWhitney(_ state: ClassProbabilityState) -> [Int64] {
        let k = state.classCount
        var doubled = [Int64](repeating: 0, count: k * k)
        var group = [Int64](repeating: 0, count: k)
        var touched: [Int] = []
        touched.reserveCapacity(k)
        state.rowTruth.withUnsafeBufferPointer { truth in
            state.rowWeight.withUnsafeBufferPointer { weight in
                doubled.withUnsafeMutableBufferPointer { doubled in
                    for c in 0..<k {
                        state.columnKeys[c].withUnsafeBufferPointer { keys in
                            state.columnRows[c].withUnsafeBufferPointer { rows in
                                var above: Int64 = 0
                                var i = keys.count - 1
                                while i >= 0 {
                                    let key = keys[i]
                                    if i == 0 || keys[i - 1] != key {
                                        // A score held by one row: the common case for continuous scores.
                                        let r = Int(rows[i])
                                        let w = weight[r]
                                        let t = Int(truth[r])
                                        if t == c { above &+= w } else { doubled[c &* k &+ t] &+= w &* (2 &* above) }
                                        i -= 1
                                        continue
                                    }
                                    var j = i
                                    while j >= 0 && keys[j] == key {
                                        let r = Int(rows[j])
                                        let w = weight[r]
                                        if w != 0 {
                                            let t = Int(truth[r])
                                            if group[t] == 0 { touched.append(t) }
                                            group[t] &+= w
                                        }
                                        j -= 1
                                    }
                                    let own = group[c]
                                    for b in touched where b != c { doubled[c &* k &+ b] &+= group[b] &* (2 &* above &+ own) }
                                    above &+= own
                                    for t in touched { group[t] = 0 }
                                    touched.removeAll(keepingCapacity: true)
                                    i = j
                                }
                            }
                        }
                    }
                }
            }
        }
        return doubled
    }
}
