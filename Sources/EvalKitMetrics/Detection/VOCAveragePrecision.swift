/// Pascal VOC average precision per category (py-faster-rcnn `voc_eval.py`'s `voc_ap`), from
/// the VOC outcomes of a `DetectionState`.
///
/// Detections of a category ordered by descending score (ties: results-file order, a stable
/// sort); recall = tp / P with P the non-crowd boxes, precision = tp / max(tp + fp, ε).
/// - 11-point (VOC2007): the mean over t = 0, 0.1, …, 1 of the highest precision at recall ≥ t
///   (0 when none), summed as p/11 in order.
/// - all points (VOC2010+): the area under the precision envelope, Σ (r[i+1] − r[i]) · p[i+1]
///   over the points where recall changes (with r = 0 before the first and 1 after the last).
/// A category without positives has no AP (NaN).
public enum VOCAveragePrecision {
    public enum Interpolation: Sendable {
        case elevenPoint, allPoints
    }

    /// AP per category index.
    public static func perCategory(_ state: DetectionState, categoryCount: Int, interpolation: Interpolation) -> [Double] {
        var positives = [Double](repeating: 0, count: categoryCount)
        for g in 0..<state.truthCount where !state.truthCrowd[g] {
            positives[Int(state.truthCategory[g])] += state.isWeighted ? state.truthWeight[g] : 1
        }
        var byCategory = [[Int]](repeating: [], count: categoryCount)
        for v in 0..<state.vocScore.count { byCategory[Int(state.vocCategory[v])].append(v) }
        return (0..<categoryCount).map { k in
            guard positives[k] > 0 else { return .nan }
            let order = byCategory[k].sorted { a, b in
                state.vocScore[a] != state.vocScore[b] ? state.vocScore[a] > state.vocScore[b] : state.vocFileIndex[a] < state.vocFileIndex[b]
            }
            var recall: [Double] = [], precision: [Double] = []
            var tp = 0.0, fp = 0.0
            for v in order {
                let w = state.isWeighted ? state.vocWeight[v] : 1
                if state.vocTruePositive[v] { tp += w } else { fp += w }
                recall.append(tp / positives[k])
                precision.append(tp / max(tp + fp, Double.ulpOfOne))
            }
            return interpolation == .elevenPoint ? elevenPoint(recall, precision) : allPoints(recall, precision)
        }
    }

    static func elevenPoint(_ recall: [Double], _ precision: [Double]) -> Double {
        var ap = 0.0
        for i in 0...10 {
            let t = Double(i) * 0.1 // np.arange(0.0, 1.1, 0.1)
            var p = 0.0
            for (r, q) in zip(recall, precision) where r >= t { p = max(p, q) }
            ap = ap + p / 11.0
        }
        return ap
    }

    static func allPoints(_ recall: [Double], _ precision: [Double]) -> Double {
        let mrec = [0.0] + recall + [1.0]
        var mpre = [0.0] + precision + [0.0]
        for i in stride(from: mpre.count - 1, to: 0, by: -1) { mpre[i - 1] = max(mpre[i - 1], mpre[i]) }
        var terms: [Double] = []
        for i in 0..<(mrec.count - 1) where mrec[i + 1] != mrec[i] {
            terms.append((mrec[i + 1] - mrec[i]) * mpre[i + 1])
        }
        return terms.withUnsafeBufferPointer { 0 + pairwiseSum($0) }
    }
}
