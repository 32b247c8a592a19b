import EvalKitData

/// The `options` of a tracking evaluation (docs/schemes.md, "Task `tracking`").
struct TrackingOptions: Sendable {
    static let keys = ["threshold", "conventions", "motp", "preprocessing", "classes", "visibility_bands", "size_bands"]

    /// Which ground-truth rows and tracker boxes are evaluated.
    enum Preprocessing: String, CaseIterable, Sendable {
        /// Every row counts.
        case none
        /// TrackEval's MOT15: ground-truth rows marked 0 in the confidence column are left out.
        case mot15
        /// TrackEval's MOT17 (and MOT20): only pedestrians (class 1) are evaluated; tracker boxes
        /// matched (IoU ≥ 0.5) to a distractor's box (person on vehicle 2, static person 7,
        /// distractor 8, reflection 12; MOT20 also non-MOT vehicle 6) are removed first, then
        /// ground-truth rows marked 0 or of another class.
        case mot17, mot20

        var distractorClasses: Set<Int32> {
            switch self {
            case .mot17: [2, 7, 8, 12]
            case .mot20: [2, 6, 7, 8, 12]
            default: []
            }
        }
    }

    var parameters = TrackingParameters()
    var preprocessing = Preprocessing.none
    /// File class id → class name, in report order; nil: class-agnostic (one class `all`).
    var classes: [(id: String, name: String)]?
    /// Upper edges of the visibility bands (`visibility_band`): values in (0, 1), increasing.
    var visibilityBands: [Double] = [0.25, 0.5, 0.75]
    /// Edges of the size bands (`size_band`) on √(w·h) in pixels, increasing.
    var sizeBands: [Double] = [32, 96]

    /// The evaluated classes' names.
    var classNames: [String] {
        if let classes { return classes.map(\.name) }
        return [preprocessing == .mot17 || preprocessing == .mot20 ? "pedestrian" : "all"]
    }

    var isMultiClass: Bool { classes != nil }

    static func read(_ node: JSONNode?, reader: inout NodeReader) -> TrackingOptions {
        var options = TrackingOptions()
        guard let node else { return options }
        reader.object(node, allowed: keys, what: "tracking options")
        guard node.objectMembers != nil else { return options }
        if let t = node["threshold"], let value = reader.number(t, "threshold", in: node) {
            if value > 0 && value <= 1 { options.parameters.threshold = value } else {
                reader.fail(t, expected: "an IoU threshold in (0, 1]", found: t.foundDescription)
            }
        }
        if let c = reader.choice(node["conventions"], "conventions", in: node, TrackingParameters.Conventions.allCases.map(\.rawValue)) {
            options.parameters.conventions = TrackingParameters.Conventions(rawValue: c)!
        }
        if let m = reader.choice(node["motp"], "motp", in: node, TrackingParameters.MOTPForm.allCases.map(\.rawValue)) {
            options.parameters.motp = TrackingParameters.MOTPForm(rawValue: m)!
        }
        if let p = reader.choice(node["preprocessing"], "preprocessing", in: node, Preprocessing.allCases.map(\.rawValue)) {
            options.preprocessing = Preprocessing(rawValue: p)!
        }
        if let c = node["classes"] {
            var list: [(String, String)] = []
            if let members = c.objectMembers {
                for (key, value) in members {
                    if let name = reader.string(value, key, in: c) { list.append((key, name)) }
                }
            } else if let items = c.arrayItems {
                for item in items {
                    if let text = item.stringValue { list.append((text, text)) } else if let n = item.numberValue, n == n.rounded() {
                        list.append((String(Int(n)), String(Int(n))))
                    } else {
                        reader.fail(item, expected: "a class id (a string or a whole number)", found: item.foundDescription)
                    }
                }
            } else {
                reader.fail(c, expected: "an object of class id → name ({\"1\": \"pedestrian\"}) or a list of class ids", found: c.foundDescription)
            }
            if list.isEmpty && (c.objectMembers != nil || c.arrayItems != nil) {
                reader.fail(c, expected: "at least one class", found: "none")
            }
            if Set(list.map(\.0)).count != list.count || Set(list.map(\.1)).count != list.count {
                reader.fail(c, "a class id or name is listed twice")
            }
            if !list.isEmpty { options.classes = list }
        }
        if options.classes != nil && (options.preprocessing == .mot17 || options.preprocessing == .mot20), let c = node["classes"] {
            reader.fail(c, "MOT17 and MOT20 preprocessing evaluate pedestrians only (TrackEval's rule); leave out \"classes\"")
        }
        options.visibilityBands = edges(node["visibility_bands"], "visibility_bands", range: 0..<1, reader: &reader) ?? options.visibilityBands
        options.sizeBands = edges(node["size_bands"], "size_bands", range: 0..<Double.infinity, reader: &reader) ?? options.sizeBands
        return options
    }

    static func edges(_ node: JSONNode?, _ key: String, range: Range<Double>, reader: inout NodeReader) -> [Double]? {
        guard let node else { return nil }
        guard let items = node.arrayItems, !items.isEmpty,
              let values = Optional(items.compactMap(\.numberValue)), values.count == items.count,
              values.allSatisfy({ $0 > range.lowerBound && $0 < range.upperBound }), zip(values, values.dropFirst()).allSatisfy({ $0 < $1 })
        else {
            reader.fail(node, expected: "a non-empty increasing list of band edges in (\(shortNumber(range.lowerBound)), \(shortNumber(range.upperBound)))",
                        found: node.foundDescription)
            return nil
        }
        return values
    }

    /// The band of `value` among `edges`: `[0.25,0.5)`, with `<` the first and `≥` the last.
    static func band(_ value: Double, edges: [Double]) -> String {
        let k = edges.firstIndex { value < $0 } ?? edges.count
        if k == 0 { return "<\(shortNumber(edges[0]))" }
        if k == edges.count { return "≥\(shortNumber(edges[k - 1]))" }
        return "[\(shortNumber(edges[k - 1])),\(shortNumber(edges[k])))"
    }
}
