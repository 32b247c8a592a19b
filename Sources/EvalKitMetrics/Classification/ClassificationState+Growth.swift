extension ClassificationState {
    /// Grows the state to `count` classes (new classes have no rows), so a reader can add labels
    /// as it meets them. Existing class ids keep their meaning. No-op when already that large.
    public mutating func ensureClassCount(_ count: Int) {
        guard count > classCount else { return }
        let old = classCount
        cells.grow(to: count)
        missingCells += [Int64](repeating: 0, count: count - old)
        classCount = count
    }
}

extension ClassificationState {
    /// The same rows with class `k` renamed `classMap[k]` in a state of `classCount` classes: how
    /// a state of one vocabulary joins another (labels met in another order, or by another
    /// process). `classMap` must be injective into `0..<classCount` (checked by the caller, which
    /// builds it from label names). Scores and class probabilities do not refer to class ids of
    /// the vocabulary and are kept as they are.
    public func remapped(classMap: [Int], classCount newCount: Int) -> ClassificationState {
        precondition(classMap.count == classCount && classMap.allSatisfy { (0..<newCount).contains($0) },
                     "ClassificationState: class map out of range")
        if newCount == classCount && classMap.enumerated().allSatisfy({ $0.offset == $0.element }) { return self }
        var result = self
        result.classCount = newCount
        result.cells = ConfusionCells(classCount: newCount, sparse: cells.isSparse || newCount > ConfusionCells.denseLimit)
        cells.forEachCell { t, p, c in if c != 0 { result.cells.add(truth: classMap[t], predicted: classMap[p], count: c) } }
        result.cells.compact()
        result.missingCells = [Int64](repeating: 0, count: newCount)
        for (k, count) in missingCells.enumerated() { result.missingCells[classMap[k]] &+= count }
        return result
    }
}
