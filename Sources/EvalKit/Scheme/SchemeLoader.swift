import EvalKitData
import Foundation

/// Reads a scheme file, checks its version, keys and types, loads the dataset manifests it names,
/// and returns a `Scheme`. Every fault is an `InputError` with file, line, column and JSON path;
/// all faults found in one pass are reported together.
public enum SchemeLoader {
    /// Keys an evaluation may have (at the top level they are defaults for every evaluation).
    static let evaluationKeys = [
        "name", "task", "dataset", "predictions", "options", "metrics", "gates", "missing", "extra",
        "slices", "min_slice_size", "intervals", "reference", "robustness", "plots",
    ]
    /// Keys only the top level has: `privacy` is one setting for the whole run.
    static let topKeys = ["evalkit", "name", "description", "evaluations", "privacy"] + evaluationKeys.filter { $0 != "name" }
    static let intervalKeys = ["method", "level", "replicates", "seed"]

    public static func load(path: String) throws -> Scheme {
        let display = path
        let bytes = try readSmallFile(path: path, display: display)
        let root = try JSONParser.parse(bytes, file: display)
        var reader = NodeReader(file: display)
        guard root.objectMembers != nil else {
            reader.fail(root, expected: "a scheme (a JSON object)", found: root.kindDescription)
            try reader.check()
            fatalError("unreachable")
        }
        try checkVersion(root, file: display)
        reader.object(root, allowed: topKeys, what: "scheme")
        let name = reader.string(root["name"], "name", in: root, required: true) ?? ""
        let description = reader.string(root["description"], "description", in: root)
        let privacy = reader.choice(root["privacy"], "privacy", in: root, PrivacyLevel.allCases.map(\.rawValue))
            .flatMap(PrivacyLevel.init(rawValue:)) ?? .full
        let base = parentPath(path)

        var evaluationNodes: [JSONNode] = []
        if let list = root["evaluations"] {
            if let items = list.arrayItems, !items.isEmpty {
                evaluationNodes = items
            } else {
                reader.fail(list, expected: "a non-empty array of evaluations", found: list.foundDescription)
            }
        } else {
            evaluationNodes = [root]
        }
        var evaluations: [EvaluationSpec] = []
        var names: [String: JSONNode] = [:]
        for (index, node) in evaluationNodes.enumerated() {
            let isRoot = node.path.isEmpty
            if !isRoot {
                reader.object(node, allowed: evaluationKeys + ["privacy"], what: "evaluation")
                if let privacyNode = node["privacy"] {
                    reader.fail(privacyNode, "\"privacy\" is a setting of the whole scheme, not of one evaluation",
                                hint: "put \"privacy\" at the top level of the scheme")
                }
            }
            guard node.objectMembers != nil else { continue }
            let evaluationName = isRoot ? name
                : (reader.string(node["name"], "name", in: node) ?? (evaluationNodes.count == 1 ? name : "\(name)#\(index + 1)"))
            if let first = names[evaluationName], let nameNode = node["name"] {
                reader.fail(nameNode, "duplicate evaluation name \(quoted(evaluationName)) (first on line \(first.line))")
            }
            names[evaluationName] = node
            if var spec = readEvaluation(node, root: root, name: evaluationName, base: base, file: display, reader: &reader) {
                spec.privacy = privacy
                evaluations.append(spec)
            }
        }
        try reader.check()
        let sha = sha256Hex(of: bytes)
        var scheme = Scheme(name: name, description: description, path: display, sha256: sha, evaluations: evaluations)
        scheme.privacy = privacy
        return scheme
    }

    /// `"evalkit": 1` is required; a newer version is refused with a clear message.
    static func checkVersion(_ root: JSONNode, file: String) throws {
        var reader = NodeReader(file: file)
        guard let node = root["evalkit"] else {
            reader.missing("evalkit", in: root, expected: "the scheme format version, \(Scheme.currentVersion)")
            try reader.check()
            return
        }
        guard let version = reader.integer(node, "evalkit", in: root) else {
            try reader.check()
            return
        }
        if version > Scheme.currentVersion {
            reader.fail(node, "scheme format version \(version) is newer than this evalkit reads",
                        expected: "\(Scheme.currentVersion)", found: String(version),
                        hint: "upgrade evalkit (this is \(EvalKitVersion.current))")
        } else if version < 1 {
            reader.fail(node, "invalid scheme format version", expected: "\(Scheme.currentVersion)", found: String(version))
        }
        try reader.check()
    }

