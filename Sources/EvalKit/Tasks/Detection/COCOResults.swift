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

    /// No detection (a table reader fills it: `DetectionCSV`).
    init() {}

    /// A results file read into columns (its ids not yet looked up in a ground truth).
    struct File {
        var columns: JSONObjectColumns
        var display: String
        var sha256: String
    }

    /// Reads the results file at `path` into columns; `attributes` are keys of each detection's
    /// `attributes`.
    static func readFile(path: String, display: String, attributes: [String], progress: ProgressReporter,
                         threads: Threads) throws -> File {
        let document = try FastJSONDocument(path: path, display: display, progress: progress, threads: threads)
        guard document.rootIsArray else {
            throw InputError(file: display, expected: "a list of detections [{\"image_id\", \"category_id\", \"bbox\", \"score\"}, …]",
                             found: "an object", message: "not a COCO results file")
        }
        let columns = try document.objectArray(member: nil, fields: [
            JSONFieldRequest("image_id", .integer, required: true), JSONFieldRequest("category_id", .integer, required: true),
            JSONFieldRequest("bbox", .box, required: true), JSONFieldRequest("score", .number, required: true),
        ] + attributes.map { JSONFieldRequest("attributes." + $0, .text) })
        return File(columns: columns, display: display, sha256: document.sha256)
    }

    /// The detections of `file` whose image and category the ground truth has (the others are
    /// errors, or counted and left out under `extra: ignore`).
    init(_ file: File, truth: COCOGroundTruth, attributes: [String], extra: ExtraPolicy) throws {
        let columns = file.columns, display = file.display
        let imageOf = columns.integers["image_id"]!, categoryOf = columns.integers["category_id"]!
        let bbox = columns.boxes["bbox"]!, score = columns.numbers["score"]!
        self.init()
        count = columns.count
        fileIndex.reserveCapacity(columns.count)
        boxes.image.reserveCapacity(columns.count)
        boxes.category.reserveCapacity(columns.count)
        boxes.box.reserveCapacity(4 * columns.count)
        boxes.area.reserveCapacity(columns.count)
        boxes.score.reserveCapacity(columns.count)
        var keptAttributes = attributes.map { _ in [String?]() }
        let attributeColumns = attributes.map { columns.texts["attributes." + $0]! }
        // Result files list an image's detections together: the previous row's lookups are reused.
        var (lastImageId, lastCategoryId): (Int64?, Int64?) = (nil, nil)
        var (lastImage, lastCategory): (Int32?, Int32?) = (nil, nil)
        for i in 0..<columns.count {
            if imageOf[i] != lastImageId { (lastImageId, lastImage) = (imageOf[i], truth.imageIndex[imageOf[i]]) }
            if categoryOf[i] != lastCategoryId { (lastCategoryId, lastCategory) = (categoryOf[i], truth.categoryIndex[categoryOf[i]]) }
            guard let image = lastImage else {
                if extra == .ignore { unknownImages += 1; continue }
                throw InputError(file: display, path: "[\(i)].image_id", field: "image_id",
                                 message: "image id \(imageOf[i]) is not in the ground truth",
                                 hint: "set \"extra\": \"ignore\" to leave such detections out (they are counted)")
            }
            guard let category = lastCategory else {
                if extra == .ignore { unknownCategories += 1; continue }
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
            if w == 0 || h == 0 { zeroSizeBoxes += 1 }
            boxes.appendDetection(image: image, category: category, x: x, y: y, width: w, height: h, score: score[i])
            fileIndex.append(Int32(i))
            for a in attributes.indices { keptAttributes[a].append(attributeColumns[a][i]) }
        }
        for (a, name) in attributes.enumerated() { self.attributes[name] = keptAttributes[a] }
        sha256 = file.sha256
    }
}
