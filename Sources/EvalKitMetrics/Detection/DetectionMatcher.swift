/// Matches detections to ground truth image by image, as pycocotools' `COCOeval.evaluateImg`
/// does (iouType `bbox`), and records the outcome in per-cell `DetectionState`s.
///
/// Per image and category (per image when categories are not used): detections are ordered by
/// descending score (ties keep file order) and cut to the largest max-detections value; for each
/// area range, ground truth outside the range or crowd is *ignored* and tried last; for each IoU
/// threshold t, each detection in turn takes the unmatched box with the highest IoU ≥ min(t,
/// 1 − 1e-10), preferring boxes that are not ignored (a crowd box can take any number of
/// detections). A detection matched to an ignored box is ignored; an unmatched detection outside
/// the area range is ignored.
public struct DetectionMatcher: Sendable {
    public let parameters: DetectionParameters
    /// IoU thresholds used for matching: the parameters' thresholds, then the operating IoU when
    /// it is not one of them.
    public let thresholds: [Double]
    /// Index in `thresholds` of the operating point's IoU.
    public let operatingThreshold: Int?

    /// Whether Pascal VOC outcomes are recorded too (`VOCAveragePrecision`).
    public let voc: Bool

    public init(parameters: DetectionParameters, operatingIoU: Double? = nil, voc: Bool = false) {
        self.voc = voc
        precondition(parameters.iouThresholds.count + 1 <= 64, "DetectionMatcher: at most 63 IoU thresholds")
        precondition(parameters.areaRanges.count <= 64, "DetectionMatcher: at most 64 area ranges")
        self.parameters = parameters
        var thresholds = parameters.iouThresholds
        var operating: Int?
        if let operatingIoU {
            if let index = thresholds.firstIndex(of: operatingIoU) {
                operating = index
            } else {
                thresholds.append(operatingIoU)
                operating = thresholds.count - 1
            }
        }
        self.thresholds = thresholds
        operatingThreshold = operating
    }

    /// What matching produced besides the states.
    public struct Matches: Sendable {
        /// Per detection: the ground-truth box it matched at the operating IoU in the first area
        /// range (not a crowd box), or -1 (unmatched, ignored, or cut by max detections).
        public var operatingMatch: [Int32]
        /// Per detection: its rank among its image's (and category's) detections, or -1 when
        /// it was not evaluated (cut by max detections, or of a category the ground truth lacks).
        public var rank: [Int32]

        /// Adds the matches of other images (their detections' entries; -1 elsewhere): each
        /// detection is matched with its image only, so every entry of the union is the larger.
        public mutating func merge(_ other: Matches) {
            for d in operatingMatch.indices {
                operatingMatch[d] = max(operatingMatch[d], other.operatingMatch[d])
                rank[d] = max(rank[d], other.rank[d])
            }
        }
    }

    /// Matches `detections` to `truth` over `imageCount` images and `categoryCount` categories
    /// (all of them, on the calling thread): `match(_:images:…)` over one range of every image.
    public func match(truth: DetectionBoxes, detections: DetectionBoxes, imageCount: Int, categoryCount: Int,
                      cellOfImage: [Int32], cellOfTruth: [Int32]? = nil, states: inout [DetectionState],
                      includeImage: [Bool]? = nil, imagesDone: ((Int) -> Void)? = nil) -> Matches {
        let groups = DetectionGroups(truth: truth, detections: detections, imageCount: imageCount, categoryCount: categoryCount)
        return match(groups, images: 0..<imageCount, truth: truth, detections: detections, cellOfImage: cellOfImage,
                     cellOfTruth: cellOfTruth, states: &states, includeImage: includeImage, imagesDone: imagesDone)
    }

