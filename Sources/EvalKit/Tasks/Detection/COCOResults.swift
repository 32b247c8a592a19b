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
    /// errors, or counted and left out under `extra: ignore`). Rows are checked in file order.
    init(_ file: File, truth: COCOGroundTruth, attributes: [String], extra: ExtraPolicy) throws {
        let columns = file.columns, display = file.display, n = columns.count
        let imageOf = columns.integers["image_id"]!, categoryOf = columns.integers["category_id"]!
        let bbox = columns.boxes["bbox"]!, score = columns.numbers["score"]!
        self.init()
        count = n
        var images = IdIndex(truth.imageIndex), categories = IdIndex(truth.categoryIndex)
        // Each row's image and category indices; -1 for rows left out.
        var image = [Int32](repeating: -1, count: n), category = [Int32](repeating: -1, count: n)
        for i in 0..<n {
            guard let rowImage = images.index(of: imageOf[i]) else {
                if extra == .ignore { unknownImages += 1; continue }
                throw InputError(file: display, path: "[\(i)].image_id", field: "image_id",
                                 message: "image id \(imageOf[i]) is not in the ground truth",
                                 hint: "set \"extra\": \"ignore\" to leave such detections out (they are counted)")
            }
            guard let rowCategory = categories.index(of: categoryOf[i]) else {
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
            (image[i], category[i]) = (rowImage, rowCategory)
        }
        // The columns of the rows kept (the file's columns themselves when every row is).
        let kept = unknownImages + unknownCategories == 0 ? nil : image.indices.filter { image[$0] >= 0 }
        func keptRows<T>(_ column: [T], stride: Int = 1) -> [T] {
            guard let kept else { return column }
            var rows: [T] = []
            rows.reserveCapacity(kept.count * stride)
            for i in kept { rows += column[i * stride..<(i + 1) * stride] }
            return rows
        }
        boxes.image = keptRows(image)
        boxes.category = keptRows(category)
        boxes.box = keptRows(bbox, stride: 4)
        boxes.score = keptRows(score)
        let box = boxes.box
        boxes.area = (0..<boxes.count).map { (d: Int) -> Double in box[4 * d + 2] * box[4 * d + 3] }
        fileIndex = kept.map { $0.map { Int32($0) } } ?? Array(0..<Int32(n))
        for name in attributes { self.attributes[name] = keptRows(columns.texts["attributes." + name]!) }
        sha256 = file.sha256
    }
}

/// Dense indices of integer ids looked up row by row: a table over the ids' range when it is
/// small (category ids, compact image ids), else the dictionary, the last lookup kept (result
/// files list an image's detections together).
private struct IdIndex {
    private let dictionary: [Int64: Int32]
    private let low: Int64, high: Int64
    /// Index of id `low + i` at i, -1 for none; empty when the dictionary is used.
    private let table: [Int32]
    private var last: (id: Int64, index: Int32?)?

    init(_ dictionary: [Int64: Int32]) {
        self.dictionary = dictionary
        low = dictionary.keys.min() ?? 0
        high = dictionary.keys.max() ?? -1
        let (span, overflow) = high.subtractingReportingOverflow(low)
        guard !dictionary.isEmpty, !overflow, span < 16 * Int64(dictionary.count) + 4096 else {
            table = []
            return
        }
        var table = [Int32](repeating: -1, count: Int(span) + 1)
        for (id, index) in dictionary { table[Int(id - low)] = index }
        self.table = table
    }

    mutating func index(of id: Int64) -> Int32? {
        if table.isEmpty {
            if let last, last.id == id { return last.index }
            last = (id, dictionary[id])
            return last!.index
        }
        guard id >= low && id <= high else { return nil }
        let index = table[Int(id - low)]
        return index >= 0 ? index : nil
    }
}
