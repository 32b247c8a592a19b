import EvalKitData
import EvalKitMetrics

/// Reads ActEV_Scorer's JSON inputs into plain values: a reference or system output
/// (`{"filesProcessed": [...], "activities": [{"activity", "activityID", "presenceConf",
/// "localization": {"<file>": {"<frame>": 1, "<frame>": 0}}}]}`), an activity index (an object
/// whose keys are the activities), a file index (`{"<file>": {"framerate": 30.0, "selected":
/// {"1": 1, "20941": 0}}}`) and a scoring-parameters file (`-p`).
///
/// Every fault is an `InputError` with the file, line, column and JSON path. Parsed by
/// evalkit's JSON parser (positions, correctly rounded numbers, duplicate keys rejected); object
/// tracks (`objects`) and other keys are ignored, as the AD protocols ignore them.
public enum ActEVJSON {
    /// A reference (`system: false`) or system output (`system: true`, presenceConf required).
    public static func readSubmission(path: String, display: String? = nil, system: Bool, progress: ProgressReporter = .off) throws -> ActEVSubmission {
        let name = display ?? path
        return try submission(JSONParser.parse(readSmallFile(path: path, display: name, progress: progress), file: name), file: name, system: system)
    }

    public static func readActivityIndex(path: String, display: String? = nil) throws -> [String] {
        let name = display ?? path
        return try activityIndex(JSONParser.parse(readSmallFile(path: path, display: name), file: name), file: name)
    }

    public static func readFileIndex(path: String, display: String? = nil) throws -> [ActEVFile] {
        let name = display ?? path
        return try fileIndex(JSONParser.parse(readSmallFile(path: path, display: name), file: name), file: name)
    }

    public static func readScoringParameters(path: String, display: String? = nil) throws -> [(key: String, value: ActEVParameterValue)] {
        let name = display ?? path
        return try scoringParameters(JSONParser.parse(readSmallFile(path: path, display: name), file: name), file: name)
    }

    static func fail(_ file: String, _ node: JSONNode, expected: String? = nil, found: String? = nil, message: String? = nil) -> InputError {
        InputError(file: file, line: node.line, column: node.column, path: node.path.isEmpty ? "(root)" : node.path,
                   expected: expected, found: found, message: message)
    }

    static func members(_ node: JSONNode, file: String, what: String) throws -> [(key: String, value: JSONNode)] {
        guard let members = node.objectMembers else { throw fail(file, node, expected: what + " (a JSON object)", found: node.kindDescription) }
        return members
    }

