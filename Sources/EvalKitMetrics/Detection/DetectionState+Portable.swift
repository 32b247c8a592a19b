/// The byte layout of `DetectionState` (docs/scale.md, "State files"): every record array in
/// declaration order.

extension DetectionState: PortableValue {
    public func write(to writer: inout StateWriter) {
        writer.write(areaCount)
        writer.write(plain: images)
        writer.write(plain: detectionCategory)
        writer.write(plain: detectionScore)
        writer.write(plain: detectionImage)
        writer.write(plain: detectionRank)
        writer.write(plain: matched)
        writer.write(plain: ignored)
        writer.write(plain: truthCategory)
        writer.write(plain: truthImage)
        writer.write(plain: truthCounted)
        writer.write(plain: truthCrowd)
        writer.write(plain: truthMatchRank)
        writer.write(truthStride)
        writer.write(plain: truthMatchScore)
        writer.write(plain: vocCategory)
        writer.write(plain: vocScore)
        writer.write(plain: vocFileIndex)
        writer.write(plain: vocImage)
        writer.write(plain: vocTruePositive)
        writer.write(plain: vocWeight)
        writer.write(plain: detectionWeight)
        writer.write(plain: truthWeight)
        writer.write(plain: imageWeight)
        writer.write(isWeighted)
    }

    public init(from reader: inout StateReader) throws {
        let areaCount = try reader.readInt()
        try reader.require((1...64).contains(areaCount), "an area range count of \(areaCount)")
        self.init(areaCount: areaCount)
        images = try reader.readPlain()
        detectionCategory = try reader.readPlain()
        detectionScore = try reader.readPlain()
        detectionImage = try reader.readPlain()
        detectionRank = try reader.readPlain()
        matched = try reader.readPlain()
        ignored = try reader.readPlain()
        truthCategory = try reader.readPlain()
        truthImage = try reader.readPlain()
        truthCounted = try reader.readPlain()
        truthCrowd = try reader.readPlain()
        truthMatchRank = try reader.readPlain()
        truthStride = try reader.readInt()
        truthMatchScore = try reader.readPlain()
        vocCategory = try reader.readPlain()
        vocScore = try reader.readPlain()
        vocFileIndex = try reader.readPlain()
        vocImage = try reader.readPlain()
        vocTruePositive = try reader.readPlain()
        vocWeight = try reader.readPlain()
        detectionWeight = try reader.readPlain()
        truthWeight = try reader.readPlain()
        imageWeight = try reader.readPlain()
        isWeighted = try reader.readBool()
        let d = detectionScore.count, g = truthCategory.count, v = vocScore.count
        try reader.require(detectionCategory.count == d && detectionImage.count == d && detectionRank.count == d
                           && matched.count == d * areaCount && ignored.count == d * areaCount
                           && (detectionWeight.isEmpty || detectionWeight.count == d), "detection records differ in length")
        try reader.require(truthImage.count == g && truthCounted.count == g && truthCrowd.count == g
                           && truthStride >= 0 && truthMatchRank.count == g * truthStride && truthMatchScore.count == g
                           && (truthWeight.isEmpty || truthWeight.count == g), "ground-truth records differ in length")
        try reader.require(vocCategory.count == v && vocFileIndex.count == v && vocImage.count == v && vocTruePositive.count == v
                           && (vocWeight.isEmpty || vocWeight.count == v) && (imageWeight.isEmpty || imageWeight.count == images.count),
                           "VOC records differ in length")
    }
}

extension DetectionState {
    /// Puts the records in canonical order: images ascending, ground-truth and VOC records by
    /// image (stable: an image's records keep the matcher's order), detections as
    /// `sortDetections` orders them. The matcher's output for all images is already in this order,
    /// so merged shards (whose records are concatenated shard by shard) become bit for bit the
    /// single run's state.
    public mutating func canonicalize() {
        if !zip(images, images.dropFirst()).allSatisfy({ $0 < $1 }) {
            let order = images.indices.sorted { images[$0] < images[$1] }
            images = order.map { images[$0] }
            if !imageWeight.isEmpty { imageWeight = order.map { imageWeight[$0] } }
        }
        if !zip(truthImage, truthImage.dropFirst()).allSatisfy({ $0 <= $1 }) {
            let order = truthImage.indices.sorted { (truthImage[$0], $0) < (truthImage[$1], $1) }
            truthCategory = order.map { truthCategory[$0] }
            truthImage = order.map { truthImage[$0] }
            truthCounted = order.map { truthCounted[$0] }
            truthCrowd = order.map { truthCrowd[$0] }
            truthMatchRank = order.flatMap { truthMatchRank[$0 * truthStride..<($0 + 1) * truthStride] }
            truthMatchScore = order.map { truthMatchScore[$0] }
            if !truthWeight.isEmpty { truthWeight = order.map { truthWeight[$0] } }
        }
        if !zip(vocImage, vocImage.dropFirst()).allSatisfy({ $0 <= $1 }) {
            let order = vocImage.indices.sorted { (vocImage[$0], $0) < (vocImage[$1], $1) }
            vocCategory = order.map { vocCategory[$0] }
            vocScore = order.map { vocScore[$0] }
            vocFileIndex = order.map { vocFileIndex[$0] }
            vocImage = order.map { vocImage[$0] }
            vocTruePositive = order.map { vocTruePositive[$0] }
            if !vocWeight.isEmpty { vocWeight = order.map { vocWeight[$0] } }
        }
        sortDetections()
    }
}
