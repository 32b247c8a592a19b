import EvalKitData

/// A COCO results file (a list of `{image_id, category_id, bbox, score}`), read against the
/// ground truth's image and category indices.
struct COCOResults {
    /// The detections kept (file order), with their index in the file.
    var boxes = DetectionBoxes()
    var fileIndex: [Int32] = []
    /// Per requested attribute, each kept detection's value (`nil` = absent).
    var attributes: [String: [String?]] = [:]
    /// Detections left out under `extra: ignore`: on images, or of categories, the ground truth lacks.
    var unknownImages = 0
    var unknownCategories = 0
    /// Detections whose box has zero width or height (kept; they match nothing).
    var zeroSizeBoxes = 0
    /// Objects in the file.
    var count = 0
    /// Lowercase hex SHA-256 of the file.
    var sha256 = ""

    static func read(path: String, display: String, truth: COCOGroundTruth, attributes: [String], extra: ExtraPolicy,
                     progress: ProgressReporter, threads: Threads) throws -> COCOResults {
        let document = try FastJSONDocument(path: path, display: display, progress: progress, threads: threads)
        guard document.rootIsArray else {
            throw InputError(file: display, expected: "a list of detections [{\"image_id\", \"category_id\", \"bbox\", \"score\"}, …]",
                             found: "an object", message: "not a COCO results file")
        }
        let columns = try document.objectArray(member: nil, fields: [
            JSONFieldRequest("image_id", .integer, required: true), JSONFieldRequest("category_id", .integer, required: true),
            JSONFieldRequest("bbox", .box, required: true), JSONFieldRequest("score", .number, required: true),
        ] + attributes.map { JSONFieldRequest("attributes." + $0, .text) })
        let imageOf = columns.integers["image_id"]!, categoryOf = columns.integers["category_id"]!
        let bbox = columns.boxes["bbox"]!, score = columns.numbers["score"]!
        var results = COCOResults()
        results.count = columns.count
        results.boxes.image.reserveCapacity(columns.count)
        results.boxes.category.reserveCapacity(columns.count)
        results.boxes.box.reserveCapacity(4 * columns.count)
        results.boxes.area.reserveCapacity(columns.count)
        results.boxes.score.reserveCapacity(columns.count)
        var keptAttributes = attributes.map { _ in [String?]() }
        let attributeColumns = attributes.map { columns.texts["attributes." + $0]! }
        for i in 0..<columns.count {
            guard let image = truth.imageIndex[imageOf[i]] else {
                if extra == .ignore { results.unknownImages += 1; continue }
                throw InputError(file: display, path: "[\(i)].image_id", field: "image_id",
                                 message: "image id \(imageOf[i]) is not in the ground truth",
                                 hint: "set \"extra\": \"ignore\" to leave such detections out (they are counted)")
            }
            guard let category = truth.categoryIndex[categoryOf[i]] else {
                if extra == .ignore { results.unknownCategories += 1; continue }
                throw InputError(file: display, path: "[\(i)].category_id", field: "category_id",
                                 message: "category id \(categoryOf[i]) is not among the ground truth's categories",
                                 hint: "set \"extra\": \"ignore\" to leave such detections out (they are counted; pycocotools ignores them silently)")
            }
            let (x, y, w, h) = (bbox[4 * i], bbox[4 * i + 1], bbox[4 * i + 2], bbox[4 * i + 3])
            if w < 0 || h < 0 {
                throw InputError(file: display, path: "[\(i)].bbox", field: "bbox",
                                 expected: "[x, y, width, height] with width and height ≥ 0",
                                 found: "[\(JSONOutput.format(x)), \(JSONOutput.format(y)), \(JSONOutput.format(w)), \(JSONOutput.format(h))]")
            }
            if w == 0 || h == 0 { results.zeroSizeBoxes += 1 }
            results.boxes.appendDetection(image: image, category: category, x: x, y: y, width: w, height: h, score: score[i])
            results.fileIndex.append(Int32(i))
            for a in attributes.indices { keptAttributes[a].append(attributeColumns[a][i]) }
        }
        for (a, name) in attributes.enumerated() { results.attributes[name] = keptAttributes[a] }
        results.sha256 = document.sha256
        return results
    }
}
