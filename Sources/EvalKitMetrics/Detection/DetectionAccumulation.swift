/// pycocotools' `COCOeval.accumulate`: precision at each recall point and final recall, per IoU
/// threshold, category, area range and max-detections value, from a `DetectionState`.
///
/// Per (category, area, max detections m): the detections of rank < m from every image, ordered
/// by descending score (ties: image order, then rank), ignored ones left out (they change
/// neither count); at each IoU threshold, tp and fp are running counts, recall = tp / G where G is
/// the number of counted ground-truth boxes, precision = tp / (tp + fp + ε) with ε = 2⁻⁵² (numpy's
/// `spacing(1)`), made non-increasing from the right; precision at recall point r is the value at
/// the first detection whose recall reaches r, 0 past the last. (Recall rises only at true
/// positives and precision falls at false positives, so only the true positives are kept.) A category with G = 0 gets −1
/// (left out of every mean), as in pycocotools. Precision is sampled for the largest
/// max-detections value only, the one every AP uses; smaller values give recall (AR1, AR10).
public struct DetectionCurves: Sendable {
    public let thresholdCount: Int
    public let recallCount: Int
    public let categoryCount: Int
    public let areaCount: Int
    public let maxDetectionCount: Int
    /// `precision[((t * R + r) * K + k) * A + a]`: pycocotools' array at its last max-detections value.
    public var precision: [Double]
    /// `recall[((t * K + k) * A + a) * M + m]`.
    public var recall: [Double]

    /// Precision at IoU threshold t, recall point r, category k, area range a (largest max detections).
    public func precision(t: Int, r: Int, k: Int, a: Int) -> Double {
        precision[((t * recallCount + r) * categoryCount + k) * areaCount + a]
    }

    public func recall(t: Int, k: Int, a: Int, m: Int) -> Double {
        recall[((t * categoryCount + k) * areaCount + a) * maxDetectionCount + m]
    }

    /// Accumulates `state` for `categoryCount` categories (1 in class-agnostic mode).
    public init(_ state: DetectionState, parameters: DetectionParameters, categoryCount: Int) {
        let T = parameters.iouThresholds.count
        let R = parameters.recallThresholds.count
        let K = categoryCount
        let A = parameters.areaRanges.count
        let M = parameters.maxDetections.count
        thresholdCount = T
        recallCount = R
        self.categoryCount = K
        areaCount = A
        maxDetectionCount = M
        var precision = [Double](repeating: -1, count: T * R * K * A)
        var recall = [Double](repeating: -1, count: T * K * A * M)

        let counted = DetectionCurves.countedTruth(state, categoryCount: K, areaCount: A)
        let byCategory = DetectionCurves.orderedDetections(state, categoryCount: K)
        let weighted = state.isWeighted
        let epsilon = Double.ulpOfOne
        let maxDetections = parameters.maxDetections
        // Per threshold: running counts, true positives within each smaller max-detections value,
        // and the (recall, precision) of each true positive. Precision at a recall point is the
        // highest precision at or after the first detection reaching it; after a false positive
        // precision only falls until the next true positive, so the true positives alone give it.
        var tp = [Double](repeating: 0, count: T), fp = [Double](repeating: 0, count: T)
        var found = [Double](repeating: 0, count: T * M)
        var rcAt = [[Double]](repeating: [], count: T), prAt = [[Double]](repeating: [], count: T)
        for k in 0..<K {
            let order = byCategory[k]
            for a in 0..<A {
                let truthCount = counted[k * A + a]
                if truthCount == 0 { continue }
                for t in 0..<T {
                    tp[t] = 0
                    fp[t] = 0
                    rcAt[t].removeAll(keepingCapacity: true)
                    prAt[t].removeAll(keepingCapacity: true)
                }
                for i in found.indices { found[i] = 0 }
                // One visit per detection serves every threshold.
                for d in order {
                    let slot = d * A + a
                    let ignored = state.ignored[slot], matched = state.matched[slot]
                    let w = weighted ? state.detectionWeight[d] : 1
                    let rank = state.detectionRank[d]
                    for t in 0..<T {
                        let bit: UInt64 = 1 << UInt64(t)
                        if ignored & bit != 0 { continue }
                        if matched & bit != 0 {
                            tp[t] += w
                            for m in 0..<(M - 1) where rank < maxDetections[m] { found[t * M + m] += w }
                            rcAt[t].append(tp[t] / truthCount)
                            prAt[t].append(tp[t] / (fp[t] + tp[t] + epsilon))
                        } else {
                            fp[t] += w
                        }
                    }
                }
                for t in 0..<T {
                    found[t * M + M - 1] = tp[t]
                    for m in 0..<M { recall[((t * K + k) * A + a) * M + m] = found[t * M + m] / truthCount }
                    let n = rcAt[t].count
                    if n > 1 {
                        for i in stride(from: n - 1, to: 0, by: -1) where prAt[t][i] > prAt[t][i - 1] {
                            prAt[t][i - 1] = prAt[t][i]
                        }
                    }
                    // First true positive whose recall reaches each recall point (numpy searchsorted, side left).
                    var i = 0
                    for (r, point) in parameters.recallThresholds.enumerated() {
                        while i < n && rcAt[t][i] < point { i += 1 }
                        precision[((t * R + r) * K + k) * A + a] = i < n ? prAt[t][i] : 0
                    }
                }
            }
        }
        self.precision = precision
        self.recall = recall
    }

    /// Counted ground-truth boxes (weights summed) per category and area range: `[k * A + a]`.
    static func countedTruth(_ state: DetectionState, categoryCount: Int, areaCount: Int) -> [Double] {
        var counted = [Double](repeating: 0, count: categoryCount * areaCount)
        for g in 0..<state.truthCount {
            let k = Int(state.truthCategory[g])
            let w = state.isWeighted ? state.truthWeight[g] : 1
            let mask = state.truthCounted[g]
            for a in 0..<areaCount where mask & (1 << UInt64(a)) != 0 {
                counted[k * areaCount + a] += w
            }
        }
        return counted
    }

    /// Detection indices per category, by descending score, then image, then rank.
    static func orderedDetections(_ state: DetectionState, categoryCount: Int) -> [[Int]] {
        var byCategory = [[Int]](repeating: [], count: categoryCount)
        for d in 0..<state.detectionCount { byCategory[Int(state.detectionCategory[d])].append(d) }
        let score = state.detectionScore, image = state.detectionImage, rank = state.detectionRank
        for k in 0..<categoryCount {
            byCategory[k].sort { a, b in
                if score[a] != score[b] { return score[a] > score[b] }
                if image[a] != image[b] { return image[a] < image[b] }
                return rank[a] < rank[b]
            }
        }
        return byCategory
    }
}
