import EvalKitData
import Foundation

/// The run a candidate is compared with by change gates (`max_drop`, `max_relative_drop`): the
/// metrics of an earlier run, read from its results.json (or, later, the run history).
public struct Baseline: Sendable {
    public struct Evaluation: Sendable {
        public var datasetSHA256: String
        /// Overall metrics; nil = undefined (null) in the baseline.
        public var metrics: [String: Double?]
        /// Per slice key (`Baseline.sliceKey`), the slice's metrics.
        public var slices: [String: [String: Double?]]
        /// Each item's outcome, when the baseline run wrote them (`outcomes/` beside results.json).
        public var outcomes: ItemOutcomes? = nil
        /// The dataset manifest and ground-truth file as the run named them (to look up item ids).
        public var manifestPath: String? = nil
        public var groundTruthPath: String? = nil
        /// The evaluation's `setup_sha256`; nil for a baseline written before evalkit recorded it.
        public var setupSHA256: String? = nil
        /// The evaluation's task kind (its metric catalog gives directions); nil when not recorded.
        public var task: String? = nil

        public init(datasetSHA256: String, metrics: [String: Double?], slices: [String: [String: Double?]],
                    outcomes: ItemOutcomes? = nil) {
            self.datasetSHA256 = datasetSHA256
            self.metrics = metrics
            self.slices = slices
            self.outcomes = outcomes
        }
    }

    public init(reference: String, schemeName: String, schemeSHA256: String, evaluations: [String: Evaluation]) {
        self.reference = reference
        self.schemeName = schemeName
        self.schemeSHA256 = schemeSHA256
        self.evaluations = evaluations
    }

    /// What the user named (`--baseline REF`).
    public var reference: String
    public var schemeName: String
    public var schemeSHA256: String
    public var evaluations: [String: Evaluation]
    /// The run's `"privacy"`: an `aggregate_only` run keeps no item outcomes (paired tests
    /// against it cannot be made, and `evalkit compare` lists no items of it).
    public var privacy = PrivacyLevel.full

    /// The canonical key of a slice: `attribute=value` pairs sorted by attribute, joined by `,`.
    public static func sliceKey(_ attributes: [String], _ values: [String]) -> String {
        zip(attributes, values).sorted { $0.0 < $1.0 }.map { "\($0)=\($1)" }.joined(separator: ",")
    }

    /// Reads a results.json written by `evalkit run --out`.
    public static func load(resultsPath path: String) throws -> Baseline {
        let root = try JSONParser.parse(try readSmallFile(path: path, display: path), file: path)
        func fail(_ node: JSONNode, _ message: String) -> InputError {
            InputError(file: path, line: node.line, column: node.column, path: node.path, message: message,
                       hint: "a baseline is the results.json of an earlier `evalkit run --out DIR`")
        }
        guard let scheme = root["scheme"], let name = scheme["name"]?.stringValue, let sha = scheme["sha256"]?.stringValue else {
            throw fail(root, "not an evalkit results.json: no scheme name and sha256")
        }
        guard let list = root["evaluations"]?.arrayItems else { throw fail(root, "not an evalkit results.json: no evaluations") }
        var evaluations: [String: Evaluation] = [:]
        for item in list {
            guard let evaluationName = item["name"]?.stringValue, let metricsNode = item["metrics"] else {
                throw fail(item, "an evaluation without a name or metrics")
            }
            var slices: [String: [String: Double?]] = [:]
            for slice in item["slices"]?.arrayItems ?? [] {
                guard let by = slice["by"]?.objectMembers else { continue }
                let key = sliceKey(by.map(\.key), by.map { $0.value.stringValue ?? "" })
                slices[key] = metricValues(slice["metrics"])
            }
            var evaluation = Evaluation(
                datasetSHA256: item["dataset"]?["sha256"]?.stringValue ?? "", metrics: metricValues(metricsNode), slices: slices)
            evaluation.manifestPath = item["dataset"]?["manifest"]?.stringValue
            evaluation.setupSHA256 = item["setup_sha256"]?.stringValue
            evaluation.task = item["task"]?.stringValue
            evaluation.groundTruthPath = item["files"]?.arrayItems?.first { $0["role"]?.stringValue == "ground_truth" }?["path"]?.stringValue
            evaluations[evaluationName] = evaluation
        }
        // A value this evalkit does not know is read as the stricter one.
        let privacy = root["privacy"]?.stringValue.map { PrivacyLevel(rawValue: $0) ?? .aggregateOnly } ?? .full
        var baseline = Baseline(reference: path, schemeName: name, schemeSHA256: sha, evaluations: evaluations)
        baseline.privacy = privacy
        // An aggregate_only run wrote no outcomes: files found beside it are another run's.
        guard privacy == .full else { return baseline }
        let directory = parentPath(path)
        let outcomesDirectory = (directory.isEmpty ? "." : directory) + "/outcomes"
        for file in (try? FileManager.default.contentsOfDirectory(atPath: outcomesDirectory))?.sorted() ?? [] where file.hasSuffix(".bin") {
            let filePath = outcomesDirectory + "/" + file
            guard let data = FileManager.default.contents(atPath: filePath) else { continue }
            let outcomes = try ItemOutcomes.decode(data, file: filePath)
            baseline.evaluations[outcomes.evaluation]?.outcomes = outcomes
        }
        return baseline
    }

    static func metricValues(_ node: JSONNode?) -> [String: Double?] {
        var values: [String: Double?] = [:]
        for (key, value) in node?.objectMembers ?? [] { values[key] = value.numberValue }
        return values
    }
}