    /// An evaluation's key, falling back to the top-level default.
    private static func value(_ key: String, _ node: JSONNode, _ root: JSONNode) -> JSONNode? {
        node[key] ?? (node.path.isEmpty ? nil : root[key])
    }

    private static func readEvaluation(
        _ node: JSONNode, root: JSONNode, name: String, base: String, file: String, reader: inout NodeReader
    ) -> EvaluationSpec? {
        let errorsBefore = reader.errors.count
        let task = reader.string(value("task", node, root), "task", in: node, required: true)
        if let task, let taskNode = value("task", node, root), TaskRegistry.kind(named: task) == nil {
            reader.fail(taskNode, "unknown task kind", expected: "one of " + TaskRegistry.names.map { quoted($0) }.joined(separator: ", "),
                        found: quoted(task), hint: didYouMean(task, TaskRegistry.names))
        }
        let kind = task.flatMap(TaskRegistry.kind(named:))
        let dataset = readDataset(value("dataset", node, root), parent: node, base: base, file: file,
                                  surface: kind?.surface.manifest ?? TaskRegistry.anyManifest, reader: &reader)
        let predictionsNode = value("predictions", node, root)
        let predictions = readPredictions(predictionsNode, parent: node, base: base, file: file, kind: kind, reader: &reader)
        let options = value("options", node, root)
        if let options, options.objectMembers == nil {
            reader.fail(options, expected: "an object of task options", found: options.foundDescription)
        }
        // The kind's own keys (predictions, options); the common ones are read here.
        if let kind { kind.surface.check(predictions: predictionsNode, options: options, kind: kind.name, reader: &reader) }
        let metricsNode = value("metrics", node, root)
        var metrics: [String]?
        if let metricsNode {
            metrics = reader.strings(metricsNode, "metrics", in: node)
            if metrics?.isEmpty == true { reader.fail(metricsNode, expected: "at least one metric name", found: "[]") }
        }
        let derived = kind?.surface.sliceAttributes ?? []
        var slicing = readSlicing(node, root: root, dataset: dataset, derived: derived, reader: &reader)
        var robustness: RobustnessSpec?
        if let robustnessNode = value("robustness", node, root) {
            robustness = RobustnessSpec.read(robustnessNode, known: knownAttributes(dataset, derived: derived),
                                             datasetName: dataset?.name, reader: &reader)
            // The conditions are computed like a slice; listed in `slices` or not, once.
            if let robustness, !slicing.groupings.contains(robustness.grouping) { slicing.viewGroupings.append(robustness.grouping) }
        }
        let intervals = readIntervals(value("intervals", node, root), parent: node, reader: &reader)
        var gates: [GateSpec] = []
        if let gatesNode = value("gates", node, root) {
            if let items = gatesNode.arrayItems {
                for item in items {
                    if let gate = GateReader.read(item, evaluation: name, slicing: slicing, hasIntervals: intervals != nil,
                                                  robustness: robustness, hasRobustness: value("robustness", node, root) != nil,
                                                  catalog: task.flatMap(TaskRegistry.catalog(forTask:)), reader: &reader) {
                        gates.append(gate)
                    }
                }
            } else {
                reader.fail(gatesNode, expected: "an array of gates", found: gatesNode.foundDescription)
            }
        }
        let missing = reader.choice(value("missing", node, root), "missing", in: node, MissingPolicy.allCases.map(\.rawValue))
            .flatMap(MissingPolicy.init(rawValue:)) ?? .error
        let extra = reader.choice(value("extra", node, root), "extra", in: node, ExtraPolicy.allCases.map(\.rawValue))
            .flatMap(ExtraPolicy.init(rawValue:)) ?? .error
        let plots = PlotReader.read(value("plots", node, root), parent: node, task: task, surface: kind?.surface,
                                    catalog: task.flatMap(TaskRegistry.catalog(forTask:)), slicing: slicing,
                                    hasRobustness: robustness != nil, reader: &reader)
        guard reader.errors.count == errorsBefore, let task, let dataset, let predictions else { return nil }
        var spec = EvaluationSpec(name: name, task: task, dataset: dataset, predictions: predictions, options: options,
                                  metrics: metrics, metricsNode: metricsNode, gates: gates, slicing: slicing,
                                  intervals: intervals, missing: missing, extra: extra,
                                  schemeFile: file, node: node)
        spec.robustness = robustness
        spec.plots = plots
        return spec
    }

