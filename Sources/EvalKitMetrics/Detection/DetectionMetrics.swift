/// What the detection metrics need besides the state.
public struct DetectionConfig: Sendable {
    public var parameters: DetectionParameters
    /// Category names in category-index order (one, `all`, in class-agnostic mode).
    public var categoryNames: [String]
    /// The operating point: IoU threshold bit in the state's masks (see `DetectionMatcher`), its
    /// IoU, and the score threshold (a detection counts when score ≥ it).
    public var operatingThreshold: Int
    public var operatingIoU: Double
    public var scoreThreshold: Double
    public var zeroDivision: ZeroDivisionPolicy
    /// Pascal VOC AP (`voc_ap`) with this interpolation; the state must hold VOC outcomes.
    public var voc: VOCAveragePrecision.Interpolation?
    /// Image ids as written, by image index: given, the result carries the `per_image` table.
    public var imageNames: [String]?

    public init(parameters: DetectionParameters, categoryNames: [String], operatingThreshold: Int, operatingIoU: Double,
                scoreThreshold: Double, zeroDivision: ZeroDivisionPolicy, voc: VOCAveragePrecision.Interpolation? = nil,
                imageNames: [String]? = nil) {
        self.voc = voc
        self.imageNames = imageNames
        self.parameters = parameters
        self.categoryNames = categoryNames
        self.operatingThreshold = operatingThreshold
        self.operatingIoU = operatingIoU
        self.scoreThreshold = scoreThreshold
        self.zeroDivision = zeroDivision
    }
}

/// COCO's summary (pycocotools `COCOeval.summarize`), per-category AP and AR, and counts at an
/// operating point, from a `DetectionState` (docs/metrics.md, "Detection").
public enum DetectionMetrics {
    /// The summary metric names for `parameters`: COCO's twelve (`AP AP50 AP75 APs APm APl AR1
    /// AR10 AR100 ARs ARm ARl`) with the configured max-detections values in the AR names and
    /// `AP_<name>`/`AR_<name>` for area ranges other than COCO's.
    public static func summaryNames(_ parameters: DetectionParameters) -> [String] {
        var ap = ["AP"]
        var ar: [String] = []
        if parameters.iouThresholds.contains(0.5) { ap.append("AP50") }
        if parameters.iouThresholds.contains(0.75) { ap.append("AP75") }
        for range in parameters.areaRanges.dropFirst() { ap.append(areaKey("AP", range.name)) }
        for m in parameters.maxDetections { ar.append("AR\(m)") }
        for range in parameters.areaRanges.dropFirst() { ar.append(areaKey("AR", range.name)) }
        return ap + ar
    }

    /// The operating-point metric names.
    public static let operatingNames = ["precision", "recall", "f1", "miss_rate", "false_alarms_per_image", "tp", "fp", "fn", "images"]

    /// Per-category metric names.
    public static func perCategoryNames(_ parameters: DetectionParameters) -> [String] {
        var names = ["AP"]
        if parameters.iouThresholds.contains(0.5) { names.append("AP50") }
        if parameters.iouThresholds.contains(0.75) { names.append("AP75") }
        names.append("AR\(parameters.maxDetectionsKept)")
        return names + ["ground_truth_boxes"]
    }

    static func areaKey(_ prefix: String, _ name: String) -> String {
        switch name {
        case "small": prefix + "s"
        case "medium": prefix + "m"
        case "large": prefix + "l"
        default: prefix + "_" + name
        }
    }

