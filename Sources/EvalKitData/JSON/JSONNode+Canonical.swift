extension JSONNode {
    /// The node as compact JSON with object keys sorted and numbers written by value (`1.0` and
    /// `1` alike), so two documents that mean the same have the same text whatever their layout.
    public var canonicalText: String {
        switch value {
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .number(let d, _): JSONOutput.format(d)
        case .string(let s): JSONOutput.string(s).serialized(pretty: false)
        case .array(let items): "[" + items.map(\.canonicalText).joined(separator: ",") + "]"
        case .object(let members):
            "{" + members.sorted { $0.key < $1.key }
                .map { JSONOutput.string($0.key).serialized(pretty: false) + ":" + $0.value.canonicalText }
                .joined(separator: ",") + "}"
        }
    }
}
