
/// Reads typed fields out of a JSON object node, collecting every fault as an `InputError` with
/// the file, line, column and JSON path, so one run reports all the mistakes of a scheme.
public struct NodeReader {
    public let file: String
    public private(set) var errors: [InputError] = []

    public init(file: String) { self.file = file }

    public mutating func fail(_ node: JSONNode, _ message: String? = nil, expected: String? = nil,
                              found: String? = nil, hint: String? = nil) {
        errors.append(InputError(file: file, line: node.line, column: node.column, path: node.path,
                                 expected: expected, found: found, message: message, hint: hint))
    }

    /// Checks that `node` is an object whose keys are all in `allowed`; unknown keys are reported
    /// with a "did you mean". Returns the members (empty for a non-object, which is reported).
    @discardableResult
    public mutating func object(_ node: JSONNode, allowed: [String], what: String) -> [(key: String, value: JSONNode)] {
        guard let members = node.objectMembers else {
            fail(node, expected: "\(what) (a JSON object)", found: node.kindDescription)
            return []
        }
        for (key, value) in members where !allowed.contains(key) {
            errors.append(InputError(
                file: file, line: value.line, column: value.column, path: node.childPath(key),
                message: "unknown key \(quoted(key)) in \(what)",
                hint: didYouMean(key, allowed) ?? "known keys: \(allowed.joined(separator: ", "))"))
        }
        return members
    }

    /// Checks that `node` is an object whose keys are names the user chooses (attribute names,
    /// area-range names) and returns its members (empty for a non-object, which is reported).
    @discardableResult
    public mutating func namedObject(_ node: JSONNode, what: String) -> [(key: String, value: JSONNode)] {
        guard let members = node.objectMembers else {
            fail(node, expected: "\(what) (a JSON object)", found: node.kindDescription)
            return []
        }
        return members
    }

    public mutating func string(_ node: JSONNode?, _ key: String, in parent: JSONNode, required: Bool = false) -> String? {
        guard let node else {
            if required { missing(key, in: parent, expected: "a string") }
            return nil
        }
        guard let s = node.stringValue else {
            fail(node, expected: "a string", found: node.foundDescription)
            return nil
        }
        if s.isEmpty {
            fail(node, expected: "a non-empty string", found: "\"\"")
            return nil
        }
        return s
    }

    public mutating func number(_ node: JSONNode?, _ key: String, in parent: JSONNode, required: Bool = false) -> Double? {
        guard let node else {
            if required { missing(key, in: parent, expected: "a number") }
            return nil
        }
        guard let d = node.numberValue else {
            fail(node, expected: "a number", found: node.foundDescription)
            return nil
        }
        return d
    }

    public mutating func bool(_ node: JSONNode?, _ key: String, in parent: JSONNode, required: Bool = false) -> Bool? {
        guard let node else {
            if required { missing(key, in: parent, expected: "true or false") }
            return nil
        }
        guard let b = node.boolValue else {
            fail(node, expected: "true or false", found: node.foundDescription)
            return nil
        }
        return b
    }

    public mutating func integer(_ node: JSONNode?, _ key: String, in parent: JSONNode, required: Bool = false) -> Int? {
        guard let d = number(node, key, in: parent, required: required) else { return nil }
        guard d == d.rounded(), abs(d) < 1e15 else {
            fail(node!, expected: "an integer", found: node!.foundDescription)
            return nil
        }
        return Int(d)
    }

    public mutating func strings(_ node: JSONNode?, _ key: String, in parent: JSONNode, required: Bool = false) -> [String]? {
        guard let node else {
            if required { missing(key, in: parent, expected: "an array of strings") }
            return nil
        }
        guard let items = node.arrayItems else {
            fail(node, expected: "an array of strings", found: node.foundDescription)
            return nil
        }
        var result: [String] = []
        for item in items {
            guard let s = item.stringValue else {
                fail(item, expected: "a string", found: item.foundDescription)
                continue
            }
            result.append(s)
        }
        return result
    }

    /// A label or attribute value written as a JSON string, number or boolean, as text: `1`,
    /// `"1"` and `true` are "1", "1" and "true", as the same values appear in CSV files.
    public mutating func scalarText(_ node: JSONNode?, _ key: String, in parent: JSONNode) -> String? {
        guard let node else { return nil }
        switch node.value {
        case .string(let s): return s
        case .number(_, let text): return text
        case .bool(let b): return b ? "true" : "false"
        default:
            fail(node, expected: "a value (string, number or boolean)", found: node.foundDescription)
            return nil
        }
    }

    /// A string that must be one of `choices`.
    public mutating func choice(_ node: JSONNode?, _ key: String, in parent: JSONNode, _ choices: [String]) -> String? {
        guard let s = string(node, key, in: parent) else { return nil }
        guard choices.contains(s) else {
            fail(node!, expected: "one of " + choices.map { quoted($0) }.joined(separator: ", "),
                 found: quoted(s), hint: didYouMean(s, choices))
            return nil
        }
        return s
    }

    public mutating func missing(_ key: String, in parent: JSONNode, expected: String) {
        errors.append(InputError(file: file, line: parent.line, column: parent.column,
                                 path: parent.childPath(key), message: "missing required key \(quoted(key))",
                                 hint: "expected \(expected)"))
    }

    /// Adds an error found elsewhere (a manifest's), so it is reported with the others.
    public mutating func append(_ error: InputError) { errors.append(error) }

    /// Throws the collected errors, if any.
    public func check() throws {
        if errors.count == 1 { throw errors[0] }
        if !errors.isEmpty { throw InputErrors(errors) }
    }
}
