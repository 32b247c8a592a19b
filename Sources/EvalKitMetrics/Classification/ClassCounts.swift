/// One-vs-rest confusion counts of every class (or multilabel target), plus the margins that
/// MCC, Cohen's κ and balanced accuracy need. Doubles hold integer counts exactly up to 2⁵³.
///
/// `tp[k]`, `fp[k]`, `fn[k]`, `tn[k]` are scikit-learn's `multilabel_confusion_matrix` cells
/// for label k (with `labels=` all classes): rows without a prediction (multiclass) add to `fn`
/// of their true class only.
@usableFromInline
internal struct ClassCounts {
    var tp: [Double]
    var fp: [Double]
    var fn: [Double]
    var tn: [Double]
    /// Rows per true class (`tp + fn`), the support.
    var support: [Double]
    /// Rows predicted as each class (`tp + fp`).
    var predicted: [Double]
    /// Rows without a prediction (always 0 once folded for binary).
    var missing: Double
    /// Rows whose prediction equals the truth (the trace).
    var correct: Double
    /// All rows.
    var total: Double
    /// The K×K matrix (rows truth, columns predicted) after the missing-prediction policy.
    var matrix: [[Double]]

    var classCount: Int { tp.count }

    /// Counts of a single-target state. `binary` folds rows without a prediction into the wrong
    /// decision (a positive becomes a false negative, a negative a false positive); otherwise
    /// they stay an extra, never-correct prediction.
    init(_ state: ClassificationState, binary: Bool) {
        let k = state.classCount
        var matrix = (0..<k).map { t in (0..<k).map { p in Double(state.count(truth: t, predicted: p)) } }
        var missing = 0.0
        var missingByClass = (0..<k).map { Double(state.missing(truth: $0)) }
        if binary {
            precondition(k == 2, "binary metrics need exactly two classes")
            matrix[0][1] += missingByClass[0]
            matrix[1][0] += missingByClass[1]
            missingByClass = [0, 0]
        } else {
            missing = missingByClass.reduce(0, +)
        }
        self.init(matrix: matrix, missingByClass: missingByClass, missing: missing)
    }

    private init(matrix: [[Double]], missingByClass: [Double], missing: Double) {
        let k = matrix.count
        self.matrix = matrix
        self.missing = missing
        let rowTotals = (0..<k).map { t in matrix[t].reduce(0, +) + missingByClass[t] }
        let columnTotals = (0..<k).map { p in (0..<k).reduce(0.0) { $0 + matrix[$1][p] } }
        let total = rowTotals.reduce(0, +)
        tp = (0..<k).map { matrix[$0][$0] }
        support = rowTotals
        predicted = columnTotals
        fp = (0..<k).map { columnTotals[$0] - matrix[$0][$0] }
        fn = (0..<k).map { rowTotals[$0] - matrix[$0][$0] }
        correct = tp.reduce(0, +)
        self.total = total
        var tn = [Double](repeating: 0, count: k)
        for c in 0..<k { tn[c] = total - rowTotals[c] - columnTotals[c] + matrix[c][c] }
        self.tn = tn
    }

    /// Counts of independent binary targets (multilabel): target j's cells as class j.
    /// Only the set-wise fields are meaningful (`matrix` is empty).
    init(targets: [(tp: Double, fp: Double, fn: Double, tn: Double)], rows: Double) {
        tp = targets.map(\.tp)
        fp = targets.map(\.fp)
        fn = targets.map(\.fn)
        tn = targets.map(\.tn)
        support = targets.map { $0.tp + $0.fn }
        predicted = targets.map { $0.tp + $0.fp }
        missing = 0
        correct = tp.reduce(0, +)
        total = rows
        matrix = []
    }
}
