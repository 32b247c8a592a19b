import EvalKitData

/// The `options` of a detection evaluation (docs/schemes.md, "Task `detection`").
struct DetectionOptions {
    /// How an attribute of the detected objects is evaluated on matched pairs.
    enum AttributeKind: String, CaseIterable {
        /// A label (colour, type, age band): classification metrics.
        case label
        /// A string (a plate): the text metrics; a missed box counts as a missed read.
        case text
    }

    struct Attribute {
        var name: String
        var kind: AttributeKind
        /// Text attributes: how strings are normalised before comparing.
        var normalization: TextNormalization
    }

    /// Pascal VOC average precision, as an extra metric.
    enum VOCMode: String, CaseIterable {
        /// VOC2007's 11-point interpolation.
        case elevenPoint = "11point"
        /// VOC2010+'s area under the interpolated curve (all points).
        case allPoints = "all_points"
    }

    static let keys = ["iou_thresholds", "recall_points", "max_detections", "area_ranges", "class_agnostic",
                       "operating_point", "zero_division", "voc", "attributes"]

    var parameters = DetectionParameters()
    /// Operating point: a detection counts when its IoU ≥ `iou` and score ≥ `score`.
    var operatingIoU = 0.5
    var scoreThreshold = 0.5
    var zeroDivision = ZeroDivisionPolicy.nan
    var voc: VOCMode?
    var attributes: [Attribute] = []

    static func read(_ node: JSONNode?, reader: inout NodeReader) -> DetectionOptions {
        var options = DetectionOptions()
        guard let node else { return options }
        reader.object(node, allowed: keys, what: "detection options")
        guard node.objectMembers != nil else { return options }
        if let thresholds = node["iou_thresholds"] {
            options.parameters.iouThresholds = readThresholds(thresholds, reader: &reader)
        }
        if let points = node["recall_points"], let count = reader.integer(points, "recall_points", in: node) {
            if count >= 2 {
                options.parameters.recallThresholds = DetectionParameters.linspace(0, 1, count: count)
            } else {
                reader.fail(points, expected: "an integer ≥ 2 (COCO: 101, i.e. recall 0, 0.01, …, 1)", found: points.foundDescription)
            }
        }
        if let maxNode = node["max_detections"] {
            options.parameters.maxDetections = readMaxDetections(maxNode, reader: &reader)
        }
        if let areas = node["area_ranges"] {
            options.parameters.areaRanges = readAreaRanges(areas, reader: &reader)
        }
        if let agnostic = node["class_agnostic"] {
            if let value = agnostic.boolValue { options.parameters.useCategories = !value } else {
                reader.fail(agnostic, expected: "true or false", found: agnostic.foundDescription)
            }
        }
        if let point = node["operating_point"] {
            reader.object(point, allowed: ["iou", "score"], what: "operating point")
            if let iou = reader.number(point["iou"], "iou", in: point) {
                if iou > 0 && iou <= 1 { options.operatingIoU = iou } else {
                    reader.fail(point["iou"]!, expected: "an IoU in (0, 1]", found: point["iou"]!.foundDescription)
                }
            }
            if let score = reader.number(point["score"], "score", in: point) { options.scoreThreshold = score }
        }
        options.zeroDivision = reader.choice(node["zero_division"], "zero_division", in: node,
                                             ZeroDivisionPolicy.allCases.map(\.rawValue)).flatMap(ZeroDivisionPolicy.init(rawValue:)) ?? .nan
        if let voc = reader.choice(node["voc"], "voc", in: node, VOCMode.allCases.map(\.rawValue)) {
            options.voc = VOCMode(rawValue: voc)
        }
        if let attributes = node["attributes"] {
            for (name, value) in reader.namedObject(attributes, what: "attributes (name → {\"kind\": \"label\" or \"text\"})") {
                guard let members = value.objectMembers else {
                    reader.fail(value, expected: "{\"kind\": \"label\"} or {\"kind\": \"text\", …normalisation}", found: value.foundDescription)
                    continue
                }
                let kind = reader.choice(value["kind"], "kind", in: value, AttributeKind.allCases.map(\.rawValue))
                    .flatMap(AttributeKind.init(rawValue:)) ?? .label
                // The other keys are the text normalisation options (docs/schemes.md, "Task `text`").
                let rest = JSONNode(value: .object(members.filter { $0.key != "kind" }), line: value.line, column: value.column, path: value.path)
                var normalization = TextNormalization()
                if kind == .text {
                    normalization = TextOptions.read(rest, reader: &reader)
                } else if let extra = members.first(where: { $0.key != "kind" }) {
                    reader.fail(extra.value, "text normalisation applies to attributes of kind \"text\"")
                }
                options.attributes.append(Attribute(name: name, kind: kind, normalization: normalization))
            }
        }
        return options
    }