    /// Matches the detections of the images in `images` (a range of `groups`' images) to the
    /// ground truth and appends every such image's records to `states[cellOfImage[image]]` (which
    /// must exist), image by image in ascending order: the records of consecutive ranges,
    /// concatenated, are those of their union. The `Matches` returned hold -1 for the detections
    /// of other images (`Matches.merge`).
    /// Detections of category -1 (absent from the ground truth) are left out, in class-agnostic
    /// mode too, as pycocotools gathers boxes by the ground truth's categories. Class-agnostic
    /// mode takes an image's boxes category by category (ascending), each in file order, as
    /// pycocotools does; that order breaks ties in score and in IoU.
    /// `cellOfTruth`, when given, puts each ground-truth box's record in its own cell (slices by an
    /// attribute of the boxes); otherwise it goes to its image's cell.
    /// `includeImage`, when given, limits the matching to the images it marks (one shard's).
    /// `imagesDone`, when given, is told every 1,024 images how many of `images` have been
    /// matched (progress).
    public func match(_ groups: DetectionGroups, images: Range<Int>, truth: DetectionBoxes, detections: DetectionBoxes,
                      cellOfImage: [Int32], cellOfTruth: [Int32]? = nil, states: inout [DetectionState],
                      includeImage: [Bool]? = nil, imagesDone: ((Int) -> Void)? = nil) -> Matches {
        let K = groups.categoryCount
        var result = Matches(operatingMatch: Array(repeating: -1, count: detections.count),
                             rank: Array(repeating: -1, count: detections.count))
        for image in images where includeImage?[image] ?? true {
            states[Int(cellOfImage[image])].images.append(Int32(image))
        }
        var scratch = Scratch()
        let stride = parameters.areaRanges.count * thresholds.count
        truth.box.withUnsafeBufferPointer { truthBoxes in
            detections.box.withUnsafeBufferPointer { detectionBoxes in
                func evaluateGroup(_ truthMembers: ArraySlice<Int32>, _ detectionMembers: ArraySlice<Int32>, image: Int, category: Int32) {
                    if truthMembers.isEmpty && detectionMembers.isEmpty { return }
                    evaluate(truthMembers: truthMembers, detectionMembers: detectionMembers, truth: truth, truthBoxes: truthBoxes.baseAddress!,
                             detections: detections, detectionBoxes: detectionBoxes.baseAddress!, image: Int32(image), category: category,
                             state: &states[Int(cellOfImage[image])], matches: &result, scratch: &scratch)
                    // Ground-truth records, each in its cell.
                    for (j, g) in truthMembers.enumerated() {
                        let cell = Int(cellOfTruth?[Int(g)] ?? cellOfImage[image])
                        states[cell].appendTruth(category: category, image: Int32(image), counted: scratch.truthCounted[j],
                                                 crowd: truth.crowd[Int(g)], matchRanks: scratch.truthRank[j * stride..<(j + 1) * stride],
                                                 operatingScore: scratch.truthScore[j])
                    }
                }
                for image in images {
                    if (image - images.lowerBound) & 1023 == 0, let imagesDone { imagesDone(image - images.lowerBound) }
                    if let includeImage, !includeImage[image] { continue }
                    if parameters.useCategories {
                        for k in 0..<K {
                            evaluateGroup(groups.truth.members(image * K + k), groups.detections.members(image * K + k),
                                          image: image, category: Int32(k))
                        }
                    } else {
                        evaluateGroup(groups.truth.members(image * K..<(image + 1) * K), groups.detections.members(image * K..<(image + 1) * K),
                                      image: image, category: 0)
                    }
                }
            }
        }
        return result
    }

    /// Reused buffers.
    struct Scratch {
        var order: [Int] = []
        var ious: [Double] = []
        /// Per kept detection, its largest IoU with the group's boxes (NaN counts as +infinity).
        var largestIoU: [Double] = []
        var truthOrder: [Int] = []
        var truthIgnored: [Bool] = []
        var truthTaken: [Bool] = []
        /// Per ground-truth box of the group: area ranges where it counts, the rank of the detection
        /// that matched it at each (area range, threshold) (Int32.max: none), and the score of the
        /// detection that matched it at the operating point (-infinity: none).
        var truthCounted: [UInt64] = []
        var truthRank: [Int32] = []
        var truthScore: [Double] = []
    }

