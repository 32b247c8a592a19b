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
    /// The nonzero confusion cells (rows truth, columns predicted) after the missing-prediction
    /// policy, in row-major order.
    var confusion: [ConfusionTable.Entry]

    var classCount: Int { tp.count }

    /// Counts of a single-target state. `binary` folds rows without a prediction into the wrong
    /// decision (a positive becomes a false negative, a negative a false positive); otherwise
    /// they stay an extra, never-correct prediction. O(K + nonzero cells): no K×K matrix.
    init(_ state: ClassificationState, binary: Bool) {
        let k = state.classCount
        var missingByClass = (0..<k).map { Double(state.missing(truth: $0)) }
        var entries: [ConfusionTable.Entry] = []
        state.cells.forEachCell { t, p, c in
            if c != 0 { entries.append(ConfusionTable.Entry(truth: t, predicted: p, count: Double(c))) }
        }
        var missing = 0.0
        if binary {
            precondition(k == 2, "binary metrics need exactly two classes")
            var matrix = [[0.0, 0.0], [0.0, 0.0]]
            for e in entries { matrix[e.truth][e.predicted] = e.count }
            matrix[0][1] += missingByClass[0]
            matrix[1][0] += missingByClass[1]
            missingByClass = [0, 0]
            entries = [(0, 0), (0, 1), (1, 0), (1, 1)].compactMap { t, p in
                matrix[t][p] == 0 ? nil : ConfusionTable.Entry(truth: t, predicted: p, count: matrix[t][p])
            }
        } else {
            missing = missingByClass.reduce(0, +)
        }
        var rowTotals = missingByClass
        var columnTotals = [Double](repeating: 0, count: k)
        var diagonal = [Double](repeating: 0, count: k)
        for e in entries {
            rowTotals[e.truth] += e.count
            columnTotals[e.predicted] += e.count
            if e.truth == e.predicted { diagonal[e.truth] += e.count }
        }
        let total = rowTotals.reduce(0, +)
        confusion = entries
        self.missing = missing
        tp = diagonal
        support = rowTotals
        predicted = columnTotals
        fp = (0..<k).map { columnTotals[$0] - diagonal[$0] }
        fn = (0..<k).map { rowTotals[$0] - diagonal[$0] }
        correct = tp.reduce(0, +)
        self.total = total
        tn = (0..<k).map { total - rowTotals[$0] - columnTotals[$0] + diagonal[$0] }
    }

    /// Counts of independent binary targets (multilabel): target j's cells as class j.
    /// Only the set-wise fields are meaningful (`confusion` is empty).
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
        confusion = []
    }
}
