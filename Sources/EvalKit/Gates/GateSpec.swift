import EvalKitData

/// A gate: a condition on a computed value that decides the exit code (1 when any gate fails).
///
/// Scheme forms (docs/schemes.md, "Gates"):
/// - `{"metric": "f1", "min": 0.9}`: the overall value (`max` likewise);
/// - `{"metric": "recall", "slice": {"race": "Black"}, "min": 0.8}`: one slice;
/// - `{"metric": "recall", "slices": "all", "min": 0.8}`: every shown (not suppressed) slice;
/// - `{"metric": "fpr", "across": ["race"], "max_ratio": 1.25}`: the disparity between the slices
///   of a grouping: `max_ratio` bounds max/min, `min_ratio` bounds min/max (the four-fifths rule
///   is `"min_ratio": 0.8`), `max_difference` bounds max − min;
/// - `{"metric": "accuracy", "against": "clean", "max_relative_drop": 0.1}`: every condition of
///   the evaluation's `robustness` against its clean condition (`max_drop` likewise);
/// - `"require": "significant"`: fail only when the interval shows the breach (needs `intervals`);
/// - `"when_undefined": "pass"`: a gate with nothing to check passes, reported as unchecked
///   (the default `"fail"`: a gate that checked nothing must not pass).
public struct GateSpec: Sendable {
    public enum Bound: Sendable, Equatable {
        /// observed >= limit
        case min(Double)
        /// observed <= limit
        case max(Double)
        /// max − min <= limit
        case maxDifference(Double)
        /// max / min <= limit
        case maxRatio(Double)
        /// min / max >= limit
        case minRatio(Double)
        /// The drop from the baseline (in the metric's bad direction) <= limit.
        case maxDrop(Double)
        /// The drop from the baseline divided by |baseline| <= limit.
        case maxRelativeDrop(Double)

        public var limit: Double {
            switch self {
            case .min(let l), .max(let l), .maxDifference(let l), .maxRatio(let l), .minRatio(let l),
                 .maxDrop(let l), .maxRelativeDrop(let l): l
            }
        }

        public var isDisparity: Bool {
            switch self {
            case .maxDifference, .maxRatio, .minRatio: true
            default: false
            }
        }

        public var isChange: Bool {
            switch self {
            case .maxDrop, .maxRelativeDrop: true
            default: false
            }
        }
    }

    /// What a change gate does when the run has no baseline.
    public enum WithoutBaseline: String, Sendable, CaseIterable {
        /// The gate passes, and its message says it was not checked (the default: a first run).
        case skip
        /// The gate fails.
        case fail
    }

    /// What a gate does when its scope has no value to check: the metric is undefined, every
    /// slice of its groupings is suppressed, or fewer than two slices are shown for a disparity.
    public enum WhenUndefined: String, Sendable, CaseIterable {
        /// The gate fails, saying why (the default).
        case fail
        /// The gate passes, marked as not checked, saying why.
        case pass
    }

    public enum Scope: Sendable, Equatable {
        case overall
        /// One slice, as attribute/value pairs in grouping order.
        case slice([String], [String])
        /// Every shown slice of these groupings.
        case allSlices([[String]])
        /// The disparity across the slices of one grouping.
        case across([String])
        /// Every shown condition of the robustness view against its clean condition
        /// (`"against": "clean"`, with `max_drop` or `max_relative_drop`).
        case clean

        /// The slice groupings the gate looks at (none for the overall value and `clean`).
        public var groupings: [[String]] {
            switch self {
            case .overall, .clean: []
            case .slice(let attributes, _), .across(let attributes): [attributes]
            case .allSlices(let groupings): groupings
            }
        }
    }

    public var metric: String
    public var bound: Bound
    public var scope: Scope = .overall
    public var requireSignificant = false
    public var withoutBaseline = WithoutBaseline.skip
    public var whenUndefined = WhenUndefined.fail
    /// The metric's direction from the task kind's catalog (what a change gate's drop means).
    public var direction: MetricDirection?
    /// The evaluation the gate belongs to.
    public var evaluation: String
    /// The gate's node in the scheme and the scheme file, for messages.
    public var node: JSONNode
    public var file: String = ""

