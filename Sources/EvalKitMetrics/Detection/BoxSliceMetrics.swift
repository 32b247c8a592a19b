/// The metrics of a slice by an attribute of the boxes (a face's skin tone, a vehicle's colour):
/// the slice holds its ground-truth boxes, each with the detections that matched it, and no
/// detection of its own, since an unmatched detection has no box attribute. So the recall side is
/// defined, from the boxes (the same matching as the whole evaluation): AR at each max-detections
/// value and area range, and at the operating point `recall`, `miss_rate`, `tp`, `fn`. Precision,
/// AP, false positives and VOC AP are undefined there, with that reason. `count` is the number of
/// boxes.
///
/// Recall from the boxes equals pycocotools' (from the detections) on any whole set of images:
/// a box is found with at most m detections when the detection that matched it ranks below m,
/// since the greedy matching of the m best detections is the start of the matching of all.
public enum BoxSliceMetrics {
    static let noDetections = "a slice by a box attribute has no detections of its own (an unmatched detection has no box attribute); its recall-side metrics are given"

    public static func compute(_ state: DetectionState, _ config: DetectionConfig) -> ComputedMetrics {
        let parameters = config.parameters
        let A = parameters.areaRanges.count
        let K = config.categoryNames.count
        let T = parameters.iouThresholds.count
        let internalThresholds = state.truthStride / A
        func weight(_ g: Int) -> Double { state.isWeighted ? state.truthWeight[g] : 1 }

        // found[((m * A + a) * K + k) * T + t], counted[k * A + a]
        let M = parameters.maxDetections.count
        var found = [Double](repeating: 0, count: M * A * K * T)
        var counted = [Double](repeating: 0, count: K * A)
        var tp = 0.0
        for g in 0..<state.truthCount {
            let k = Int(state.truthCategory[g])
            let w = weight(g)
            for a in 0..<A where state.truthCounted[g] & (1 << UInt64(a)) != 0 {
                counted[k * A + a] += w
                for t in 0..<T {
                    let rank = state.truthMatchRank[g * state.truthStride + a * internalThresholds + t]
                    for (m, maxDet) in parameters.maxDetections.enumerated() where rank < maxDet {
                        found[((m * A + a) * K + k) * T + t] += w
                    }
                }
            }
            if state.truthCounted[g] & 1 != 0 && state.truthMatchScore[g] >= config.scoreThreshold { tp += w }
        }
        func averageRecall(area a: Int, m: Int) -> Double {
            var values: [Double] = []
            for t in 0..<T {
                for k in 0..<K where counted[k * A + a] > 0 {
                    values.append(found[((m * A + a) * K + k) * T + t] / counted[k * A + a])
                }
            }
            return numpyMean(values)
        }
        var metrics = MetricValues()
        for name in DetectionMetrics.summaryNames(parameters) where name.hasPrefix("AP") {
            metrics.set(name, .nan, undefinedReason: noDetections)
        }
        let noBox = "no counted ground-truth box"
        for (m, maxDet) in parameters.maxDetections.enumerated() {
            let value = averageRecall(area: 0, m: m)
            metrics.set("AR\(maxDet)", value, undefinedReason: value.isNaN ? noBox : nil)
        }
        for (a, range) in parameters.areaRanges.enumerated().dropFirst() {
            let value = averageRecall(area: a, m: M - 1)
            metrics.set(DetectionMetrics.areaKey("AR", range.name), value, undefinedReason: value.isNaN ? noBox : nil)
        }
        let truth = (0..<K).reduce(0.0) { $0 + counted[$1 * A] }
        let fn = truth - tp
        let zero = config.zeroDivision
        for (key, value) in [("precision", Double.nan), ("recall", truth > 0 ? tp / truth : zero.value),
                             ("f1", .nan), ("miss_rate", truth > 0 ? fn / truth : zero.value), ("false_alarms_per_image", .nan)] {
            metrics.set(key, value, undefinedReason: value.isNaN ? (["recall", "miss_rate"].contains(key) ? noBox : noDetections) : nil)
        }
        metrics.set("tp", tp)
        metrics.set("fp", .nan, undefinedReason: noDetections)
        metrics.set("fn", fn)
        metrics.set("images", .nan, undefinedReason: "a slice by a box attribute counts boxes, not images")
        if config.voc != nil { metrics.set("voc_ap", .nan, undefinedReason: noDetections) }
        var result = ComputedMetrics()
        result.metrics = metrics
        result.count = Int(truth.rounded())
        return result
    }
}
