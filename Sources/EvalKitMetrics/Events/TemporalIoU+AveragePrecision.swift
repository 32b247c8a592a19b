extension TemporalIoU {
    /// ActivityNet's AP of one class at one threshold (`interpolated_prec_rec`, "VOCdevkit from
    /// VOC 2011"), from its predictions' outcomes in global rank order.
    ///
    /// With running counts tp and fp, prediction i has precision tpᵢ / (tpᵢ + fpᵢ) and recall
    /// tpᵢ / G, G the class's reference events. The precisions are framed as [0, p…, 0] and the
    /// recalls as [0, r…, 1]; each precision becomes the maximum of those after it; AP = Σ (r_k −
    /// r_{k−1}) · p_k over the k where the recall changes, summed as numpy sums (pairwise), so
    /// the value is upstream's to the last bit when every weight is 1. A prediction of weight w
    /// counts as w adjacent copies (one step of w; the interpolated area is the same, as copies
    /// are all hits or all misses). No predictions: AP 0. G must be > 0.
    /// - Complexity: O(n) time and memory for n predictions.
    public static func interpolatedAveragePrecision(hits: UnsafeBufferPointer<UInt64>, weights: UnsafeBufferPointer<Int64>?,
                                                    threshold t: Int, positives: Double) -> Double {
        precondition(positives > 0, "AP needs reference events")
        let n = hits.count
        let bit: UInt64 = 1 << UInt64(t)
        var precision = [Double](repeating: 0, count: n + 2)
        var recall = [Double](repeating: 0, count: n + 2)
        var tp = 0.0, fp = 0.0
        for i in 0..<n {
            let w = weights.map { Double($0[i]) } ?? 1
            if hits[i] & bit != 0 { tp += w } else { fp += w }
            precision[i + 1] = tp / (tp + fp)
            recall[i + 1] = tp / positives
        }
        recall[n + 1] = 1
        var i = n
        while i >= 0 {
            precision[i] = max(precision[i], precision[i + 1])
            i -= 1
        }
        var terms: [Double] = []
        for k in 1..<(n + 2) where recall[k] != recall[k - 1] {
            terms.append((recall[k] - recall[k - 1]) * precision[k])
        }
        return terms.withUnsafeBufferPointer { 0 + pairwiseSum($0) }
    }
}
