import EvalKitData

/// How an evaluation is sliced: the groupings (`[["sex"], ["race"], ["sex", "race"]]`), the
/// smallest slice whose metrics are shown, and the reference group of each attribute.
public struct SlicingSpec: Sendable {
    /// Default `min_slice_size`: slices with fewer items are reported with their count only.
    public static let defaultMinSliceSize = 30

    public var groupings: [[String]] = []
    public var minSliceSize = SlicingSpec.defaultMinSliceSize
    /// Reference value per attribute (Aequitas-style disparities), e.g. `["race": "Caucasian"]`.
    public var reference: [String: String] = [:]
    /// The node of `reference`, for errors found after reading the data.
    public var referenceNode: JSONNode?

    public init() {}

    /// Every attribute any grouping uses, in first-use order.
    public var attributes: [String] {
        var seen = Set<String>()
        return groupings.flatMap { $0 }.filter { seen.insert($0).inserted }
    }

    public var isEmpty: Bool { groupings.isEmpty }
}