    private func evaluate(truthMembers: ArraySlice<Int32>, detectionMembers: ArraySlice<Int32>, truth: DetectionBoxes,
                          truthBoxes: UnsafePointer<Double>, detections: DetectionBoxes, detectionBoxes: UnsafePointer<Double>,
                          image: Int32, category: Int32, state: inout DetectionState, matches: inout Matches, scratch: inout Scratch) {
        let areas = parameters.areaRanges
        let areaCount = areas.count
        // Detections by descending score, ties in the members' order (file order; class-agnostic:
        // category, then file order), cut to the largest max-detections.
        scratch.order.removeAll(keepingCapacity: true)
        scratch.order.append(contentsOf: 0..<detectionMembers.count)
        if scratch.order.count > 1 {
            let base = detectionMembers.startIndex
            scratch.order.sort { a, b in
                let sa = detections.score[Int(detectionMembers[base + a])], sb = detections.score[Int(detectionMembers[base + b])]
                return sa > sb || (sa == sb && a < b)
            }
        }
        for r in scratch.order.indices { scratch.order[r] = Int(detectionMembers[detectionMembers.startIndex + scratch.order[r]]) }
        let kept = min(scratch.order.count, parameters.maxDetectionsKept)
        let truthCount = truthMembers.count
        // IoU of each kept detection (rows) with each ground-truth box (columns, file order).
        scratch.ious.removeAll(keepingCapacity: true)
        scratch.ious.reserveCapacity(kept * truthCount)
        scratch.largestIoU.removeAll(keepingCapacity: true)
        for r in 0..<kept {
            let d = scratch.order[r]
            var largest = -Double.infinity
            for g in truthMembers {
                let iou = boxIoU(detectionBoxes + 4 * d, truthBoxes + 4 * Int(g), crowd: truth.crowd[Int(g)])
                scratch.ious.append(iou)
                largest = max(largest, iou.isNaN ? .infinity : iou)
            }
            scratch.largestIoU.append(largest)
        }
        // Ground-truth records (the caller files them in their cells).
        let stride = areaCount * thresholds.count
        scratch.truthCounted.removeAll(keepingCapacity: true)
        scratch.truthRank.removeAll(keepingCapacity: true)
        scratch.truthScore.removeAll(keepingCapacity: true)
        scratch.truthRank.append(contentsOf: repeatElement(.max, count: truthCount * stride))
        scratch.truthScore.append(contentsOf: repeatElement(-.infinity, count: truthCount))
        for g in truthMembers {
            var counted: UInt64 = 0
            let area = truth.area[Int(g)]
            for (a, range) in areas.enumerated() where !truth.crowd[Int(g)] && area >= range.lower && area <= range.upper {
                counted |= 1 << UInt64(a)
            }
            scratch.truthCounted.append(counted)
        }
        if voc {
            recordVOC(truthMembers: truthMembers, truth: truth, truthBoxes: truthBoxes, detections: detections,
                      detectionBoxes: detectionBoxes, image: image, category: category, state: &state, scratch: &scratch)
        }
        // Detection records.
        let first = state.detectionCount
        for r in 0..<kept {
            let d = scratch.order[r]
            state.detectionCategory.append(category)
            state.detectionScore.append(detections.score[d])
            state.detectionImage.append(image)
            state.detectionRank.append(Int32(r))
            matches.rank[d] = Int32(r)
        }
        state.matched.append(contentsOf: repeatElement(0, count: kept * areaCount))
        state.ignored.append(contentsOf: repeatElement(0, count: kept * areaCount))
        guard kept > 0 else { return }
        scratch.truthTaken.removeAll(keepingCapacity: true)
        scratch.truthTaken.append(contentsOf: repeatElement(false, count: truthCount))
        for (a, range) in areas.enumerated() {
            // Ground truth in match order: counted boxes first, then ignored ones, each in file order.
            scratch.truthIgnored.removeAll(keepingCapacity: true)
            for g in truthMembers {
                let area = truth.area[Int(g)]
                scratch.truthIgnored.append(truth.crowd[Int(g)] || area < range.lower || area > range.upper)
            }
            scratch.truthOrder.removeAll(keepingCapacity: true)
            for j in 0..<truthCount where !scratch.truthIgnored[j] { scratch.truthOrder.append(j) }
            for j in 0..<truthCount where scratch.truthIgnored[j] { scratch.truthOrder.append(j) }
            for (t, threshold) in thresholds.enumerated() {
                let bit: UInt64 = 1 << UInt64(t)
                for j in 0..<truthCount { scratch.truthTaken[j] = false }
                for r in 0..<kept {
                    var best = min(threshold, 1 - 1e-10)
                    var m = -1
                    // Below the threshold with every box, the detection takes none.
                    for k in 0..<(scratch.largestIoU[r] >= best ? truthCount : 0) {
                        let j = scratch.truthOrder[k]
                        if scratch.truthTaken[j] && !truth.crowd[Int(truthMembers[truthMembers.startIndex + j])] { continue }
                        if m > -1 && !scratch.truthIgnored[m] && scratch.truthIgnored[j] { break }
                        let iou = scratch.ious[r * truthCount + j]
                        if iou < best { continue }
                        best = iou
                        m = j
                    }
                    let slot = (first + r) * areaCount + a
                    if m >= 0 {
                        scratch.truthTaken[m] = true
                        state.matched[slot] |= bit
                        if scratch.truthIgnored[m] {
                            state.ignored[slot] |= bit
                        } else {
                            scratch.truthRank[m * stride + a * thresholds.count + t] = Int32(r)
                            if a == 0 && t == operatingThreshold {
                                matches.operatingMatch[scratch.order[r]] = truthMembers[truthMembers.startIndex + m]
                                scratch.truthScore[m] = detections.score[scratch.order[r]]
                            }
                        }
                    } else {
                        let area = detections.area[scratch.order[r]]
                        if area < range.lower || area > range.upper { state.ignored[slot] |= bit }
                    }
                }
            }
        }
    }
}

