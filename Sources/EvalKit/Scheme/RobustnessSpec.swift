import EvalKitData

/// An evaluation's robustness view (`"robustness": {"attribute": "condition", "clean": "none"}`):
/// every metric on each condition (a value of `attribute`) against the same metric on the clean
/// condition (docs/schemes.md, "Robustness"; definitions in docs/metrics.md).
public struct RobustnessSpec: Sendable {
    /// The per-item attribute whose values are the conditions (one usable in `slices`).
    public var attribute: String
    /// The value of `attribute` that is the clean condition.
    public var clean: String
    /// The metrics to compare; nil means the evaluation's reported metrics that are compared
    /// across slices (not counts, not operating points).
    public var metrics: [String]?
    /// The `robustness` node, and its `clean` and `metrics` nodes, for error locations.
    public var node: JSONNode
    public var cleanNode: JSONNode?
    public var metricsNode: JSONNode?

    /// Keys of the `robustness` object.
    static let keys = ["attribute", "clean", "metrics"]

    /// The grouping whose slices are the conditions.
    public var grouping: [String] { [attribute] }
}

extension RobustnessSpec {
    /// Reads and checks a `robustness` node: `attribute` must be one of `known` (the attributes
    /// `slices` may use), `clean` a value (string, number or boolean), `metrics` a non-empty
    /// list of names (checked against the task's metrics when the task is planned).
    static func read(_ node: JSONNode, known: [String], datasetName: String?, reader: inout NodeReader) -> RobustnessSpec? {
        let errorsBefore = reader.errors.count
        reader.object(node, allowed: keys, what: "robustness")
        guard node.objectMembers != nil else { return nil }
        let attribute = reader.string(node["attribute"], "attribute", in: node, required: true)
        if let attribute, let datasetName, !known.contains(attribute) {
            reader.fail(node["attribute"]!, "unknown attribute \(quoted(attribute)): the dataset \(quoted(datasetName)) has no such attribute",
                        hint: didYouMean(attribute, known) ?? (known.isEmpty ? "the manifest lists no attributes"
                            : "attributes: " + known.joined(separator: ", ")))
        }
        var clean: String?
        if let cleanNode = node["clean"] {
            clean = reader.scalarText(cleanNode, "clean", in: node)
            if clean?.isEmpty == true { reader.fail(cleanNode, expected: "a value of the attribute", found: "\"\"") }
        } else {
            reader.missing("clean", in: node, expected: "the value of \(quoted(attribute ?? "attribute")) that is the clean condition, e.g. \"none\"")
        }
        var metrics: [String]?
        if let metricsNode = node["metrics"] {
            metrics = reader.strings(metricsNode, "metrics", in: node)
            if metrics?.isEmpty == true { reader.fail(metricsNode, expected: "at least one metric name", found: "[]") }
            if let names = metrics, Set(names).count != names.count { reader.fail(metricsNode, "a metric is named twice") }
        }
        guard reader.errors.count == errorsBefore, let attribute, let clean else { return nil }
        return RobustnessSpec(attribute: attribute, clean: clean, metrics: metrics, node: node, cleanNode: node["clean"],
                              metricsNode: node["metrics"])
    }
}
