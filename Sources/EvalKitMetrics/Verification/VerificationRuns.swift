/// Distinct scores of one side, ascending, with their summed weights and prefix sums: what the
/// threshold walks step over. Scores equal under `==` form one run (as bob.measure's
/// `current_threshold == negatives[neg_it]` skips); the run's value is its first score.
/// Zero weights are dropped, so a weight-0 score is as if absent.
struct VerificationRuns: Sendable {
    /// The distinct scores, ascending.
    let values: [Double]
    /// The summed weight of each distinct score (all ≥ 1).
    let weights: [Int64]
    /// `cumulative[i]` = total weight of `values[..<i]`; `count + 1` entries.
    let cumulative: [Int64]

    init(_ scores: [Double], _ weights: [Int64]?, side: String) throws(ComparisonScoresError) {
        if let weights, weights.count != scores.count {
            throw .weightCount(side: side, scores: scores.count, weights: weights.count)
        }
        var values: [Double] = []
        var runWeights: [Int64] = []
        var cumulative: [Int64] = [0]
        for (i, score) in scores.enumerated() {
            if score.isNaN { throw .notANumber(side: side, index: i) }
            if i > 0 && score < scores[i - 1] { throw .notAscending(side: side, index: i) }
            let w = weights?[i] ?? 1
            if w < 0 { throw .negativeWeight(side: side, index: i) }
            if w == 0 { continue }
            if let last = values.last, last == score {
                runWeights[runWeights.count - 1] += w
                cumulative[cumulative.count - 1] += w
            } else {
                values.append(score)
                runWeights.append(w)
                cumulative.append(cumulative[cumulative.count - 1] + w)
            }
        }
        self.values = values
        self.weights = runWeights
        self.cumulative = cumulative
    }

    /// Number of distinct scores.
    var count: Int { values.count }
    /// Total weight.
    var total: Int64 { cumulative[cumulative.count - 1] }

    /// Total weight of the scores < t.
    func weight(below t: Double) -> Int64 { cumulative[Self.firstIndex(in: values) { $0 >= t }] }

    /// The first index whose element satisfies `predicate`, for a predicate false then true along
    /// `array` (binary search).
    static func firstIndex(in array: [Double], where predicate: (Double) -> Bool) -> Int {
        var low = 0, high = array.count
        while low < high {
            let mid = (low + high) / 2
            if predicate(array[mid]) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}

/// numpy's `nextafter(x, y)` (C `nextafter`): the next double after x towards y; y itself when
/// x == y. bob.measure calls it as `nextafter(s, s + 1)` and `nextafter(s, s - 1)`, which for
/// |s| ≥ 2⁵³ (where s ± 1 == s) returns s unchanged — kept.
@inline(__always)
func numpyNextAfter(_ x: Double, _ y: Double) -> Double {
    if x.isNaN || y.isNaN { return .nan }
    if x == y { return y }
    return y > x ? x.nextUp : x.nextDown
}
