import EvalKitData

/// How an evaluation is sliced: the groupings (`[["sex"], ["race"], ["sex", "race"]]`), the
/// smallest slice whose metrics are shown, and the reference group of each attribute.
public struct SlicingSpec: Sendable {
    /// Default `min_slice_size`: slices with fewer items are reported with their count only.
    public static let defaultMinSliceSize = 30

    /// The groupings the scheme lists under `slices`: reported as slices, with disparities.
    public var groupings: [[String]] = []
    /// Groupings another view needs (the robustness conditions) that `slices` does not list:
    /// computed like slices, not reported among them.
    public var viewGroupings: [[String]] = []
    public var minSliceSize = SlicingSpec.defaultMinSliceSize
    /// Reference value per attribute (Aequitas-style disparities), e.g. `["race": "Caucasian"]`.
    public var reference: [String: String] = [:]
    /// The node of `reference`, for errors found after reading the data.
    public var referenceNode: JSONNode?

    public init() {}

    /// Every grouping computed: the listed ones, then the views' own.
    public var allGroupings: [[String]] { groupings + viewGroupings }

    /// Every attribute any computed grouping uses, in first-use order (the slice cells' attributes).
    public var attributes: [String] {
        var seen = Set<String>()
        return allGroupings.flatMap { $0 }.filter { seen.insert($0).inserted }
    }

    public var isEmpty: Bool { groupings.isEmpty }
}