    /// IoU thresholds: an array of numbers in (0, 1], ascending, or {"start", "stop", "step"}
    /// (COCO's `np.linspace(start, stop, round((stop - start) / step) + 1)`).
    static func readThresholds(_ node: JSONNode, reader: inout NodeReader) -> [Double] {
        var values: [Double] = []
        if let items = node.arrayItems {
            for item in items {
                if let v = item.numberValue { values.append(v) } else {
                    reader.fail(item, expected: "a number", found: item.foundDescription)
                }
            }
        } else if node.objectMembers != nil {
            reader.object(node, allowed: ["start", "stop", "step"], what: "IoU threshold range")
            if let start = reader.number(node["start"], "start", in: node, required: true),
               let stop = reader.number(node["stop"], "stop", in: node, required: true),
               let step = reader.number(node["step"], "step", in: node, required: true) {
                if step > 0 && stop >= start {
                    values = DetectionParameters.linspace(start, stop, count: Int(((stop - start) / step).rounded()) + 1)
                } else {
                    reader.fail(node, expected: "step > 0 and stop ≥ start", found: node.foundDescription)
                }
            }
        } else {
            reader.fail(node, expected: "an array of IoU thresholds, or {\"start\": 0.5, \"stop\": 0.95, \"step\": 0.05}",
                        found: node.foundDescription)
        }
        if values.isEmpty && node.arrayItems?.isEmpty == true {
            reader.fail(node, expected: "at least one IoU threshold", found: "[]")
        }
        if values.contains(where: { !($0 > 0 && $0 <= 1) }) {
            reader.fail(node, expected: "IoU thresholds in (0, 1]", found: node.foundDescription)
        } else if zip(values, values.dropFirst()).contains(where: { $0 >= $1 }) {
            reader.fail(node, expected: "IoU thresholds in increasing order without repeats", found: node.foundDescription)
        } else if values.count > 63 {
            reader.fail(node, expected: "at most 63 IoU thresholds", found: "\(values.count)")
        }
        return values.isEmpty ? DetectionParameters.cocoIoUThresholds : values
    }

    static func readMaxDetections(_ node: JSONNode, reader: inout NodeReader) -> [Int] {
        guard let items = node.arrayItems, !items.isEmpty else {
            reader.fail(node, expected: "an array of positive integers such as [1, 10, 100]", found: node.foundDescription)
            return [1, 10, 100]
        }
        var values: [Int] = []
        for item in items {
            if let v = item.numberValue, v >= 1, v == v.rounded(), v < 1e9 { values.append(Int(v)) } else {
                reader.fail(item, expected: "a positive integer", found: item.foundDescription)
            }
        }
        if zip(values, values.dropFirst()).contains(where: { $0 >= $1 }) {
            reader.fail(node, expected: "increasing values (the last is the number of detections kept per image)",
                        found: node.foundDescription)
        }
        return values.isEmpty ? [1, 10, 100] : values
    }

    /// Area ranges: {"name": [lower, upper], …} in pixels² (bounds inclusive, as COCOeval).
    /// The overall range `all` comes first; when not given it is [0, 1e10].
    static func readAreaRanges(_ node: JSONNode, reader: inout NodeReader) -> [DetectionParameters.AreaRange] {
        var ranges: [DetectionParameters.AreaRange] = []
        for (name, value) in reader.namedObject(node, what: "area ranges (name → [lower, upper])") {
            guard let bounds = value.arrayItems, bounds.count == 2, let lower = bounds[0].numberValue, let upper = bounds[1].numberValue,
                  lower >= 0, upper >= lower else {
                reader.fail(value, expected: "[lower, upper] with 0 ≤ lower ≤ upper (pixels²)", found: value.foundDescription)
                continue
            }
            ranges.append(.init(name, lower, upper))
        }
        if let all = ranges.firstIndex(where: { $0.name == "all" }) {
            ranges.insert(ranges.remove(at: all), at: 0)
        } else {
            ranges.insert(.init("all", 0, 1e10), at: 0)
        }
        if ranges.count > 64 { reader.fail(node, expected: "at most 64 area ranges", found: "\(ranges.count)") }
        return ranges
    }
}