    private static func readDataset(_ node: JSONNode?, parent: JSONNode, base: String, file: String,
                                    surface: ManifestSurface, reader: inout NodeReader) -> DatasetManifest? {
        guard let node else {
            reader.missing("dataset", in: parent, expected: "a path to a dataset manifest, or an inline manifest object")
            return nil
        }
        do {
            if let path = node.stringValue {
                let resolved = resolve(path, base: base)
                return try DatasetManifest.load(path: resolved, display: resolved, surface: surface)
            }
            if node.objectMembers != nil {
                return try DatasetManifest.parse(node, file: file, baseDirectory: base, displayBase: base, manifestPath: nil,
                                                 surface: surface)
            }
            reader.fail(node, expected: "a path to a dataset manifest, or an inline manifest object", found: node.foundDescription)
        } catch let error as InputError {
            var located = error
            if located.file != file, located.line == nil {
                located.message = (located.message ?? "") + " (dataset named at \(file):\(node.line))"
            }
            reader.append(located)
        } catch let errors as InputErrors {
            for error in errors.errors { reader.append(error) }
        } catch {
            reader.fail(node, "cannot load the dataset: \(error)")
        }
        return nil
    }

    /// The common keys of `predictions`; a known kind's own keys are checked by its surface, an
    /// unknown kind's (already reported) against every kind's.
    private static func readPredictions(_ node: JSONNode?, parent: JSONNode, base: String, file: String,
                                        kind: (any TaskKind.Type)?, reader: inout NodeReader) -> PredictionsSpec? {
        guard let node else {
            reader.missing("predictions", in: parent, expected: "{\"path\": ..., \"id\": ..., \"label\": ... or \"score\": ...}")
            return nil
        }
        if kind == nil {
            reader.object(node, allowed: unique(SchemeSurface.commonPredictionKeys + TaskRegistry.kinds.flatMap { $0.surface.predictionKeys }),
                          what: "predictions")
        } else if node.objectMembers == nil {
            reader.fail(node, expected: "predictions (a JSON object)", found: node.kindDescription)
        }
        guard node.objectMembers != nil, let path = reader.string(node["path"], "path", in: node, required: true) else { return nil }
        if path == standardInputPath {
            // A scheme records what was evaluated; standard input is chosen per run.
            reader.fail(node["path"]!, "standard input (\"-\") is accepted only on the command line",
                        hint: "give the predictions file here, or run with `--predictions -`")
            return nil
        }
        let resolved = resolve(path, base: base)
        var format = tableFormat(forPath: path) ?? .csv
        if let name = reader.choice(node["format"], "format", in: node, (kind?.surface.formats ?? TableFormat.allCases).map(\.rawValue)) {
            format = TableFormat(rawValue: name)!
        }
        var csv = CSVOptions()
        if path.lowercased().hasSuffix(".tsv") { csv.delimiter = 0x09 }
        if let d = node["delimiter"], let text = reader.string(d, "delimiter", in: node) {
            if let byte = delimiterByte(text) { csv.delimiter = byte } else {
                reader.fail(d, expected: "a single ASCII character such as \",\" or \"\\t\"", found: quoted(text))
            }
        }
        var spec = PredictionsSpec(resolvedPath: resolved, displayPath: resolved, format: format, csv: csv, node: node)
        for key in kind?.surface.predictionPathKeys ?? [] {
            if let extra = node[key], let text = reader.string(extra, key, in: node) {
                let path = resolve(text, base: base)
                spec.extraPaths[key] = (path, path)
            }
        }
        return spec
    }

