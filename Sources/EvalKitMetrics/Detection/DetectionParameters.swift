/// The parameters of a COCO-style evaluation (pycocotools `Params`, iouType `bbox`): IoU
/// thresholds, recall points, maximum detections per image, object area ranges, and whether
/// categories are kept apart.
public struct DetectionParameters: Sendable, Equatable {
    /// An object-size range on the ground truth's `area` (a result's w·h), bounds inclusive.
    public struct AreaRange: Sendable, Equatable {
        public var name: String
        public var lower: Double
        public var upper: Double
        public init(_ name: String, _ lower: Double, _ upper: Double) {
            self.name = name
            self.lower = lower
            self.upper = upper
        }
    }

    /// IoU thresholds, ascending (COCO: 0.50:0.05:0.95).
    public var iouThresholds: [Double]
    /// Recall points at which precision is sampled (COCO: 0:0.01:1, 101 points).
    public var recallThresholds: [Double]
    /// Detections kept per image and category, highest scores first, ascending (COCO: 1, 10, 100).
    public var maxDetections: [Int]
    /// Area ranges; the first is the one the overall metrics use (COCO: all, small, medium, large).
    public var areaRanges: [AreaRange]
    /// Whether a detection can match only ground truth of its own category (COCO `useCats`).
    public var useCategories: Bool

    public init(iouThresholds: [Double] = DetectionParameters.cocoIoUThresholds,
                recallThresholds: [Double] = DetectionParameters.cocoRecallThresholds,
                maxDetections: [Int] = [1, 10, 100],
                areaRanges: [AreaRange] = DetectionParameters.cocoAreaRanges,
                useCategories: Bool = true) {
        self.iouThresholds = iouThresholds
        self.recallThresholds = recallThresholds
        self.maxDetections = maxDetections
        self.areaRanges = areaRanges
        self.useCategories = useCategories
    }

    /// `numpy.linspace(start, stop, count)`, bit for bit: `start + i * ((stop - start) / (count - 1))`,
    /// the last point exactly `stop`. pycocotools builds its thresholds this way, and a match
    /// compares an IoU with them, so the same doubles are needed.
    public static func linspace(_ start: Double, _ stop: Double, count: Int) -> [Double] {
        guard count > 1 else { return count == 1 ? [start] : [] }
        let step = (stop - start) / Double(count - 1)
        var values = (0..<count).map { Double($0) * step + start }
        values[count - 1] = stop
        return values
    }

    /// COCO's IoU thresholds: `np.linspace(.5, 0.95, 10)`.
    public static let cocoIoUThresholds = linspace(0.5, 0.95, count: 10)
    /// COCO's recall points: `np.linspace(.0, 1.00, 101)`.
    public static let cocoRecallThresholds = linspace(0, 1, count: 101)
    /// COCO's area ranges (32² and 96² pixels).
    public static let cocoAreaRanges = [
        AreaRange("all", 0, 1e10), AreaRange("small", 0, 1024),
        AreaRange("medium", 1024, 9216), AreaRange("large", 9216, 1e10),
    ]

    /// The largest number of detections kept per image and category.
    public var maxDetectionsKept: Int { maxDetections.last ?? 0 }
}
