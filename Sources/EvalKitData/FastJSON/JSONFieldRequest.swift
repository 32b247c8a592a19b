/// What to read of each object of an array: a key, how to read its value, and whether every
/// object must have it.
public struct JSONFieldRequest: Sendable {
    /// How a value is read.
    public enum Kind: Sendable {
        /// A JSON integer (no fraction, no exponent) in the range of `Int64`.
        case integer
        /// Any JSON number, as the nearest `Double`.
        case number
        /// An array of exactly 4 numbers, such as a COCO `bbox`.
        case box
        /// A string as it is; a number, `true` or `false` as its source text.
        case text
    }

    /// A key, or a dotted path one level deep: `"attributes.plate"`.
    public var name: String
    public var kind: Kind
    /// Whether every object must hold the key with a non-null value.
    public var required: Bool

    public init(_ name: String, _ kind: Kind, required: Bool = false) {
        self.name = name
        self.kind = kind
        self.required = required
    }

    /// The key in the objects, and for a dotted path the key inside the object at that key.
    var path: (key: String, child: String?) {
        guard let dot = name.firstIndex(of: ".") else { return (name, nil) }
        return (String(name[..<dot]), String(name[name.index(after: dot)...]))
    }

    /// What a value of this kind is, for error messages.
    var expected: String {
        switch kind {
        case .integer: "an integer"
        case .number: "a number"
        case .box: "an array of 4 numbers"
        case .text: "a string, number or boolean"
        }
    }
}
