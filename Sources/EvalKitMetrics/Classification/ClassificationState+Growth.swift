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