    public static func compute(_ state: DetectionState, _ config: DetectionConfig) -> ComputedMetrics {
        if state.isBoxSlice { return BoxSliceMetrics.compute(state, config) }
        let parameters = config.parameters
        let K = config.categoryNames.count
        let curves = DetectionCurves(state, parameters: parameters, categoryCount: K)
        var result = ComputedMetrics()
        result.count = Int(state.weightedImageCount.rounded())
        let lastM = parameters.maxDetections.count - 1
        let allT = Array(0..<parameters.iouThresholds.count)
        let noTruth = "no counted ground-truth box (pycocotools reports -1)"

        func averagePrecision(thresholds: [Int], categories: [Int], area: Int) -> Double {
            // pycocotools: np.mean(s[s > -1]) over (t, r, k) in that order.
            var values: [Double] = []
            for t in thresholds {
                for r in 0..<curves.recallCount {
                    for k in categories {
                        let p = curves.precision(t: t, r: r, k: k, a: area)
                        if p > -1 { values.append(p) }
                    }
                }
            }
            return numpyMean(values)
        }
        func averageRecall(thresholds: [Int], categories: [Int], area: Int, m: Int) -> Double {
            var values: [Double] = []
            for t in thresholds {
                for k in categories {
                    let r = curves.recall(t: t, k: k, a: area, m: m)
                    if r > -1 { values.append(r) }
                }
            }
            return numpyMean(values)
        }
        let allK = Array(0..<K)
        var metrics = MetricValues()
        func set(_ key: String, _ value: Double) { metrics.set(key, value, undefinedReason: value.isNaN ? noTruth : nil) }
        set("AP", averagePrecision(thresholds: allT, categories: allK, area: 0))
        for (iou, key) in [(0.5, "AP50"), (0.75, "AP75")] {
            if let t = parameters.iouThresholds.firstIndex(of: iou) {
                set(key, averagePrecision(thresholds: [t], categories: allK, area: 0))
            }
        }
        for (a, range) in parameters.areaRanges.enumerated().dropFirst() {
            set(areaKey("AP", range.name), averagePrecision(thresholds: allT, categories: allK, area: a))
        }
        for (m, maxDet) in parameters.maxDetections.enumerated() {
            set("AR\(maxDet)", averageRecall(thresholds: allT, categories: allK, area: 0, m: m))
        }
        for (a, range) in parameters.areaRanges.enumerated().dropFirst() {
            set(areaKey("AR", range.name), averageRecall(thresholds: allT, categories: allK, area: a, m: lastM))
        }
        let perImage = perImageCounts(state, config)
        operatingPoint(perImage, state, config, into: &metrics)
        let voc = config.voc.map { VOCAveragePrecision.perCategory(state, categoryCount: K, interpolation: $0) }
        if let voc {
            metrics.set("voc_ap", numpyMean(voc.filter { !$0.isNaN }), undefinedReason: "no category has a ground-truth box")
        }
        result.metrics = metrics

        // Bootstrap replicates (weighted states) need the overall values only.
        if state.isWeighted { return result }
        if let names = config.imageNames {
            result.itemTables = [ItemTable(
                name: "per_image", columns: ["image_id", "tp", "fp", "fn", "ground_truth_boxes"],
                rows: perImage.map { row in
                    [names[Int(row.image)]] + [row.tp, row.fp, row.boxes - row.tp, row.boxes].map { String(Int($0)) }
                }, itemLevel: true)]
        }
        result.curves = precisionRecallCurves(curves, parameters)
        let counted = DetectionCurves.countedTruth(state, categoryCount: K, areaCount: parameters.areaRanges.count)
        for k in 0..<K {
            var values = MetricValues()
            func setCategory(_ key: String, _ value: Double) {
                values.set(key, value, undefinedReason: value.isNaN ? "no ground-truth box of this category" : nil)
            }
            setCategory("AP", averagePrecision(thresholds: allT, categories: [k], area: 0))
            for (iou, key) in [(0.5, "AP50"), (0.75, "AP75")] {
                if let t = parameters.iouThresholds.firstIndex(of: iou) {
                    setCategory(key, averagePrecision(thresholds: [t], categories: [k], area: 0))
                }
            }
            setCategory("AR\(parameters.maxDetectionsKept)", averageRecall(thresholds: allT, categories: [k], area: 0, m: lastM))
            if let voc { setCategory("voc_ap", voc[k]) }
            values.set("ground_truth_boxes", counted[k * parameters.areaRanges.count])
            result.perClass.append((label: config.categoryNames[k], metrics: values))
        }
        let empty = (0..<K).filter { counted[$0 * parameters.areaRanges.count] == 0 }.map { config.categoryNames[$0] }
        if !empty.isEmpty {
            result.notes.append("\(empty.count) categor\(empty.count == 1 ? "y has" : "ies have") no counted ground-truth box and "
                + "\(empty.count == 1 ? "is" : "are") left out of AP and AR (pycocotools: -1): "
                + empty.prefix(10).joined(separator: ", ") + (empty.count > 10 ? ", …" : ""))
        }
        return result
    }