    /// A localization or `selected` object: frame numbers (decimal digits, a leading minus sign
    /// allowed as ActEV_SDL_V2's schema allows it) to integer values.
    static func signal(_ node: JSONNode, file: String) throws -> ActEVSignal {
        var steps: [(frame: Int, value: Int)] = []
        for (key, value) in try members(node, file: file, what: "frames") {
            let digits = key.hasPrefix("-") ? key.utf8.dropFirst() : key.utf8[...]
            guard !digits.isEmpty, digits.count <= 15, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }), let frame = Int(key) else {
                throw fail(file, value, expected: "a frame number (decimal digits) as key", found: quoted(key))
            }
            guard let number = value.numberValue, number == number.rounded(), abs(number) < 1e15 else {
                throw fail(file, value, expected: "an integer (1 from this frame, 0 from this frame on)", found: value.foundDescription)
            }
            steps.append((frame, Int(number)))
        }
        return ActEVSignal(steps: steps)
    }

    static func submission(_ root: JSONNode, file: String, system: Bool) throws -> ActEVSubmission {
        _ = try members(root, file: file, what: system ? "a system output" : "a reference")
        var processed: [String] = []
        if let report = root["processingReport"], let reportMembers = report.objectMembers, !reportMembers.isEmpty {
            guard let statuses = report["fileStatuses"] else {
                throw fail(file, report, message: "processingReport has no \"fileStatuses\"")
            }
            processed = try members(statuses, file: file, what: "fileStatuses").map(\.key)
        } else if let list = root["filesProcessed"] {
            guard let items = list.arrayItems else { throw fail(file, list, expected: "an array of file names", found: list.foundDescription) }
            for item in items {
                guard let name = item.stringValue else { throw fail(file, item, expected: "a file name", found: item.foundDescription) }
                processed.append(name)
            }
        } else if system {
            throw InputError(file: file, line: root.line, column: root.column, path: "filesProcessed",
                             message: "missing required key \"filesProcessed\"", hint: "expected the list of files the system processed")
        }
        var instances: [ActEVInstance] = []
        if let list = root["activities"] {
            guard let items = list.arrayItems else { throw fail(file, list, expected: "an array of activity instances", found: list.foundDescription) }
            instances.reserveCapacity(items.count)
            for item in items { instances.append(try instance(item, file: file, system: system)) }
        }
        return ActEVSubmission(instances: instances, filesProcessed: processed)
    }

    static func instance(_ node: JSONNode, file: String, system: Bool) throws -> ActEVInstance {
        _ = try members(node, file: file, what: "an activity instance")
        func required(_ key: String, _ expected: String) throws -> JSONNode {
            guard let value = node[key] else {
                throw InputError(file: file, line: node.line, column: node.column, path: node.childPath(key),
                                 message: "missing required key \(quoted(key))", hint: "expected \(expected)")
            }
            return value
        }
        let activityNode = try required("activity", "the activity name")
        guard let activity = activityNode.stringValue else { throw fail(file, activityNode, expected: "a string", found: activityNode.foundDescription) }
        let idNode = try required("activityID", "the instance's id")
        let id: String
        switch idNode.value {
        case .number(_, let text): id = text
        case .string(let s): id = s
        default: throw fail(file, idNode, expected: "an id (an integer)", found: idNode.foundDescription)
        }
        var confidence: Double?
        if system {
            let confNode = try required("presenceConf", "the confidence (a number)")
            guard let value = confNode.numberValue, value.isFinite else { throw fail(file, confNode, expected: "a finite number", found: confNode.foundDescription) }
            confidence = value
        }
        let localization = try required("localization", "{\"<file>\": {\"<frame>\": 1, \"<frame>\": 0}}")
        let files = try members(localization, file: file, what: "a localization")
        guard files.count == 1 else {
            throw fail(file, localization, expected: "one file (the AD protocols localize an instance in one file)",
                       found: "\(files.count) files")
        }
        return ActEVInstance(activity: activity, id: id, presenceConf: confidence, file: files[0].key,
                             signal: try signal(files[0].value, file: file))
    }

    static func activityIndex(_ root: JSONNode, file: String) throws -> [String] {
        try members(root, file: file, what: "an activity index").map(\.key)
    }

    static func fileIndex(_ root: JSONNode, file: String) throws -> [ActEVFile] {
        var files: [ActEVFile] = []
        for (name, entry) in try members(root, file: file, what: "a file index") {
            _ = try members(entry, file: file, what: "a file index entry")
            guard let rateNode = entry["framerate"] else {
                throw InputError(file: file, line: entry.line, column: entry.column, path: entry.childPath("framerate"),
                                 message: "missing required key \"framerate\"", hint: "expected frames per second")
            }
            guard let rate = rateNode.numberValue, rate > 0, rate.isFinite else {
                throw fail(file, rateNode, expected: "a frame rate > 0", found: rateNode.foundDescription)
            }
            guard let selectedNode = entry["selected"] else {
                throw InputError(file: file, line: entry.line, column: entry.column, path: entry.childPath("selected"),
                                 message: "missing required key \"selected\"", hint: "expected the selected frames, {\"1\": 1, \"9000\": 0}")
            }
            files.append(ActEVFile(name: name, frameRate: rate, selected: try signal(selectedNode, file: file)))
        }
        return files
    }

    static func scoringParameters(_ root: JSONNode, file: String) throws -> [(key: String, value: ActEVParameterValue)] {
        try members(root, file: file, what: "scoring parameters").map { key, node in
            switch node.value {
            case .number(let d, _): return (key, .number(d))
            case .string(let s): return (key, .text(s))
            case .array(let items):
                return (key, .numbers(try items.map { item in
                    guard let d = item.numberValue else { throw fail(file, item, expected: "a number", found: item.foundDescription) }
                    return d
                }))
            default: throw fail(file, node, expected: "a number or a list of numbers", found: node.foundDescription)
            }
        }
    }
}

extension ActEVJSON {
    /// A protocol's parameters with a scoring-parameters file applied (the scorer's `-p`).
    public static func readParameters(_ scoringProtocol: ActEVProtocol, path: String, display: String? = nil) throws -> ActEVParameters {
        let name = display ?? path
        var parameters = ActEVParameters(scoringProtocol)
        do {
            try parameters.apply(try readScoringParameters(path: path, display: name))
        } catch let error as ActEVParameterError {
            throw InputError(file: name, path: error.key, message: error.message)
        }
        return parameters
    }
}
