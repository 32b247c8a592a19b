import Testing
@testable import EvalKitMetrics

/// Coverage of 95% intervals on simulated data with known truth: 1000 binary datasets of n = 2000
/// rows drawn from fixed cell probabilities (precision 0.24/0.31, recall 0.8, fpr 0.1). The
/// percentile bootstrap (500 multinomial replicates of the confusion counts) and Wilson's
/// interval must each cover the true value in 93–97% of the datasets (930–970 of 1000, ±2.9
/// binomial standard errors around 95%). Seeded, so the counts are fixed. On 4000 datasets the
/// coverage was 94.1% (precision), 94.7% (recall), 94.9% (fpr) for the bootstrap, whose
/// percentile intervals are known to run slightly short, and 95.0–95.5% for Wilson; 1000
/// datasets rather than 400 keep the precision bootstrap ≥ 1.5 standard errors from the edge.
@Suite struct ResamplingCoverageTests {
    static let datasets = 1000
    static let rows = 2000
    static let replicates = 500
    /// P(tp), P(fp), P(fn), P(tn).
    static let cellProbabilities = (tp: 0.24, fp: 0.07, fn: 0.06, tn: 0.63)
    static let truth: [(key: String, value: Double)] = [
        ("precision", 0.24 / 0.31), ("recall", 0.24 / 0.30), ("fpr", 0.07 / 0.70),
    ]

    /// Confusion counts of one simulated dataset, drawn row by row with the test's own generator.
    static func dataset(_ g: inout SeededGenerator) -> (tp: Int64, fp: Int64, fn: Int64, tn: Int64) {
        var counts: (tp: Int64, fp: Int64, fn: Int64, tn: Int64) = (0, 0, 0, 0)
        let p = cellProbabilities
        for _ in 0..<rows {
            let u = Double.random(in: 0..<1, using: &g)
            if u < p.tp {
                counts.tp += 1
            } else if u < p.tp + p.fp {
                counts.fp += 1
            } else if u < p.tp + p.fp + p.fn {
                counts.fn += 1
            } else {
                counts.tn += 1
            }
        }
        return counts
    }

    /// (successes, trials) of a binary proportion, from the classification catalog.
    static func wilsonCounts(_ key: String, tp: Int64, fp: Int64, fn: Int64, tn: Int64) -> (successes: Int64, trials: Int64)? {
        let values = ["tp": Double(tp), "fp": Double(fp), "fn": Double(fn), "tn": Double(tn)]
        return ClassificationCatalog.catalog.info(key)?.wilsonCounts { values[$0] }
    }

    static func metric(_ key: String, tp: Int64, fp: Int64, fn: Int64, tn: Int64) -> Double {
        let (s, n) = wilsonCounts(key, tp: tp, fp: fp, fn: fn, tn: tn)!
        return n == 0 ? .nan : Double(s) / Double(n)
    }

    @Test func ninetyFivePercentIntervalsCoverTheTruth() {
        var data = SeededGenerator(seed: 20261121)
        let options = IntervalOptions(level: 0.95, replicates: Self.replicates, seed: 42)
        var bootstrapCovered = [Int](repeating: 0, count: Self.truth.count)
        var wilsonCovered = [Int](repeating: 0, count: Self.truth.count)
        var values = [[Double]](repeating: [], count: Self.truth.count)
        for d in 0..<Self.datasets {
            let c = Self.dataset(&data)
            var state = ClassificationState(classCount: 2)
            state.add(truth: 0, predicted: 0, count: c.tn)
            state.add(truth: 0, predicted: 1, count: c.fp)
            state.add(truth: 1, predicted: 0, count: c.fn)
            state.add(truth: 1, predicted: 1, count: c.tp)
            var g = Xoshiro256StarStar(seed: options.seed, stream: UInt64(d))
            for i in values.indices { values[i].removeAll(keepingCapacity: true) }
            for _ in 0..<options.replicates {
                let r = state.resampledCounts(using: &g)
                let tp = r.count(truth: 1, predicted: 1)
                let fp = r.count(truth: 0, predicted: 1)
                let fn = r.count(truth: 1, predicted: 0)
                let tn = r.count(truth: 0, predicted: 0)
                for (i, (key, _)) in Self.truth.enumerated() {
                    values[i].append(Self.metric(key, tp: tp, fp: fp, fn: fn, tn: tn))
                }
            }
            for (i, (key, trueValue)) in Self.truth.enumerated() {
                let interval = Intervals.percentileInterval(values[i], level: options.level)!
                if interval.lower <= trueValue && trueValue <= interval.upper { bootstrapCovered[i] += 1 }
                let (s, n) = Self.wilsonCounts(key, tp: c.tp, fp: c.fp, fn: c.fn, tn: c.tn)!
                let wilson = Intervals.wilson(successes: s, trials: n, level: options.level)!
                if wilson.lower <= trueValue && trueValue <= wilson.upper { wilsonCovered[i] += 1 }
            }
        }
        let band = 930...970
        for (i, (key, _)) in Self.truth.enumerated() {
            #expect(band.contains(bootstrapCovered[i]), "bootstrap \(key): \(bootstrapCovered[i]) of \(Self.datasets)")
            #expect(band.contains(wilsonCovered[i]), "wilson \(key): \(wilsonCovered[i]) of \(Self.datasets)")
        }
    }
}
