import Foundation
import EvalKitData
import EvalKitMetrics

/// Reads small COCO files with evalkit's scheme JSON parser for the metric tests (the product
/// reads them with the fast reader; these tests check the metrics alone). Not Foundation's
/// `JSONSerialization`: on Linux it rounds some doubles wrongly (0.566420597899431 for
/// 0.5664205978994309), which would hide last-digit differences.
struct COCOTestCase {
    var truth = DetectionBoxes()
    var detections = DetectionBoxes()
    var imageCount = 0
    var categoryNames: [String] = []

    init(groundTruth: String, detections detectionsPath: String) throws {
        let gt = try readJSON(groundTruth)
        let images = gt["images"]!.arrayItems!.map { Int64($0["id"]!.numberValue!) }.sorted()
        let imageIndex = Dictionary(uniqueKeysWithValues: images.enumerated().map { ($1, Int32($0)) })
        let categories = gt["categories"]!.arrayItems!.map { (Int64($0["id"]!.numberValue!), $0["name"]?.stringValue ?? "") }
            .sorted { $0.0 < $1.0 }
        let categoryIndex = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($1.0, Int32($0)) })
        imageCount = images.count
        categoryNames = categories.map(\.1)
        for ann in gt["annotations"]!.arrayItems! {
            let b = ann["bbox"]!.arrayItems!.map { $0.numberValue! }
            truth.appendTruth(image: imageIndex[Int64(ann["image_id"]!.numberValue!)]!,
                              category: categoryIndex[Int64(ann["category_id"]!.numberValue!)] ?? -1,
                              x: b[0], y: b[1], width: b[2], height: b[3],
                              area: ann["area"]!.numberValue!,
                              crowd: (ann["iscrowd"]?.numberValue ?? 0) != 0)
        }
        for det in try readJSON(detectionsPath).arrayItems! {
            let b = det["bbox"]!.arrayItems!.map { $0.numberValue! }
            detections.appendDetection(image: imageIndex[Int64(det["image_id"]!.numberValue!)]!,
                                       category: categoryIndex[Int64(det["category_id"]!.numberValue!)] ?? -1,
                                       x: b[0], y: b[1], width: b[2], height: b[3],
                                       score: det["score"]!.numberValue!)
        }
    }

    /// The matching state with `parameters`, all images in one cell.
    func state(_ parameters: DetectionParameters, operatingIoU: Double = 0.5) -> DetectionState {
        let matcher = DetectionMatcher(parameters: parameters, operatingIoU: operatingIoU)
        var states = [DetectionState(areaCount: parameters.areaRanges.count)]
        _ = matcher.match(truth: truth, detections: detections, imageCount: imageCount, categoryCount: categoryNames.count,
                          cellOfImage: Array(repeating: 0, count: imageCount), states: &states)
        return states[0]
    }

    /// Evaluates with `parameters`, all images in one cell.
    func evaluate(_ parameters: DetectionParameters = DetectionParameters(), operatingIoU: Double = 0.5,
                  scoreThreshold: Double = 0.5) -> ComputedMetrics {
        let matcher = DetectionMatcher(parameters: parameters, operatingIoU: operatingIoU)
        let states = [state(parameters, operatingIoU: operatingIoU)]
        let categories = parameters.useCategories ? categoryNames : ["all"]
        let config = DetectionConfig(parameters: parameters, categoryNames: categories,
                                     operatingThreshold: matcher.operatingThreshold!, operatingIoU: operatingIoU,
                                     scoreThreshold: scoreThreshold, zeroDivision: .nan)
        return DetectionMetrics.compute(states[0], config)
    }
}

/// The conformance folder: the project's copy, else `../shared/conformance/coco`.
func cocoConformanceDirectory() -> String? {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    for candidate in [root.appendingPathComponent("Tests/Fixtures/Conformance/coco").path,
                      root.deletingLastPathComponent().appendingPathComponent("shared/conformance/coco").path]
    where FileManager.default.fileExists(atPath: candidate + "/expected.json") {
        return candidate
    }
    return nil
}

/// Parses a JSON file with evalkit's parser (correctly rounded numbers).
func readJSON(_ path: String) throws -> JSONNode {
    try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: path))), file: path)
}
