/// Sufficient statistics of a COCO-style detection evaluation over a set of images: every kept
/// detection with its score and, per area range, whether it matched a ground-truth box and
/// whether it is ignored at each IoU threshold; and every ground-truth box with the area ranges
/// in which it counts. This is what pycocotools' `evalImgs` holds, in columns.
///
/// `merge` appends; `DetectionMetrics` orders detections by (score descending, image, rank in
/// image), pycocotools' order, so the result does not depend on the order of merges.
/// Bootstrap replicates carry a weight per record (an image drawn k times weighs k).
public struct DetectionState: MergeableState {
    /// Number of area ranges A; `matched` and `ignored` hold A words a detection.
    public let areaCount: Int

    /// Images evaluated (their indices).
    public var images: [Int32] = []

    // Detections, one entry each.
    public var detectionCategory: [Int32] = []
    public var detectionScore: [Double] = []
    public var detectionImage: [Int32] = []
    /// Position among its image's (and category's) detections by descending score.
    public var detectionRank: [Int32] = []
    /// `matched[d * A + a]` bit t: matched at IoU threshold t in area range a.
    public var matched: [UInt64] = []
    /// `ignored[d * A + a]` bit t: ignored at IoU threshold t in area range a (matched a crowd or
    /// out-of-range box, or unmatched and itself out of range).
    public var ignored: [UInt64] = []

    // Ground-truth boxes, one entry each.
    public var truthCategory: [Int32] = []
    public var truthImage: [Int32] = []
    /// Bit a: the box counts (is not ignored) in area range a.
    public var truthCounted: [UInt64] = []

    /// Ground-truth boxes that are crowd regions (VOC's "difficult": neither found nor missed).
    public var truthCrowd: [Bool] = []
    /// `truthMatchRank[g * truthStride + a * T + t]`: the rank (in its image and category) of the
    /// detection that matched box g at area range a and matching threshold t, Int32.max if none;
    /// `truthStride` = A × T. What recall needs without the detections (slices by box attribute).
    public var truthMatchRank: [Int32] = []
    public internal(set) var truthStride = 0
    /// The score of the detection that matched each box at the operating point (-infinity: none).
    public var truthMatchScore: [Double] = []

    // Pascal VOC outcomes (only when the matcher computes them): every detection that is a true
    // or a false positive under VOC's rule, with its score and its place in the results file.
    public var vocCategory: [Int32] = []
    public var vocScore: [Double] = []
    public var vocFileIndex: [Int32] = []
    public var vocImage: [Int32] = []
    public var vocTruePositive: [Bool] = []
    public var vocWeight: [Double] = []

    /// Replicate weights per detection and per ground-truth box; empty means all 1.
    public var detectionWeight: [Double] = []
    public var truthWeight: [Double] = []
    /// Replicate weight of each entry of `images`; empty means all 1.
    public var imageWeight: [Double] = []

    public init(areaCount: Int) {
        self.areaCount = areaCount
    }

    /// Appends a ground-truth box's record.
    public mutating func appendTruth(category: Int32, image: Int32, counted: UInt64, crowd: Bool, matchRanks: ArraySlice<Int32>,
                                     operatingScore: Double) {
        precondition(truthStride == 0 || truthStride == matchRanks.count, "DetectionState: threshold counts differ")
        truthStride = matchRanks.count
        truthCategory.append(category)
        truthImage.append(image)
        truthCounted.append(counted)
        truthCrowd.append(crowd)
        truthMatchRank.append(contentsOf: matchRanks)
        truthMatchScore.append(operatingScore)
    }

    public var detectionCount: Int { detectionScore.count }
    /// No image and no record.
    public var isEmpty: Bool { images.isEmpty && detectionCount == 0 && truthCount == 0 && vocScore.isEmpty }
    /// A slice by an attribute of the boxes: boxes only, no image and no detection of its own.
    public var isBoxSlice: Bool { images.isEmpty && truthCount > 0 }
    public var truthCount: Int { truthCategory.count }
    /// Whether this is a bootstrap replicate (its records carry weights). Stored, not inferred from
    /// the weight arrays: a box slice's replicate has box weights but no images, and merges must
    /// keep its weights whatever the order in which replicates are merged.
    public internal(set) var isWeighted = false

