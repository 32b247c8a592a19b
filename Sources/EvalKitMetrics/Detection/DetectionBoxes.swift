/// Boxes of one side of a detection evaluation, as columns. Images and categories are dense
/// indices: `image` is the image's position among the ground truth's image ids sorted ascending
/// (pycocotools' `imgIds` order, which breaks score ties), `category` the position among the
/// sorted category ids.
public struct DetectionBoxes: Sendable {
    /// Image index of each box.
    public var image: [Int32] = []
    /// Category index of each box.
    public var category: [Int32] = []
    /// x, y, width, height of each box, four doubles a box.
    public var box: [Double] = []
    /// The area that decides the area range: the annotation's `area` for ground truth (as
    /// COCOeval reads it), width × height for detections.
    public var area: [Double] = []
    /// Ground truth: crowd regions (`iscrowd`), which absorb any number of detections.
    public var crowd: [Bool] = []
    /// Detections: confidence, higher first.
    public var score: [Double] = []

    public init() {}

    public var count: Int { image.count }

    /// Appends a ground-truth box.
    public mutating func appendTruth(image: Int32, category: Int32, x: Double, y: Double, width: Double, height: Double,
                                     area: Double, crowd: Bool) {
        self.image.append(image)
        self.category.append(category)
        appendBox(x, y, width, height)
        self.area.append(area)
        self.crowd.append(crowd)
    }

    /// Four appends, not an array literal (allocated per box).
    @inline(__always) private mutating func appendBox(_ x: Double, _ y: Double, _ width: Double, _ height: Double) {
        box.append(x)
        box.append(y)
        box.append(width)
        box.append(height)
    }

    /// Appends a detection; its area is width × height.
    public mutating func appendDetection(image: Int32, category: Int32, x: Double, y: Double, width: Double, height: Double,
                                         score: Double) {
        self.image.append(image)
        self.category.append(category)
        appendBox(x, y, width, height)
        area.append(width * height)
        self.score.append(score)
    }
}

/// Intersection over union of a detection box and a ground-truth box, as pycocotools' `bbIou`
/// (maskApi.c) computes it: 0 when they do not overlap; for a crowd region the union is the
/// detection's area alone (the share of the detection inside the region).
@inlinable
public func boxIoU(_ d: UnsafePointer<Double>, _ g: UnsafePointer<Double>, crowd: Bool) -> Double {
    let w = min(d[0] + d[2], g[0] + g[2]) - max(d[0], g[0])
    if w <= 0 { return 0 }
    let h = min(d[1] + d[3], g[1] + g[3]) - max(d[1], g[1])
    if h <= 0 { return 0 }
    let da = d[2] * d[3]
    let i = w * h
    let u = crowd ? da : da + g[2] * g[3] - i
    return i / u
}