    private static func readSlicing(_ node: JSONNode, root: JSONNode, dataset: DatasetManifest?, derived: [String],
                                    reader: inout NodeReader) -> SlicingSpec {
        var slicing = SlicingSpec()
        let known = knownAttributes(dataset, derived: derived)
        if let slicesNode = value("slices", node, root) {
            if let items = slicesNode.arrayItems {
                for item in items {
                    var grouping: [String] = []
                    if let single = item.stringValue {
                        grouping = [single]
                    } else if let names = item.arrayItems {
                        grouping = reader.strings(item, "slices", in: slicesNode) ?? []
                        if names.isEmpty { reader.fail(item, expected: "at least one attribute", found: "[]") }
                    } else {
                        reader.fail(item, expected: "an array of attribute names, e.g. [\"sex\", \"race\"]", found: item.foundDescription)
                        continue
                    }
                    if Set(grouping).count != grouping.count { reader.fail(item, "an attribute is named twice in this slice") }
                    if let dataset {
                        for (index, attribute) in grouping.enumerated() where !known.contains(attribute) {
                            let at = item.arrayItems?[index] ?? item
                            reader.fail(at, "unknown attribute \(quoted(attribute)): the dataset \(quoted(dataset.name)) has no such attribute column",
                                        hint: didYouMean(attribute, known) ?? (known.isEmpty ? "the manifest lists no attributes"
                                            : "attributes: " + known.joined(separator: ", ")))
                        }
                    }
                    if slicing.groupings.contains(grouping) { reader.fail(item, "this slice is listed twice") }
                    slicing.groupings.append(grouping)
                }
            } else {
                reader.fail(slicesNode, expected: "an array of slices, e.g. [[\"sex\"], [\"sex\", \"race\"]]", found: slicesNode.foundDescription)
            }
        }
        if let sizeNode = value("min_slice_size", node, root), let size = reader.integer(sizeNode, "min_slice_size", in: node) {
            if size >= 1 { slicing.minSliceSize = size } else {
                reader.fail(sizeNode, expected: "an integer >= 1", found: sizeNode.foundDescription)
            }
        }
        if let referenceNode = value("reference", node, root) {
            slicing.referenceNode = referenceNode
            for (attribute, valueNode) in reader.object(referenceNode, allowed: slicing.attributes, what: "reference (attributes of the slices)") {
                if let text = reader.scalarText(valueNode, attribute, in: referenceNode) {
                    slicing.reference[attribute] = text
                }
            }
        }
        return slicing
    }

    /// The attributes an evaluation may slice by: the manifest's attribute columns (item, object
    /// and kind-specific ones) and those the kind derives (`derived`).
    private static func knownAttributes(_ dataset: DatasetManifest?, derived: [String]) -> [String] {
        (dataset?.attributeColumns ?? []) + (dataset?.objectAttributeColumns ?? []) + (dataset?.kindAttributeColumns ?? []) + derived
    }

    private static func readIntervals(_ node: JSONNode?, parent: JSONNode, reader: inout NodeReader) -> IntervalOptions? {
        guard let node else { return nil }
        reader.object(node, allowed: intervalKeys, what: "intervals")
        var spec = IntervalOptions()
        if let method = reader.choice(node["method"], "method", in: node, IntervalOptions.Method.allCases.map(\.rawValue)) {
            spec.method = IntervalOptions.Method(rawValue: method)!
        }
        if let levelNode = node["level"], let level = reader.number(levelNode, "level", in: node) {
            if level > 0 && level < 1 { spec.level = level } else {
                reader.fail(levelNode, expected: "a confidence level between 0 and 1, e.g. 0.95", found: levelNode.foundDescription)
            }
        }
        if let countNode = node["replicates"], let count = reader.integer(countNode, "replicates", in: node) {
            if count >= 10 && count <= IntervalOptions.maxReplicates { spec.replicates = count } else {
                reader.fail(countNode, expected: "an integer from 10 to \(IntervalOptions.maxReplicates)", found: countNode.foundDescription)
            }
        }
        if let seedNode = node["seed"], let seed = reader.integer(seedNode, "seed", in: node) {
            if seed >= 0 { spec.seed = UInt64(seed) } else {
                reader.fail(seedNode, expected: "a non-negative integer", found: seedNode.foundDescription)
            }
        }
        return spec
    }
}