    /// Whether the gate compares with a baseline run (`max_drop`/`max_relative_drop` without
    /// `"against": "clean"`, which compares conditions of this run).
    public var comparesWithBaseline: Bool { bound.isChange && scope != .clean }

    public init(metric: String, bound: Bound, scope: Scope = .overall, requireSignificant: Bool = false,
                evaluation: String, node: JSONNode) {
        self.metric = metric
        self.bound = bound
        self.scope = scope
        self.requireSignificant = requireSignificant
        self.evaluation = evaluation
        self.node = node
    }

    /// The gate as people read it: `f1 >= 0.6`, `recall >= 0.8 in every slice of race`,
    /// `fpr max/min across race <= 1.25`.
    public var summary: String {
        let f = JSONOutput.format
        var text: String
        switch bound {
        case .min(let l): text = "\(metric) >= \(f(l))"
        case .max(let l): text = "\(metric) <= \(f(l))"
        case .maxDifference(let l): text = "\(metric) max-min <= \(f(l))"
        case .maxRatio(let l): text = "\(metric) max/min <= \(f(l))"
        case .minRatio(let l): text = "\(metric) min/max >= \(f(l))"
        case .maxDrop(let l): text = "\(metric) drop from \(scope == .clean ? "clean" : "baseline") <= \(f(l))"
        case .maxRelativeDrop(let l): text = "\(metric) relative drop from \(scope == .clean ? "clean" : "baseline") <= \(f(l))"
        }
        switch scope {
        case .overall: break
        case .slice(let attributes, let values):
            text += " for " + zip(attributes, values).map { "\($0)=\($1)" }.joined(separator: ",")
        case .allSlices(let groupings):
            text += " in every slice of " + groupings.map { $0.joined(separator: "×") }.joined(separator: ", ")
        case .across(let attributes):
            text += " across " + attributes.joined(separator: "×")
        case .clean:
            text += " in every condition"
        }
        if requireSignificant { text += " (significant)" }
        return text
    }
}

/// Reads and checks a gate of a scheme.
enum GateReader {
    static let boundKeys = ["min", "max", "max_difference", "max_ratio", "min_ratio", "max_drop", "max_relative_drop"]
    static let keys = ["metric"] + boundKeys + ["slice", "slices", "across", "against", "require", "without_baseline", "when_undefined"]

