/// A parsed JSON value that remembers where it was in its file, so an error about a scheme or a
/// manifest can name the line, the column and the JSON path (`evaluations[0].metrics[2]`).
public struct JSONNode: Sendable {
    public indirect enum Value: Sendable {
        case null
        case bool(Bool)
        /// The number and its literal text as written (for exact echo in messages).
        case number(Double, String)
        case string(String)
        case array([JSONNode])
        /// Members in file order (keys are unique: the parser rejects duplicates).
        case object([(key: String, value: JSONNode)])
    }

    public var value: Value
    /// 1-based line and column where the value starts.
    public var line: Int
    public var column: Int
    /// JSON path from the document root, e.g. `evaluations[0].gates[1].metric`; "" for the root.
    public var path: String

    public init(value: Value, line: Int, column: Int, path: String) {
        self.value = value
        self.line = line
        self.column = column
        self.path = path
    }

    /// The kind of value, as error messages name it ("a string", "an object").
    public var kindDescription: String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// The value as written, short, for the `found` part of error messages.
    public var foundDescription: String {
        switch value {
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .number(_, let text): text
        case .string(let s): quoted(s)
        case .array(let items): "an array of \(items.count)"
        case .object: "an object"
        }
    }

    /// Member lookup for objects (nil for a missing key or a non-object).
    public subscript(key: String) -> JSONNode? {
        guard case .object(let members) = value else { return nil }
        return members.first { $0.key == key }?.value
    }

    public var objectMembers: [(key: String, value: JSONNode)]? {
        if case .object(let members) = value { return members }
        return nil
    }

    public var arrayItems: [JSONNode]? {
        if case .array(let items) = value { return items }
        return nil
    }

    public var stringValue: String? {
        if case .string(let s) = value { return s }
        return nil
    }

    public var numberValue: Double? {
        if case .number(let d, _) = value { return d }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let b) = value { return b }
        return nil
    }

    public var isNull: Bool {
        if case .null = value { return true }
        return false
    }

    /// JSON path of a member of this object.
    public func childPath(_ key: String) -> String {
        let simple = key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
        let part = simple ? key : "[\(quoted(key))]"
        if path.isEmpty { return simple ? key : part }
        return simple ? "\(path).\(key)" : "\(path)\(part)"
    }

    /// JSON path of an element of this array.
    public func childPath(_ index: Int) -> String { "\(path)[\(index)]" }
}