extension DetectionMatcher {
    /// Pascal VOC's matching (py-faster-rcnn `voc_eval.py`), on every detection of the group in
    /// score order (no max-detections cut): a detection takes the box of highest IoU (the first
    /// of equals, any box, found or not); IoU > 0.5 with a box not yet found is a true positive,
    /// with a found box a false positive, with a crowd ("difficult") box neither; IoU ≤ 0.5 is a
    /// false positive. IoU is the plain one (no crowd rule, no VOC "+1" pixel convention).
    func recordVOC(truthMembers: ArraySlice<Int32>, truth: DetectionBoxes, truthBoxes: UnsafePointer<Double>, detections: DetectionBoxes,
                   detectionBoxes: UnsafePointer<Double>, image: Int32, category: Int32, state: inout DetectionState, scratch: inout Scratch) {
        scratch.truthTaken.removeAll(keepingCapacity: true)
        scratch.truthTaken.append(contentsOf: repeatElement(false, count: truthMembers.count))
        for d in scratch.order {
            var best = -Double.infinity
            var m = -1
            for (j, g) in truthMembers.enumerated() {
                let iou = boxIoU(detectionBoxes + 4 * d, truthBoxes + 4 * Int(g), crowd: false)
                if iou > best { best = iou; m = j }
            }
            var truePositive = false
            if m >= 0 && best > 0.5 {
                if truth.crowd[Int(truthMembers[truthMembers.startIndex + m])] { continue }
                if !scratch.truthTaken[m] {
                    truePositive = true
                    scratch.truthTaken[m] = true
                }
            }
            state.vocCategory.append(category)
            state.vocScore.append(detections.score[d])
            state.vocFileIndex.append(Int32(d))
            state.vocImage.append(image)
            state.vocTruePositive.append(truePositive)
        }
    }
}
