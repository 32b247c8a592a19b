/// pycocotools' `COCOeval.accumulate`: precision at each recall point and final recall, per IoU
/// threshold, category, area range and max-detections value, from a `DetectionState`.
///
/// Per (category, area, max detections m): the detections of rank < m from every image, ordered
/// by descending score (ties: image order, then rank), ignored ones left out (they change
/// neither count); at each IoU threshold, tp and fp are running counts, recall = tp / G where G is
/// the number of counted ground-truth boxes, precision = tp / (tp + fp + ε) with ε = 2⁻⁵² (numpy's
/// `spacing(1)`), made non-increasing from the right; precision at recall point r is the value at
/// the first detection whose recall reaches r, 0 past the last. A category with G = 0 gets −1
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
        var rcCurve: [Double] = []
        var prCurve: [Double] = []
        let maxDetections = parameters.maxDetections
        var found = [Double](repeating: 0, count: M)
        for k in 0..<K {
            let order = byCategory[k]
            for a in 0..<A {
                let truthCount = counted[k * A + a]
                if truthCount == 0 { continue }
                for t in 0..<T {
                    // One pass: the curve of the largest max-detections value (every kept detection)
                    // and the true positives within each smaller value, for its recall.
                    let bit: UInt64 = 1 << UInt64(t)
                    rcCurve.removeAll(keepingCapacity: true)
                    prCurve.removeAll(keepingCapacity: true)
                    for m in 0..<M { found[m] = 0 }
                    var tp = 0.0, fp = 0.0
                    for d in order {
                        let slot = d * A + a
                        if state.ignored[slot] & bit != 0 { continue }
                        let w = weighted ? state.detectionWeight[d] : 1
                        if state.matched[slot] & bit != 0 {
                            tp += w
                            let rank = state.detectionRank[d]
                            for m in 0..<(M - 1) where rank < maxDetections[m] { found[m] += w }
                        } else {
                            fp += w
                        }
                        rcCurve.append(tp / truthCount)
                        prCurve.append(tp / (fp + tp + epsilon))
                    }
                    found[M - 1] = tp
                    for m in 0..<M { recall[((t * K + k) * A + a) * M + m] = found[m] / truthCount }
                    let n = rcCurve.count
                    if n > 1 {
                        for i in stride(from: n - 1, to: 0, by: -1) where prCurve[i] > prCurve[i - 1] {
                            prCurve[i - 1] = prCurve[i]
                        }
                    }
                    // First index whose recall reaches each recall point (numpy searchsorted, side left).
                    var i = 0
                    for (r, point) in parameters.recallThresholds.enumerated() {
                        while i < n && rcCurve[i] < point { i += 1 }
                        precision[((t * R + r) * K + k) * A + a] = i < n ? prCurve[i] : 0
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
