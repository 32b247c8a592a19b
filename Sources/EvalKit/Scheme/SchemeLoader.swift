import EvalKitData
import Foundation

/// Reads a scheme file, checks its version, keys and types, loads the dataset manifests it names,
/// and returns a `Scheme`. Every fault is an `InputError` with file, line, column and JSON path;
/// all faults found in one pass are reported together.
public enum SchemeLoader {
    /// Keys an evaluation may have (at the top level they are defaults for every evaluation).
    static let evaluationKeys = [
        "name", "task", "dataset", "predictions", "options", "metrics", "gates", "missing", "extra",
        "slices", "min_slice_size", "intervals",
    ]
    static let topKeys = ["evalkit", "name", "description", "evaluations"] + evaluationKeys.filter { $0 != "name" }
    static let predictionKeys = ["path", "format", "delimiter", "id", "label", "score", "targets"]
    static let gateKeys = ["metric", "min", "max"]
    /// Keys planned for later versions: recognised, so the message can say so instead of "unknown".
    static let plannedKeys = ["slices", "min_slice_size", "intervals"]

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
        let base = (path as NSString).deletingLastPathComponent

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
            if !isRoot { reader.object(node, allowed: evaluationKeys, what: "evaluation") }
            guard node.objectMembers != nil else { continue }
            let evaluationName = isRoot ? name
                : (reader.string(node["name"], "name", in: node) ?? (evaluationNodes.count == 1 ? name : "\(name)#\(index + 1)"))
            if let first = names[evaluationName], let nameNode = node["name"] {
                reader.fail(nameNode, "duplicate evaluation name \(quoted(evaluationName)) (first on line \(first.line))")
            }
            names[evaluationName] = node
            if let spec = readEvaluation(node, root: root, name: evaluationName, base: base, file: display, reader: &reader) {
                evaluations.append(spec)
            }
        }
        try reader.check()
        let sha = try sha256Hex(ofFile: path)
        return Scheme(name: name, description: description, path: display, sha256: sha, evaluations: evaluations)
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
        for key in plannedKeys {
            if let planned = value(key, node, root) {
                reader.fail(planned, "\(quoted(key)) is not supported by evalkit \(EvalKitVersion.current) yet",
                            hint: "remove it; slices, intervals and fairness gates are planned")
            }
        }
        let task = reader.string(value("task", node, root), "task", in: node, required: true)
        if let task, let taskNode = value("task", node, root), TaskRegistry.kind(named: task) == nil {
            reader.fail(taskNode, "unknown task kind", expected: "one of " + TaskRegistry.names.map { quoted($0) }.joined(separator: ", "),
                        found: quoted(task), hint: didYouMean(task, TaskRegistry.names))
        }
        let dataset = readDataset(value("dataset", node, root), parent: node, base: base, file: file, reader: &reader)
        let predictions = readPredictions(value("predictions", node, root), parent: node, base: base, file: file, reader: &reader)
        let options = value("options", node, root)
        if let options, options.objectMembers == nil {
            reader.fail(options, expected: "an object of task options", found: options.foundDescription)
        }
        let metricsNode = value("metrics", node, root)
        var metrics: [String]?
        if let metricsNode {
            metrics = reader.strings(metricsNode, "metrics", in: node)
            if metrics?.isEmpty == true { reader.fail(metricsNode, expected: "at least one metric name", found: "[]") }
        }
        var gates: [GateSpec] = []
        if let gatesNode = value("gates", node, root) {
            if let items = gatesNode.arrayItems {
                for item in items {
                    if let gate = readGate(item, evaluation: name, reader: &reader) { gates.append(gate) }
                }
            } else {
                reader.fail(gatesNode, expected: "an array of gates", found: gatesNode.foundDescription)
            }
        }
        let missing = reader.choice(value("missing", node, root), "missing", in: node, MissingPolicy.allCases.map(\.rawValue))
            .flatMap(MissingPolicy.init(rawValue:)) ?? .error
        let extra = reader.choice(value("extra", node, root), "extra", in: node, ExtraPolicy.allCases.map(\.rawValue))
            .flatMap(ExtraPolicy.init(rawValue:)) ?? .error
        guard reader.errors.count == errorsBefore, let task, let dataset, let predictions else { return nil }
        return EvaluationSpec(name: name, task: task, dataset: dataset, predictions: predictions, options: options,
                              metrics: metrics, metricsNode: metricsNode, gates: gates, missing: missing, extra: extra,
                              schemeFile: file, node: node)
    }

    private static func readDataset(_ node: JSONNode?, parent: JSONNode, base: String, file: String,
                                    reader: inout NodeReader) -> DatasetManifest? {
        guard let node else {
            reader.missing("dataset", in: parent, expected: "a path to a dataset manifest, or an inline manifest object")
            return nil
        }
        do {
            if let path = node.stringValue {
                let resolved = resolve(path, base: base)
                return try DatasetManifest.load(path: resolved, display: resolved)
            }
            if node.objectMembers != nil {
                return try DatasetManifest.parse(node, file: file, baseDirectory: base, displayBase: base, manifestPath: nil)
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

    private static func readPredictions(_ node: JSONNode?, parent: JSONNode, base: String, file: String,
                                        reader: inout NodeReader) -> PredictionsSpec? {
        guard let node else {
            reader.missing("predictions", in: parent, expected: "{\"path\": ..., \"id\": ..., \"label\": ... or \"score\": ...}")
            return nil
        }
        reader.object(node, allowed: predictionKeys, what: "predictions")
        guard node.objectMembers != nil, let path = reader.string(node["path"], "path", in: node, required: true) else { return nil }
        let resolved = resolve(path, base: base)
        var format = tableFormat(forPath: path) ?? .csv
        if let name = reader.choice(node["format"], "format", in: node, TableFormat.allCases.map(\.rawValue)) {
            format = TableFormat(rawValue: name)!
        }
        var csv = CSVOptions()
        if path.lowercased().hasSuffix(".tsv") { csv.delimiter = 0x09 }
        if let d = node["delimiter"], let text = reader.string(d, "delimiter", in: node) {
            if let byte = delimiterByte(text) { csv.delimiter = byte } else {
                reader.fail(d, expected: "a single ASCII character such as \",\" or \"\\t\"", found: quoted(text))
            }
        }
        return PredictionsSpec(resolvedPath: resolved, displayPath: resolved, format: format, csv: csv, node: node)
    }

    private static func readGate(_ node: JSONNode, evaluation: String, reader: inout NodeReader) -> GateSpec? {
        reader.object(node, allowed: gateKeys, what: "gate")
        guard node.objectMembers != nil else { return nil }
        guard let metric = reader.string(node["metric"], "metric", in: node, required: true) else { return nil }
        let minimum = reader.number(node["min"], "min", in: node)
        let maximum = reader.number(node["max"], "max", in: node)
        switch (minimum, maximum) {
        case (let lo?, nil): return GateSpec(metric: metric, bound: .min(lo), evaluation: evaluation, node: node)
        case (nil, let hi?): return GateSpec(metric: metric, bound: .max(hi), evaluation: evaluation, node: node)
        case (.some, .some):
            reader.fail(node, "a gate has one bound; write two gates for a range")
        case (nil, nil):
            if node["min"] == nil && node["max"] == nil {
                reader.fail(node, "a gate needs a bound", hint: "add \"min\": <number> or \"max\": <number>")
            }
        }
        return nil
    }
}