    /// Number of images, counting replicate weights.
    public var weightedImageCount: Double {
        isWeighted ? imageWeight.reduce(0, +) : Double(images.count)
    }

    public mutating func merge(_ other: DetectionState) {
        precondition(other.areaCount == areaCount, "DetectionState: area range counts differ")
        // Into an empty state (a merge of one cell): `other` itself, not a copy of each record.
        if isEmpty && !isWeighted && truthStride == 0 {
            self = other
            return
        }
        if isWeighted != other.isWeighted, !(other.images.isEmpty || images.isEmpty) {
            preconditionFailure("DetectionState: cannot merge a weighted replicate with an unweighted state")
        }
        let weighted = isWeighted || other.isWeighted
        isWeighted = weighted
        images += other.images
        detectionCategory += other.detectionCategory
        detectionScore += other.detectionScore
        detectionImage += other.detectionImage
        detectionRank += other.detectionRank
        matched += other.matched
        ignored += other.ignored
        truthCategory += other.truthCategory
        truthImage += other.truthImage
        truthCounted += other.truthCounted
        truthCrowd += other.truthCrowd
        if other.truthStride != 0 {
            precondition(truthStride == 0 || truthStride == other.truthStride, "DetectionState: threshold counts differ")
            truthStride = other.truthStride
        }
        truthMatchRank += other.truthMatchRank
        truthMatchScore += other.truthMatchScore
        vocCategory += other.vocCategory
        vocScore += other.vocScore
        vocFileIndex += other.vocFileIndex
        vocImage += other.vocImage
        vocTruePositive += other.vocTruePositive
        if weighted {
            vocWeight += other.vocWeight
            detectionWeight += other.detectionWeight
            truthWeight += other.truthWeight
            imageWeight += other.imageWeight
        }
    }

    /// A bootstrap replicate: each image is drawn `weight(image)` times (its records weigh that
    /// much); records of images drawn zero times are dropped. Replicates are drawn from
    /// unweighted states.
    public func reweighted(_ weight: (Int32) -> Double) -> DetectionState {
        precondition(!isWeighted, "DetectionState: a replicate is drawn from an unweighted state")
        var copy = DetectionState(areaCount: areaCount)
        copy.isWeighted = true
        copy.truthStride = truthStride
        // `weight` is asked per record: a box slice's cell holds boxes whose images it does not list.
        for image in images {
            let w = weight(image)
            if w > 0 {
                copy.images.append(image)
                copy.imageWeight.append(w)
            }
        }
        for d in 0..<detectionCount {
            let w = weight(detectionImage[d])
            guard w > 0 else { continue }
            copy.detectionCategory.append(detectionCategory[d])
            copy.detectionScore.append(detectionScore[d])
            copy.detectionImage.append(detectionImage[d])
            copy.detectionRank.append(detectionRank[d])
            copy.matched.append(contentsOf: matched[d * areaCount..<(d + 1) * areaCount])
            copy.ignored.append(contentsOf: ignored[d * areaCount..<(d + 1) * areaCount])
            copy.detectionWeight.append(w)
        }
        for g in 0..<truthCount {
            let w = weight(truthImage[g])
            guard w > 0 else { continue }
            copy.truthCategory.append(truthCategory[g])
            copy.truthImage.append(truthImage[g])
            copy.truthCounted.append(truthCounted[g])
            copy.truthCrowd.append(truthCrowd[g])
            copy.truthMatchRank.append(contentsOf: truthMatchRank[g * truthStride..<(g + 1) * truthStride])
            copy.truthMatchScore.append(truthMatchScore[g])
            copy.truthWeight.append(w)
        }
        for v in 0..<vocScore.count {
            let w = weight(vocImage[v])
            guard w > 0 else { continue }
            copy.vocCategory.append(vocCategory[v])
            copy.vocScore.append(vocScore[v])
            copy.vocFileIndex.append(vocFileIndex[v])
            copy.vocImage.append(vocImage[v])
            copy.vocTruePositive.append(vocTruePositive[v])
            copy.vocWeight.append(w)
        }
        return copy
    }
}
