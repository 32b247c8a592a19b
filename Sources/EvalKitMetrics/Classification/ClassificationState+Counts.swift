extension ClassificationState {
    /// Counts `count` rows with true class `truth` and predicted class `predicted` (`-1` = no
    /// prediction) at once: how a state is rebuilt from a table of counts (paired tests).
    public mutating func add(truth: Int32, predicted: Int32, count: Int64) {
        precondition(truth >= 0 && Int(truth) < classCount && predicted >= -1 && Int(predicted) < classCount && count >= 0,
                     "ClassificationState: class id out of range")
        if predicted < 0 {
            missingCells[Int(truth)] &+= count
        } else {
            cells.add(truth: Int(truth), predicted: Int(predicted), count: count)
        }
    }
}
