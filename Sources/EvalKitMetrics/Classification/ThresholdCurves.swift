/// The ROC and precision-recall curves of a binary score set, point for point as scikit-learn
/// 1.9.1 draws them, from its runs: per distinct score, in ascending order (`ScoreRuns`' layout),
/// how many positives and negatives have it (docs/metrics.md, "Curves").
///
/// With P positives, N negatives and tp(t), fp(t) the positives and negatives scoring ≥ t (over
/// the distinct scores t, scikit-learn's `confusion_matrix_at_thresholds`):
/// - ROC (`roc_curve(drop_intermediate=True)`): a first point (0, 0), then (fp(t)/N, tp(t)/P) for
///   t from the highest score to the lowest, keeping the first, the last, and every t where the
///   second difference of fp or of tp along that order is not 0. That difference is the change of
///   the run's counts from t to the next lower score, so t is dropped exactly when the run below it
///   has the same positives and negatives as its own (a straight run of equal steps). x is FPR, y
///   TPR. Undefined (nil) without positives or negatives.
/// - Precision-recall (`precision_recall_curve`, `drop_intermediate=False`): (tp(t)/P,
///   tp(t)/(tp(t)+fp(t))) for t from the lowest score to the highest, then (0, 1); x is recall, y
///   precision (0 where tp + fp = 0). Undefined (nil) without positives (scikit-learn then sets
///   every recall to 1 with a warning).
///
/// A curve of more than `maximumPoints` exact points keeps only the exact points at evenly spaced
/// ranks ⌊j·(m−1)/(k−1)⌋, j = 0..<k, of its m points: the first and the last always, and each
/// kept point is one of scikit-learn's. Only the kept points are allocated.
/// - Complexity: O(r) for r runs: one pass counts, one draws each curve.
public enum ThresholdCurves {
    /// The most points a curve keeps (results.json stays small; a plot needs no more).
    public static let maximumPoints = 1001

    /// A curve and the number of exact points it was drawn from (more than `curve.x.count` when
    /// it was thinned).
    public struct Drawn: Sendable, Equatable {
        public var curve: MetricCurve
        public var exactPoints: Int
        public var isThinned: Bool { exactPoints > curve.x.count }
    }

    /// Both curves of runs in ascending score order, named `rocName` and `precisionRecallName`:
    /// the ROC nil without positives or without negatives, the precision-recall curve nil without
    /// positives. One pass counts (positives, negatives, the ROC's kept points), one draws each curve.
    public static func curves(roc rocName: String, precisionRecall precisionRecallName: String, positives: [Int64], negatives: [Int64],
                              maximumPoints: Int = maximumPoints) -> (roc: Drawn?, precisionRecall: Drawn?) {
        precondition(positives.count == negatives.count, "ThresholdCurves: runs of different lengths")
        return positives.withUnsafeBufferPointer { pos in
            negatives.withUnsafeBufferPointer { neg in
                let r = pos.count
                // Run a (ascending) is a ROC point when it is the highest or the lowest score, or
                // when the run below it has other counts.
                var p: Int64 = 0, n: Int64 = 0
                var keptRuns = r > 0 ? 1 : 0
                if r > 0 {
                    p = pos[0]
                    n = neg[0]
                    for a in 1..<r {
                        p &+= pos[a]
                        n &+= neg[a]
                        if a == r - 1 || pos[a] != pos[a - 1] || neg[a] != neg[a - 1] { keptRuns += 1 }
                    }
                }
                guard p > 0 else { return (nil, nil) }
                let precisionRecall = drawPrecisionRecall(precisionRecallName, pos, neg, p: p, n: n, maximumPoints: maximumPoints)
                guard n > 0 else { return (nil, precisionRecall) }
                return (drawROC(rocName, pos, neg, p: p, n: n, exact: 1 + keptRuns, maximumPoints: maximumPoints), precisionRecall)
            }
        }
    }

    /// (0, 0), then the kept runs from the highest score down: (fp/N, tp/P).
    private static func drawROC(_ name: String, _ pos: UnsafeBufferPointer<Int64>, _ neg: UnsafeBufferPointer<Int64>,
                                p: Int64, n: Int64, exact: Int, maximumPoints: Int) -> Drawn {
        let r = pos.count
        let ranks = EvenRanks(points: exact, keep: maximumPoints)
        var x = [Double](), y = [Double]()
        x.reserveCapacity(ranks.count)
        y.reserveCapacity(ranks.count)
        let pd = Double(p), nd = Double(n)
        x.append(0)
        y.append(0)
        var slot = 1, rank = 1, wanted = ranks.rank(1)
        var tp: Int64 = 0, fp: Int64 = 0
        var a = r - 1
        while a >= 0 {
            tp &+= pos[a]
            fp &+= neg[a]
            if a == r - 1 || a == 0 || pos[a] != pos[a - 1] || neg[a] != neg[a - 1] {
                if rank == wanted {
                    x.append(Double(fp) / nd)
                    y.append(Double(tp) / pd)
                    slot += 1
                    if slot == ranks.count { break }
                    wanted = ranks.rank(slot)
                }
                rank += 1
            }
            a -= 1
        }
        return Drawn(curve: MetricCurve(name: name, xLabel: "fpr", yLabel: "tpr", x: x, y: y), exactPoints: exact)
    }

    /// Every run from the lowest score up: (tp/P, tp/(tp+fp)), then (0, 1).
    private static func drawPrecisionRecall(_ name: String, _ pos: UnsafeBufferPointer<Int64>, _ neg: UnsafeBufferPointer<Int64>,
                                            p: Int64, n: Int64, maximumPoints: Int) -> Drawn {
        // Point a (a < r) is run a's threshold; point r the closing (0, 1).
        let r = pos.count
        let ranks = EvenRanks(points: r + 1, keep: maximumPoints)
        var x = [Double](), y = [Double]()
        x.reserveCapacity(ranks.count)
        y.reserveCapacity(ranks.count)
        let pd = Double(p)
        // tp and fp at run a: everything but the runs below it.
        var belowP: Int64 = 0, belowN: Int64 = 0
        var slot = 0, wanted = 0
        for a in 0..<r {
            if a == wanted {
                let tp = p &- belowP, predicted = tp &+ (n &- belowN)
                x.append(Double(tp) / pd)
                y.append(predicted == 0 ? 0 : Double(tp) / Double(predicted))
                slot += 1
                if slot == ranks.count - 1 { break }
                wanted = ranks.rank(slot)
            }
            belowP &+= pos[a]
            belowN &+= neg[a]
        }
        x.append(0)
        y.append(1)
        return Drawn(curve: MetricCurve(name: name, xLabel: "recall", yLabel: "precision", x: x, y: y), exactPoints: r + 1)
    }

    /// One note naming the thinned curves with their exact point counts, or nil when none is.
    public static func thinningNote(_ drawn: [Drawn]) -> String? {
        let thinned = drawn.filter(\.isThinned)
        guard !thinned.isEmpty else { return nil }
        return "curves thinned for results.json to exact points at evenly spaced ranks (the first and last kept): "
            + thinned.map { "\($0.curve.name) \($0.curve.x.count) of \($0.exactPoints) points" }.joined(separator: ", ")
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
