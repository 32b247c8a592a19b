import EvalKitData

/// Two runs' outcomes on the same items as one table of counts over (truth, baseline
/// prediction, candidate prediction): what every paired test here is computed from. A paired
/// bootstrap replicate redraws the table as one multinomial (the row bootstrap of the items, both
/// runs together) and splits it back into the two runs' confusion matrices.
public struct PairedOutcomes: Sendable {
    /// Labels in the candidate's order, extended by labels only the baseline has.
    public var labels: [String]
    /// counts[(t * width + before + 1) * width + after + 1], width = labels.count + 1.
    public var counts: [Int64]
    public var items: Int

    var width: Int { labels.count + 1 }

    /// Joins the runs by ground-truth row; optionally only the items of one slice (by the
    /// candidate's slice cells). Throws when the runs are not of the same ground truth.
    public init(before baseline: ItemOutcomes, after candidate: ItemOutcomes,
                slice: (attributes: [String], values: [String])? = nil) throws {
        guard candidate.truth.count == baseline.truth.count, candidate.groundTruthSHA256 == baseline.groundTruthSHA256 else {
            throw InputError(file: "baseline", message: "the runs' items differ (ground truth \(baseline.groundTruthSHA256.prefix(12)), "
                                + "\(baseline.truth.count) items; now \(candidate.groundTruthSHA256.prefix(12)), \(candidate.truth.count) items)")
        }
        var labels = candidate.labels
        let mapping: [Int32] = baseline.labels.map { label in
            if let i = labels.firstIndex(of: label) { return Int32(i) }
            labels.append(label)
            return Int32(labels.count - 1)
        }
        self.labels = labels
        let width = labels.count + 1
        var counts = [Int64](repeating: 0, count: labels.count * width * width)
        var items = 0
        for row in candidate.truth.indices {
            let t = candidate.truth[row], b = baseline.truth[row]
            guard t >= 0, b >= 0 else { continue }
            if let slice, !candidate.isInSlice(row, attributes: slice.attributes, values: slice.values) { continue }
            guard mapping[Int(b)] == t else {
                throw InputError(file: "baseline", message: "item \(row + 1) has another true label in the baseline")
            }
            let before = baseline.predicted[row] < 0 ? -1 : mapping[Int(baseline.predicted[row])]
            counts[(Int(t) * width + Int(before + 1)) * width + Int(candidate.predicted[row] + 1)] += 1
            items += 1
        }
        self.counts = counts
        self.items = items
    }

    /// The two runs' states from a table of counts (this one, or a replicate of it).
    public func states(_ table: [Int64]) -> (before: ClassificationState, after: ClassificationState) {
        let k = labels.count
        var before = ClassificationState(classCount: k), after = ClassificationState(classCount: k)
        for t in 0..<k {
            for b in -1..<k {
                for a in -1..<k {
                    let count = table[(t * width + b + 1) * width + a + 1]
                    guard count > 0 else { continue }
                    before.add(truth: Int32(t), predicted: Int32(b), count: count)
                    after.add(truth: Int32(t), predicted: Int32(a), count: count)
                }
            }
        }
        return (before, after)
    }

    /// Items right only before and right only after, over the items whose true class passes `include`.
    public func discordant(include: (Int) -> Bool) -> (onlyBefore: Int64, onlyAfter: Int64) {
        let k = labels.count
        var onlyBefore: Int64 = 0, onlyAfter: Int64 = 0
        for t in 0..<k where include(t) {
            for b in -1..<k {
                for a in -1..<k {
                    let count = counts[(t * width + b + 1) * width + a + 1]
                    if b == t && a != t { onlyBefore += count }
                    if b != t && a == t { onlyAfter += count }
                }
            }
        }
        return (onlyBefore, onlyAfter)
    }

    /// Paired bootstrap: for each replicate, `measure` maps the two runs' states to values (one per
    /// name); returns each name's percentile interval.
    public func bootstrap(names: [String], options: IntervalOptions,
                          measure: (ClassificationState, ClassificationState) -> [Double]) -> [String: Interval] {
        var values = [[Double]](repeating: [Double](repeating: .nan, count: options.replicates), count: names.count)
        for r in 0..<options.replicates {
            var generator = options.generator(replicate: r)
            let (before, after) = states(Sampling.multinomial(n: Int64(items), counts: counts, using: &generator))
            for (i, value) in measure(before, after).enumerated() { values[i][r] = value }
        }
        var intervals: [String: Interval] = [:]
        for (i, name) in names.enumerated() {
            if let bounds = Intervals.percentileInterval(values[i], level: options.level) {
                intervals[name] = Interval(lower: bounds.lower, upper: bounds.upper)
            }
        }
        return intervals
    }
}
