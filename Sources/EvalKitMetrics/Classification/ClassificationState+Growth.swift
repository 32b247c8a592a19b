extension ClassificationState {
    /// Grows the state to `count` classes (new classes have no rows), so a reader can add labels
    /// as it meets them. Existing class ids keep their meaning. No-op when already that large.
    public mutating func ensureClassCount(_ count: Int) {
        guard count > classCount else { return }
        let old = classCount
        var grown = [Int64](repeating: 0, count: count * count)
        for t in 0..<old {
            for p in 0..<old { grown[t * count + p] = cells[t * old + p] }
        }
        cells = grown
        missingCells += [Int64](repeating: 0, count: count - old)
        classCount = count
    }
}
