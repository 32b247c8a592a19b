import EvalKitData

/// Detection ground truth read into dense indices: from a COCO file (`images`, `annotations`,
/// `categories`; images and categories ordered by ascending id, as pycocotools orders them) or
/// from a table (`DetectionCSV`; ids and labels as text).
struct COCOGroundTruth {
    var imageCount = 0
    /// COCO: image ids, ascending (an image's index is its position) and the index of each.
    var imageIds: [Int64] = []
    var imageIndex: [Int64: Int32] = [:]
    /// Tables: the index of each image id as written.
    var imageIndexByName: [String: Int32] = [:]
    /// COCO: category ids, ascending, and the index of each.
    var categoryIds: [Int64] = []
    var categoryIndex: [Int64: Int32] = [:]
    /// Category names, in index order; tables: the index of each label.
    var categoryNames: [String] = []
    var categoryIndexByName: [String: Int32] = [:]
    /// The annotations (file order), with their image and category indices.
    var boxes = DetectionBoxes()
    /// Per image index, the values of the requested image attributes (`nil` = absent).
    var imageAttributes: [[String?]] = []
    /// Per requested object attribute, each annotation's value (`nil` = absent).
    var objectAttributes: [String: [String?]] = [:]
    /// Annotations whose box has zero width or height (kept, as pycocotools keeps them).
    var zeroSizeBoxes = 0
    /// Annotations without an `area` (width × height used) or without `iscrowd` (0 used).
    var withoutArea = 0
    var withoutCrowd = 0
    /// Lowercase hex SHA-256 of the ground-truth file, and of the metadata table when one was read.
    var sha256 = ""
    var metadataSHA256: String?

    /// Reads `file`; `imageAttributes` are keys of `images[]` entries, `objectAttributes` keys of
    /// `annotations[].attributes`.
    static func read(_ file: DatasetManifest.File, imageAttributes: [String], objectAttributes: [String],
                     progress: ProgressReporter, threads: Threads) throws -> COCOGroundTruth {
        let display = file.displayPath
        let document = try FastJSONDocument(path: file.resolvedPath, display: display, progress: progress, threads: threads)
        if document.rootIsArray {
            throw InputError(file: display, expected: "an object with \"images\", \"annotations\" and \"categories\"",
                             found: "a list", message: "this is a list, not a COCO ground-truth file",
                             hint: "a list of detections is a results file: give it as the predictions")
        }
        for member in ["images", "annotations", "categories"] where !document.hasMember(member) {
            throw InputError(file: display, path: member, expected: "an array \"\(member)\"",
                             message: "a COCO ground-truth file needs \"\(member)\"")
        }
        var truth = COCOGroundTruth()

        let images = try document.objectArray(member: "images", fields:
            [JSONFieldRequest("id", .integer, required: true)] + imageAttributes.map { JSONFieldRequest($0, .text) })
        let imageIds = images.integers["id"]!
        if imageIds.isEmpty {
            throw InputError(file: display, path: "images", expected: "at least one image", found: "an empty list",
                             message: "the ground truth has no images, so there is nothing to evaluate")
        }
        var order = Array(0..<images.count)
        order.sort { imageIds[$0] < imageIds[$1] }
        truth.imageIds = order.map { imageIds[$0] }
        truth.imageCount = order.count
        for (index, position) in order.enumerated() {
            if let previous = truth.imageIndex.updateValue(Int32(index), forKey: imageIds[position]) {
                _ = previous
                throw InputError(file: display, path: "images[\(position)].id", field: "id",
                                 message: "duplicate image id \(imageIds[position])")
            }
        }
        truth.imageAttributes = order.map { position in imageAttributes.map { images.texts[$0]![position] } }

        let categories = try document.objectArray(member: "categories", fields: [
            JSONFieldRequest("id", .integer, required: true), JSONFieldRequest("name", .text),
        ])
        let categoryIds = categories.integers["id"]!
        var categoryOrder = Array(0..<categories.count)
        categoryOrder.sort { categoryIds[$0] < categoryIds[$1] }
        for (index, position) in categoryOrder.enumerated() {
            let id = categoryIds[position]
            if truth.categoryIndex.updateValue(Int32(index), forKey: id) != nil {
                throw InputError(file: display, path: "categories[\(position)].id", field: "id", message: "duplicate category id \(id)")
            }
            truth.categoryIds.append(id)
            truth.categoryNames.append(categories.texts["name"]![position] ?? String(id))
        }

        let annotations = try document.objectArray(member: "annotations", fields: [
            JSONFieldRequest("id", .integer, required: true), JSONFieldRequest("image_id", .integer, required: true),
            JSONFieldRequest("category_id", .integer, required: true), JSONFieldRequest("bbox", .box, required: true),
            JSONFieldRequest("area", .number), JSONFieldRequest("iscrowd", .integer),
        ] + objectAttributes.map { JSONFieldRequest("attributes." + $0, .text) })
        let ids = annotations.integers["id"]!, imageOf = annotations.integers["image_id"]!
        let categoryOf = annotations.integers["category_id"]!, bbox = annotations.boxes["bbox"]!
        let area = annotations.numbers["area"]!, crowd = annotations.integers["iscrowd"]!
        var seen = Set<Int64>(minimumCapacity: annotations.count)
        truth.boxes.image.reserveCapacity(annotations.count)
        for i in 0..<annotations.count {
            let path = "annotations[\(i)]"
            if !seen.insert(ids[i]).inserted {
                throw InputError(file: display, path: path + ".id", field: "id", message: "duplicate annotation id \(ids[i])")
            }
            guard let image = truth.imageIndex[imageOf[i]] else {
                throw InputError(file: display, path: path + ".image_id", field: "image_id",
                                 message: "image id \(imageOf[i]) is not among the file's images")
            }
            guard let category = truth.categoryIndex[categoryOf[i]] else {
                throw InputError(file: display, path: path + ".category_id", field: "category_id",
                                 message: "category id \(categoryOf[i]) is not among the file's categories")
            }
            let (x, y, w, h) = (bbox[4 * i], bbox[4 * i + 1], bbox[4 * i + 2], bbox[4 * i + 3])
            if w < 0 || h < 0 {
                throw InputError(file: display, path: path + ".bbox", field: "bbox",
                                 expected: "[x, y, width, height] with width and height ≥ 0",
                                 found: "[\(JSONOutput.format(x)), \(JSONOutput.format(y)), \(JSONOutput.format(w)), \(JSONOutput.format(h))]")
            }
            if w == 0 || h == 0 { truth.zeroSizeBoxes += 1 }
            var boxArea = area[i]
            if boxArea.isNaN {
                boxArea = w * h
                truth.withoutArea += 1
            } else if boxArea < 0 {
                throw InputError(file: display, path: path + ".area", field: "area", expected: "a number ≥ 0", found: JSONOutput.format(boxArea))
            }
            var isCrowd = false
            switch crowd[i] {
            case .min: truth.withoutCrowd += 1
            case 0: break
            case 1: isCrowd = true
            default:
                throw InputError(file: display, path: path + ".iscrowd", field: "iscrowd", expected: "0 or 1", found: String(crowd[i]))
            }
            truth.boxes.appendTruth(image: image, category: category, x: x, y: y, width: w, height: h, area: boxArea, crowd: isCrowd)
        }
        for name in objectAttributes { truth.objectAttributes[name] = annotations.texts["attributes." + name]! }
        truth.sha256 = document.sha256
        try file.checkDigest(truth.sha256, displayPath: display)
        return truth
    }
}