    /// `catalog`: the task kind's metrics (nil when the task is unknown, which is reported elsewhere).
    /// `robustness`: the evaluation's robustness view; `hasRobustness`: whether the evaluation has a
    /// `robustness` key at all (one with faults is reported where it is read).
    static func read(_ node: JSONNode, evaluation: String, slicing: SlicingSpec, hasIntervals: Bool,
                     robustness: RobustnessSpec? = nil, hasRobustness: Bool = false, catalog: MetricCatalog?,
                     reader: inout NodeReader) -> GateSpec? {
        reader.object(node, allowed: keys, what: "gate")
        guard node.objectMembers != nil else { return nil }
        guard let metric = reader.string(node["metric"], "metric", in: node, required: true) else { return nil }
        var bounds: [GateSpec.Bound] = []
        if let v = reader.number(node["min"], "min", in: node) { bounds.append(.min(v)) }
        if let v = reader.number(node["max"], "max", in: node) { bounds.append(.max(v)) }
        if let v = reader.number(node["max_difference"], "max_difference", in: node) { bounds.append(.maxDifference(v)) }
        if let v = reader.number(node["max_ratio"], "max_ratio", in: node) { bounds.append(.maxRatio(v)) }
        if let v = reader.number(node["min_ratio"], "min_ratio", in: node) { bounds.append(.minRatio(v)) }
        if let v = reader.number(node["max_drop"], "max_drop", in: node) { bounds.append(.maxDrop(v)) }
        if let v = reader.number(node["max_relative_drop"], "max_relative_drop", in: node) { bounds.append(.maxRelativeDrop(v)) }
        guard bounds.count == 1, let bound = bounds.first else {
            if bounds.count > 1 {
                reader.fail(node, "a gate has one bound; write two gates for two bounds")
            } else if !boundKeys.contains(where: { node[$0] != nil }) {
                reader.fail(node, "a gate needs a bound",
                            hint: "add \"min\" or \"max\" (a value), \"max_drop\" or \"max_relative_drop\" (against a baseline), "
                                + "or \"across\" with \"max_difference\", \"max_ratio\" or \"min_ratio\"")
            }
            return nil
        }
        var gate = GateSpec(metric: metric, bound: bound, evaluation: evaluation, node: node)
        gate.file = reader.file
        let info = catalog?.info(metric)
        gate.direction = info?.direction
        let scopes = ["slice", "slices", "across", "against"].filter { node[$0] != nil }
        if scopes.count > 1 {
            reader.fail(node, "a gate has one scope: \"slice\", \"slices\", \"across\" or \"against\", not several")
            return nil
        }
        if let againstNode = node["against"] {
            guard reader.choice(againstNode, "against", in: node, ["clean"]) != nil else { return nil }
            guard hasRobustness else {
                reader.fail(againstNode, "\"against\": \"clean\" compares each condition with the clean one, "
                                + "but the evaluation has no \"robustness\"",
                            hint: "add \"robustness\": {\"attribute\": \"condition\", \"clean\": \"none\"} to the evaluation")
                return nil
            }
            guard bound.isChange else {
                reader.fail(node, "\"against\": \"clean\" bounds the drop from the clean condition: use \"max_drop\" or \"max_relative_drop\"",
                            hint: "e.g. {\"metric\": \"\(metric)\", \"against\": \"clean\", \"max_relative_drop\": 0.1}")
                return nil
            }
            // A robustness block with faults is reported where it is read.
            guard robustness != nil else { return nil }
            gate.scope = .clean
        } else if let acrossNode = node["across"] {
            guard let attributes = readGrouping(acrossNode, slicing: slicing, reader: &reader) else { return nil }
            gate.scope = .across(attributes)
        } else if let sliceNode = node["slice"] {
            var attributes: [String] = []
            var values: [String] = []
            for (key, valueNode) in reader.object(sliceNode, allowed: slicing.attributes, what: "slice (attributes of the slices)") {
                guard let text = reader.scalarText(valueNode, key, in: sliceNode) else { continue }
                attributes.append(key)
                values.append(text)
            }
            guard !attributes.isEmpty else {
                if sliceNode.objectMembers?.isEmpty == true { reader.fail(sliceNode, expected: "attribute values, e.g. {\"race\": \"Black\"}", found: "{}") }
                return nil
            }
            guard let grouping = slicing.groupings.first(where: { Set($0) == Set(attributes) }) else {
                reader.fail(sliceNode, "no slice of the scheme groups by \(attributes.joined(separator: " and "))",
                            hint: "add \(attributes) to \"slices\"")
                return nil
            }
            let ordered = grouping.map { values[attributes.firstIndex(of: $0)!] }
            gate.scope = .slice(grouping, ordered)
        } else if let slicesNode = node["slices"] {
            if slicesNode.stringValue == "all" {
                guard !slicing.groupings.isEmpty else {
                    reader.fail(slicesNode, "the scheme has no slices", hint: "add \"slices\" to the evaluation")
                    return nil
                }
                gate.scope = .allSlices(slicing.groupings)
            } else if let items = slicesNode.arrayItems {
                var groupings: [[String]] = []
                for item in items {
                    if let grouping = readGrouping(item, slicing: slicing, reader: &reader) { groupings.append(grouping) }
                }
                gate.scope = .allSlices(groupings)
            } else {
                reader.fail(slicesNode, expected: "\"all\" or a list of slices such as [[\"race\"]]", found: slicesNode.foundDescription)
                return nil
            }
        }
        if bound.isDisparity, case .across = gate.scope {} else if bound.isDisparity {
            reader.fail(node, "a disparity bound needs \"across\": the grouping whose slices are compared",
                        hint: "e.g. \"across\": [\"race\"]")
            return nil
        }
        if case .across = gate.scope, !bound.isDisparity {
            reader.fail(node, "\"across\" compares slices: use \"max_difference\", \"max_ratio\" or \"min_ratio\"",
                        hint: "for a bound on every slice use \"slices\": \"all\" with \"min\" or \"max\"")
            return nil
        }
        if bound.isChange, gate.scope == .clean {
            if let info, info.direction == nil {
                reader.fail(node["metric"] ?? node, "\(quoted(metric)) has no better direction, so a drop is not defined",
                            hint: "gates against the clean condition take metrics such as accuracy, f1, recall, fpr")
                return nil
            }
            if let policyNode = node["without_baseline"] {
                reader.fail(policyNode, "\"without_baseline\" is for change gates against a baseline run, not \"against\": \"clean\"")
            }
        } else if bound.isChange {
            if case .allSlices = gate.scope {
                reader.fail(node, "a change gate compares one value with the baseline: use the overall value or one \"slice\"")
                return nil
            }
            // A metric the kind does not declare is reported as unknown when the task is planned.
            if let info, info.direction == nil {
                reader.fail(node["metric"] ?? node, "\(quoted(metric)) has no better direction, so a drop is not defined",
                            hint: "change gates take metrics such as f1, recall, fpr")
                return nil
            }
            if let policy = reader.choice(node["without_baseline"], "without_baseline", in: node,
                                          GateSpec.WithoutBaseline.allCases.map(\.rawValue)) {
                gate.withoutBaseline = GateSpec.WithoutBaseline(rawValue: policy)!
            }
        } else if let policyNode = node["without_baseline"] {
            reader.fail(policyNode, "\"without_baseline\" is for change gates (\"max_drop\", \"max_relative_drop\")")
        }
        if let policy = reader.choice(node["when_undefined"], "when_undefined", in: node,
                                      GateSpec.WhenUndefined.allCases.map(\.rawValue)) {
            gate.whenUndefined = GateSpec.WhenUndefined(rawValue: policy)!
        }
        if let requireNode = node["require"] {
            if reader.choice(requireNode, "require", in: node, ["significant"]) != nil {
                // Change gates use paired tests with the interval settings' level (0.95 by default);
                // a gate against the clean condition uses the bootstrap interval of the change.
                if hasIntervals || gate.comparesWithBaseline { gate.requireSignificant = true } else {
                    reader.fail(requireNode, "\"require\": \"significant\" needs intervals",
                                hint: "add \"intervals\": {\"method\": \"bootstrap\", \"replicates\": 1000, \"seed\": 1}")
                }
            }
        }
        return gate
    }

    /// A grouping named by a gate: a string or an array of attributes that is one of the scheme's slices.
    static func readGrouping(_ node: JSONNode, slicing: SlicingSpec, reader: inout NodeReader) -> [String]? {
        let attributes: [String]
        if let single = node.stringValue {
            attributes = [single]
        } else if let list = reader.strings(node, "across", in: node) {
            attributes = list
        } else {
            return nil
        }
        guard let grouping = slicing.groupings.first(where: { Set($0) == Set(attributes) }) else {
            reader.fail(node, "no slice of the scheme groups by \(attributes.joined(separator: " and "))",
                        hint: slicing.groupings.isEmpty ? "add \"slices\" to the evaluation"
                            : "slices: " + slicing.groupings.map { "[" + $0.joined(separator: ", ") + "]" }.joined(separator: ", "))
            return nil
        }
        return grouping
    }
}
