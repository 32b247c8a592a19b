/// Sufficient statistics of a task: everything its metrics are computed from.
///
/// `merge` must be associative and `compute(merge(update(A), update(B)))` must equal
/// `compute(update(A ∪ B))`: that is what makes slicing, sharding and bootstrap cheap (DESIGN §2).
/// Each task's tests check this property.
public protocol MergeableState: Sendable {
    /// Adds everything `other` has seen to `self`.
    mutating func merge(_ other: Self)
}

extension Collection where Element: MergeableState {
    /// The merge of every state, merged pairwise as a balanced tree (`empty()` for none).
    ///
    /// States whose merge costs the size of both operands (sorted score runs) would cost
    /// O(n²) when folded one by one into a growing total, e.g. 100,000 slice cells; a balanced
    /// tree costs O(n log n). Merge is associative, so the result is the same as a fold's.
    public func mergedPairwise(empty: () -> Element) -> Element {
        var level = Array(self)
        guard !level.isEmpty else { return empty() }
        while level.count > 1 {
            var next: [Element] = []
            next.reserveCapacity((level.count + 1) / 2)
            var i = 0
            while i + 1 < level.count {
                var pair = level[i]
                pair.merge(level[i + 1])
                next.append(pair)
                i += 2
            }
            if i < level.count { next.append(level[i]) }
            level = next
        }
        var total = empty()
        total.merge(level[0])
        return total
    }
}
