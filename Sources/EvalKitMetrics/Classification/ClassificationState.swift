/// Sufficient statistics of single-target classification (binary or multiclass): a K×K
/// confusion count matrix (rows truth, columns predicted), per-true-class counts of rows without
/// a prediction, and optionally the binary scores as `ScoreRuns`.
///
/// A predicted id of `-1` means "no prediction" (the scheme's `"missing": "count_as_wrong"`).
/// It is kept apart in `missing(truth:)`, and the metrics count it as a wrong answer:
/// - multiclass: it lowers the recall (and accuracy) of its true class and adds no false positive
///   to any class: as if the model had predicted an extra class "none" that is never correct;
/// - binary: it is the wrong decision: a missing positive is a false negative, a missing
///   negative a false positive.
///
/// - Complexity: `add` O(1) (dense) or amortised O(log m) (sparse); memory O(K²) up to
///   `ConfusionCells.denseLimit` classes, O(K + m) above it (m distinct (truth, prediction)
///   pairs), plus the runs of the scores.
public struct ClassificationState: MergeableState {
    /// Number of classes K; class ids are `0..<K`.
    public internal(set) var classCount: Int
    /// Rows with truth `t` predicted `p`: dense or sparse (`ConfusionCells`).
    @usableFromInline internal var cells: ConfusionCells
    /// `missingCells[t]`: rows with truth `t` and no prediction.
    @usableFromInline internal var missingCells: [Int64]
    /// Scores of the binary task (positives and negatives), when kept.
    public var scores: ScoreRuns?
    /// Multiclass class-probability statistics (one score column per class), when kept.
    public var probabilities: ClassProbabilityState?

    /// An empty state for `classCount` classes; `keepsScores` allocates `scores`.
    public init(classCount: Int, keepsScores: Bool = false) {
        precondition(classCount >= 1, "ClassificationState: at least one class is needed")
        self.classCount = classCount
        cells = ConfusionCells(classCount: classCount)
        missingCells = Array(repeating: 0, count: classCount)
        scores = keepsScores ? ScoreRuns() : nil
    }

    /// Counts one row: true class `truth`, predicted class `predicted` (`-1` = no prediction).
    @inlinable
    public mutating func add(truth: Int32, predicted: Int32) {
        let k = classCount
        precondition(
            truth >= 0 && Int(truth) < k && predicted >= -1 && Int(predicted) < k,
            "ClassificationState: class id out of range")
        if predicted < 0 {
            missingCells[Int(truth)] &+= 1
        } else {
            cells.add(truth: Int(truth), predicted: Int(predicted))
        }
    }

    /// Counts a batch of rows (`truth[i]`, `predicted[i]`); same rules as `add(truth:predicted:)`.
    public mutating func add(truth: UnsafeBufferPointer<Int32>, predicted: UnsafeBufferPointer<Int32>) {
        precondition(truth.count == predicted.count, "ClassificationState: column lengths differ")
        let k = classCount
        for i in 0..<truth.count {
            let t = Int(truth[i])
            let p = Int(predicted[i])
            precondition(t >= 0 && t < k && p >= -1 && p < k, "ClassificationState: class id out of range")
            if p < 0 {
                missingCells[t] &+= 1
            } else {
                cells.add(truth: t, predicted: p)
            }
        }
    }

    /// Records one binary score; `positive` is whether the row's truth is the positive class.
    /// Requires `keepsScores`.
    @inlinable
    public mutating func addScore(_ score: Double, positive: Bool) {
        precondition(scores != nil, "ClassificationState: created without keepsScores")
        scores!.add(score, positive: positive)
    }

    /// Records a batch of binary scores (`positives[i]`: the row's truth is the positive class).
    public mutating func addScores(_ scores: UnsafeBufferPointer<Double>, positives: UnsafeBufferPointer<Bool>) {
        precondition(self.scores != nil, "ClassificationState: created without keepsScores")
        self.scores!.add(scores: scores, positives: positives)
    }

    /// Records a batch of binary scores; a row is positive when `truth[i] == positiveClass`.
    public mutating func addScores(
        _ scores: UnsafeBufferPointer<Double>, truth: UnsafeBufferPointer<Int32>, positiveClass: Int32
    ) {
        precondition(self.scores != nil, "ClassificationState: created without keepsScores")
        self.scores!.add(scores: scores, truth: truth, positiveClass: positiveClass)
    }

    /// Adds `other`'s counts and scores. Class ids must mean the same labels in both (one
    /// vocabulary; states of different vocabularies are remapped first, `remapped(to:classCount:)`);
    /// a state that has met fewer classes grows to the other's count.
    public mutating func merge(_ other: ClassificationState) {
        if other.classCount > classCount { ensureClassCount(other.classCount) }
        var other = other
        if other.classCount < classCount { other.ensureClassCount(classCount) }
        cells.merge(other.cells)
        for i in missingCells.indices { missingCells[i] &+= other.missingCells[i] }
        if let theirs = other.scores {
            if scores == nil { scores = ScoreRuns() }
            scores!.merge(theirs)
        }
        if let theirs = other.probabilities {
            if probabilities == nil { probabilities = theirs } else { probabilities!.merge(theirs) }
        }
    }

    /// Rows with true class `truth` predicted as `predicted`.
    public func count(truth: Int, predicted: Int) -> Int64 { cells.count(truth: truth, predicted: predicted) }

    /// Merges the sparse cells' pending additions (`ConfusionCells.compact`), so that reading
    /// and resampling them needs no sorting. A no-op in the dense form.
    public mutating func compact() { cells.compact() }

    /// The confusion cells (dense or sparse).
    public var confusionCells: ConfusionCells { cells }

    /// Rows with true class `truth` and no prediction.
    public func missing(truth: Int) -> Int64 { missingCells[truth] }

    /// Rows without a prediction.
    public var missingCount: Int64 { missingCells.reduce(0, &+) }

    /// Rows counted (with or without a prediction).
    public var count: Int64 { cells.total &+ missingCount }

    /// Rows with a prediction whose truth equals it.
    public var correctCount: Int64 {
        (0..<classCount).reduce(0) { $0 &+ cells.count(truth: $1, predicted: $1) }
    }
}