    /// Precision against recall (area `all`, largest max detections), averaged over categories
    /// with ground truth: over all IoU thresholds (the curve under `AP`), and at 0.5 and 0.75.
    static func precisionRecallCurves(_ curves: DetectionCurves, _ parameters: DetectionParameters) -> [MetricCurve] {
        var selections: [(String, [Int])] = [("precision_recall", Array(0..<curves.thresholdCount))]
        for (iou, suffix) in [(0.5, "@iou=0.5"), (0.75, "@iou=0.75")] {
            if let t = parameters.iouThresholds.firstIndex(of: iou) { selections.append(("precision_recall" + suffix, [t])) }
        }
        return selections.map { name, thresholds in
            let y = (0..<curves.recallCount).map { r in
                numpyMean(thresholds.flatMap { t in
                    (0..<curves.categoryCount).map { curves.precision(t: t, r: r, k: $0, a: 0) }.filter { $0 > -1 }
                })
            }
            return MetricCurve(name: name, xLabel: "recall", yLabel: "precision", x: parameters.recallThresholds, y: y)
        }
    }

    /// Counts per image at the operating point (IoU `operatingIoU`, score ≥ `scoreThreshold`, the
    /// first area range, the largest max-detections value), counting replicate weights: true and
    /// false positives and counted boxes of each image of the state, in index order.
    public static func perImageCounts(_ state: DetectionState, _ config: DetectionConfig)
        -> [(image: Int32, tp: Double, fp: Double, boxes: Double)] {
        let A = config.parameters.areaRanges.count
        let bit: UInt64 = 1 << UInt64(config.operatingThreshold)
        let size = Int(max(state.images.max() ?? -1, state.detectionImage.max() ?? -1, state.truthImage.max() ?? -1)) + 1
        var tp = [Double](repeating: 0, count: size), fp = tp, boxes = tp
        var present = [Bool](repeating: false, count: size)
        for image in state.images { present[Int(image)] = true }
        for d in 0..<state.detectionCount where state.detectionScore[d] >= config.scoreThreshold {
            let slot = d * A
            if state.ignored[slot] & bit != 0 { continue }
            let w = state.isWeighted ? state.detectionWeight[d] : 1
            let image = Int(state.detectionImage[d])
            if state.matched[slot] & bit != 0 { tp[image] += w } else { fp[image] += w }
        }
        for g in 0..<state.truthCount where state.truthCounted[g] & 1 != 0 {
            let image = Int(state.truthImage[g])
            boxes[image] += state.isWeighted ? state.truthWeight[g] : 1
            present[image] = true
        }
        return (0..<size).filter { present[$0] }.map { (Int32($0), tp[$0], fp[$0], boxes[$0]) }
    }

    /// The operating-point counts (summed over images) and the rates made of them.
    static func operatingPoint(_ perImage: [(image: Int32, tp: Double, fp: Double, boxes: Double)], _ state: DetectionState,
                               _ config: DetectionConfig, into metrics: inout MetricValues) {
        let tp = perImage.reduce(0) { $0 + $1.tp }, fp = perImage.reduce(0) { $0 + $1.fp }
        let truth = perImage.reduce(0) { $0 + $1.boxes }
        let fn = truth - tp
        let images = state.weightedImageCount
        let zero = config.zeroDivision
        func ratio(_ a: Double, _ b: Double, _ reason: String) -> (Double, String?) {
            b > 0 ? (a / b, nil) : (zero.value, zero == .nan ? reason : nil)
        }
        let precision = ratio(tp, tp + fp, "no detection at the operating point")
        let recall = ratio(tp, truth, "no counted ground-truth box")
        let f1 = ratio(2 * tp, 2 * tp + fp + fn, "no detection and no ground-truth box")
        let miss = ratio(fn, truth, "no counted ground-truth box")
        let alarms = ratio(fp, images, "no image")
        metrics.set("precision", precision.0, undefinedReason: precision.1)
        metrics.set("recall", recall.0, undefinedReason: recall.1)
        metrics.set("f1", f1.0, undefinedReason: f1.1)
        metrics.set("miss_rate", miss.0, undefinedReason: miss.1)
        metrics.set("false_alarms_per_image", alarms.0, undefinedReason: alarms.1)
        metrics.set("tp", tp)
        metrics.set("fp", fp)
        metrics.set("fn", fn)
        metrics.set("images", images)
    }
}
