import EvalKitData

/// The `options` of a classification evaluation (docs/schemes.md, "classification").
struct ClassificationOptions {
    enum Mode: String, CaseIterable {
        case binary, multiclass, multilabel
    }

    static let keys = ["mode", "positive", "negative", "threshold", "labels", "zero_division", "beta", "operating_points", "top_k"]

    var mode: Mode
    /// The positive label (binary and multilabel).
    var positive: String?
    /// The negative label of multilabel indicator columns ("0" by default).
    var negative: String
    /// Scores at or above the threshold predict the positive class.
    var threshold: Double?
    /// Declared label set, in report order; nil means "the labels found in the ground truth".
    var labels: [String]?
    var zeroDivision: ZeroDivisionPolicy
    var beta: Double?
    var operatingPoints: [OperatingPointTarget]
    /// The k of each `top_k_accuracy@k=<k>` (multiclass with a score column per class).
    var topK: [Int] = []

    /// Reads and checks the options. `hasScore` / `hasLabel`: whether predictions name those
    /// columns; `multilabel`: whether the manifest names several label columns.
    static func read(_ node: JSONNode?, file: String, hasScore: Bool, multilabel: Bool, hasProbabilities: Bool = false,
                     reader: inout NodeReader) -> ClassificationOptions {
        let empty = JSONNode(value: .object([]), line: 1, column: 1, path: "options")
        let node = node ?? empty
        reader.object(node, allowed: keys, what: "classification options")
        let positive = reader.scalarText(node["positive"], "positive", in: node)
        let negative = reader.scalarText(node["negative"], "negative", in: node) ?? "0"
        var mode: Mode = multilabel ? .multilabel : (positive != nil || hasScore ? .binary : .multiclass)
        if let modeNode = node["mode"], let name = reader.choice(modeNode, "mode", in: node, Mode.allCases.map(\.rawValue)) {
            let chosen = Mode(rawValue: name)!
            if chosen == .multilabel && !multilabel {
                reader.fail(modeNode, "mode \"multilabel\" needs a dataset with several label columns (\"labels\" in its manifest)")
            } else if multilabel && chosen != .multilabel {
                reader.fail(modeNode, "the dataset names several label columns, so the mode is \"multilabel\"", found: quoted(name))
            } else {
                mode = chosen
            }
        }
        var threshold: Double?
        if let t = node["threshold"], let value = reader.number(t, "threshold", in: node) {
            if !hasScore {
                reader.fail(t, "a threshold needs a score column", hint: "add \"score\" to predictions, or remove the threshold")
            }
            threshold = value
        }
        var labels: [String]?
        if let labelsNode = node["labels"] {
            if let items = labelsNode.arrayItems {
                var list: [String] = []
                for item in items {
                    if let text = reader.scalarText(item, "labels", in: labelsNode) {
                        if list.contains(text) { reader.fail(item, "duplicate label \(quoted(text))") }
                        list.append(text)
                    }
                }
                if list.isEmpty { reader.fail(labelsNode, expected: "at least one label", found: "[]") }
                labels = list
            } else {
                reader.fail(labelsNode, expected: "an array of labels", found: labelsNode.foundDescription)
            }
        }
        if let labels, let positive, mode == .binary {
            if !labels.contains(positive) {
                reader.fail(node["positive"]!, "the positive label is not among the declared labels",
                            expected: labels.map { quoted($0) }.joined(separator: ", "), found: quoted(positive))
            }
            if labels.count != 2, let labelsNode = node["labels"] {
                reader.fail(labelsNode, "binary classification needs exactly two labels", found: "\(labels.count)")
            }
        }
        let zeroDivision = reader.choice(node["zero_division"], "zero_division", in: node,
                                         ZeroDivisionPolicy.allCases.map(\.rawValue)).flatMap(ZeroDivisionPolicy.init(rawValue:)) ?? .nan
        var beta: Double?
        if let b = node["beta"], let value = reader.number(b, "beta", in: node) {
            if value > 0 { beta = value } else { reader.fail(b, expected: "a number > 0", found: b.foundDescription) }
        }
        var targets: [OperatingPointTarget] = []
        if let list = node["operating_points"] {
            if mode != .binary || !hasScore {
                reader.fail(list, "operating points need binary classification with a score column")
            }
            for item in list.arrayItems ?? [] {
                let allowed = OperatingPointTarget.Metric.allCases.map(\.rawValue)
                let members = reader.object(item, allowed: allowed, what: "operating point")
                guard members.count == 1, let (key, valueNode) = members.first else {
                    if item.objectMembers != nil {
                        reader.fail(item, "an operating point has exactly one target",
                                    hint: "e.g. {\"fpr\": 0.01} or {\"recall\": 0.9}")
                    }
                    continue
                }
                guard let kind = OperatingPointTarget.Metric(rawValue: key),
                      let value = reader.number(valueNode, key, in: item) else { continue }
                guard (0...1).contains(value) else {
                    reader.fail(valueNode, expected: "a rate between 0 and 1", found: valueNode.foundDescription)
                    continue
                }
                targets.append(OperatingPointTarget(kind, value))
            }
            if list.arrayItems == nil { reader.fail(list, expected: "an array of targets", found: list.foundDescription) }
        }
        var topK: [Int] = []
        if let list = node["top_k"] {
            if !hasProbabilities {
                reader.fail(list, "top-k accuracy needs a score column per class", hint: "add \"scores\": \"score_\" to predictions")
            }
            if let items = list.arrayItems, !items.isEmpty {
                for item in items {
                    guard let value = reader.number(item, "top_k", in: list) else { continue }
                    if value >= 1, value <= 1_000_000, value == value.rounded() {
                        if topK.contains(Int(value)) { reader.fail(item, "duplicate k \(Int(value))") } else { topK.append(Int(value)) }
                    } else {
                        reader.fail(item, expected: "a whole number k >= 1", found: item.foundDescription)
                    }
                }
            } else {
                reader.fail(list, expected: "a non-empty array of whole numbers k, e.g. [1, 3]", found: list.foundDescription)
            }
        }
        var options = ClassificationOptions(
            mode: mode, positive: positive ?? (mode == .binary || mode == .multilabel ? nil : nil), negative: negative,
            threshold: threshold ?? (hasScore ? 0.5 : nil), labels: labels, zeroDivision: zeroDivision, beta: beta,
            operatingPoints: targets)
        options.topK = topK
        return options
    }
}
