/// Sufficient statistics of a task: everything its metrics are computed from.
///
/// `merge` must be associative and `compute(merge(update(A), update(B)))` must equal
/// `compute(update(A ∪ B))`: that is what makes slicing, sharding and bootstrap cheap (DESIGN §2).
/// Each task's tests check this property.
public protocol MergeableState: Sendable {
    /// Adds everything `other` has seen to `self`.
    mutating func merge(_ other: Self)
}
