/// The ROC and precision-recall curves of a binary score set, point for point as scikit-learn
/// 1.9.1 draws them, from a sweep over its distinct scores (docs/metrics.md, "Curves").
///
/// A sweep calls its body once per distinct score, in descending order, with `tp` and `fp`: the
/// positives and negatives scoring at or above it (scikit-learn's `confusion_matrix_at_thresholds`).
/// With P positives and N negatives:
/// - ROC (`roc_curve(drop_intermediate=True)`): the points (fp/N, tp/P) of the thresholds that are
///   first, last, or where the second difference of fp or of tp along the sweep is not 0, after a
///   first point (0, 0); x is FPR, y TPR. Undefined (nil) without positives or negatives.
/// - Precision-recall (`precision_recall_curve`, `drop_intermediate=False`): the points
///   (tp/P, tp/(tp+fp)) of every threshold from the lowest to the highest, then (0, 1); x is
///   recall, y precision (0 where tp + fp = 0). Undefined (nil) without positives (scikit-learn
///   then sets every recall to 1 with a warning).
///
/// A curve of more than `maximumPoints` exact points keeps only the exact points at evenly spaced
/// ranks ⌊j·(m−1)/(k−1)⌋, j = 0..<k, of its m points: the first and the last always, and each
/// kept point is one of scikit-learn's. The sweep runs twice (count, then draw), so nothing but
/// the kept points is allocated.
/// - Complexity: O(r) for r distinct scores.
public enum ThresholdCurves {
    /// The most points a curve keeps (results.json stays small; a plot needs no more).
    public static let maximumPoints = 1001

    /// Calls its body for every distinct score, descending, with the cumulative counts there.
    public typealias Sweep = (_ body: (_ tp: Int64, _ fp: Int64) -> Void) -> Void

    /// A curve and the number of exact points it was drawn from (more than `curve.x.count` when
    /// it was thinned).
    public struct Drawn: Sendable, Equatable {
        public var curve: MetricCurve
        public var exactPoints: Int
        public var isThinned: Bool { exactPoints > curve.x.count }
    }

    /// The ROC curve (x `fpr`, y `tpr`); nil when `positives` or `negatives` is 0.
    public static func roc(name: String, positives: Int64, negatives: Int64, maximumPoints: Int = maximumPoints,
                           sweep: Sweep) -> Drawn? {
        guard positives > 0, negatives > 0 else { return nil }
        var exact = 1
        keptROCPoints(sweep) { _, _ in exact += 1 }
        let ranks = EvenRanks(points: exact, keep: maximumPoints)
        var x = [Double](), y = [Double]()
        x.reserveCapacity(ranks.count)
        y.reserveCapacity(ranks.count)
        let p = Double(positives), n = Double(negatives)
        var rank = 0
        var slot = 0
        func emit(_ tp: Int64, _ fp: Int64) {
            if slot < ranks.count && ranks.rank(slot) == rank {
                x.append(Double(fp) / n)
                y.append(Double(tp) / p)
                slot += 1
            }
            rank += 1
        }
        emit(0, 0)
        keptROCPoints(sweep, emit)
        return Drawn(curve: MetricCurve(name: name, xLabel: "fpr", yLabel: "tpr", x: x, y: y), exactPoints: exact)
    }

    /// The precision-recall curve (x `recall`, y `precision`); nil when `positives` is 0.
    public static func precisionRecall(name: String, positives: Int64, maximumPoints: Int = maximumPoints,
                                       sweep: Sweep) -> Drawn? {
        guard positives > 0 else { return nil }
        var thresholds = 0
        sweep { _, _ in thresholds += 1 }
        let exact = thresholds + 1
        let ranks = EvenRanks(points: exact, keep: maximumPoints)
        // Output order is the sweep's reversed: threshold i has rank thresholds − 1 − i, and the
        // closing (0, 1) the last rank; slots fill from the back.
        var x = [Double](repeating: 0, count: ranks.count)
        var y = [Double](repeating: 1, count: ranks.count)
        let p = Double(positives)
        var slot = ranks.count - 2
        var rank = thresholds - 1
        sweep { tp, fp in
            if slot >= 0 && ranks.rank(slot) == rank {
                x[slot] = Double(tp) / p
                let predicted = tp &+ fp
                y[slot] = predicted == 0 ? 0 : Double(tp) / Double(predicted)
                slot -= 1
            }
            rank -= 1
        }
        return Drawn(curve: MetricCurve(name: name, xLabel: "recall", yLabel: "precision", x: x, y: y), exactPoints: exact)
    }

    /// One note naming the thinned curves with their exact point counts, or nil when none is.
    public static func thinningNote(_ drawn: [Drawn]) -> String? {
        let thinned = drawn.filter(\.isThinned)
        guard !thinned.isEmpty else { return nil }
        return "curves thinned for results.json to exact points at evenly spaced ranks (the first and last kept): "
            + thinned.map { "\($0.curve.name) \($0.curve.x.count) of \($0.exactPoints) points" }.joined(separator: ", ")
    }

    /// The (tp, fp) of the thresholds `roc_curve(drop_intermediate=True)` keeps, in sweep order:
    /// the first, the last, and those where fp or tp has a nonzero second difference.
    static func keptROCPoints(_ sweep: Sweep, _ body: (Int64, Int64) -> Void) {
        var previous: (tp: Int64, fp: Int64)?
        var current: (tp: Int64, fp: Int64)?
        withoutActuallyEscaping(body) { body in
            sweep { tp, fp in
                if let c = current {
                    if let b = previous {
                        if tp &- 2 &* c.tp &+ b.tp != 0 || fp &- 2 &* c.fp &+ b.fp != 0 { body(c.tp, c.fp) }
                    } else {
                        body(c.tp, c.fp)  // the first
                    }
                    previous = c
                }
                current = (tp, fp)
            }
        }
        if let c = current { body(c.tp, c.fp) }  // the last
    }
}

/// The ranks ⌊j·(m−1)/(k−1)⌋, j = 0..<k, of k points kept out of m > k (all m when m ≤ k):
/// strictly increasing, the first 0 and the last m − 1.
struct EvenRanks {
    let points: Int
    let count: Int

    init(points: Int, keep: Int) {
        precondition(keep >= 2, "EvenRanks: keep at least the first and the last point")
        self.points = points
        count = Swift.min(points, keep)
    }

    @inline(__always) func rank(_ slot: Int) -> Int {
        count == points ? slot : slot * (points - 1) / (count - 1)
    }
}
