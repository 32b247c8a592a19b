/// Columns read from an array of objects; index i is the array's i-th element.
public struct JSONObjectColumns: Sendable {
    /// The number of objects.
    public var count: Int
    /// Fields of kind `.integer`; an absent (or null) optional value is `Int64.min`.
    public var integers: [String: [Int64]]
    /// Fields of kind `.number`; an absent optional value is NaN.
    public var numbers: [String: [Double]]
    /// Fields of kind `.box`: 4 numbers per object, flattened (`count * 4`); absent is 4 NaNs.
    public var boxes: [String: [Double]]
    /// Fields of kind `.text`: strings as they are, numbers as their source text (`"3"`, `"2.5"`),
    /// booleans as `"true"` and `"false"`; null or absent is nil.
    public var texts: [String: [String?]]
    /// For each optional field, whether each object holds it with a non-null value; nil when
    /// every field is required.
    public var present: [String: [Bool]]?
    /// Keys seen in the objects that no field requested (such as image metadata), and keys inside
    /// the parent `x` of a requested `"x.y"` as `"x.z"`.
    public var extraKeys: Set<String>
}
