import Testing
@testable import EvalKitMetrics

/// The normal quantile against SciPy, the percentile rule against numpy (bit for bit) and the
/// Wilson interval against statsmodels (Tests/Fixtures/statistics/make_fixtures.py).
@Suite struct StatisticsIntervalTests {
    typealias F = StatisticsFixtures

    @Test func normalQuantileAtTheUsualLevels() {
        #expect(abs(NormalDistribution.quantile(0.975) - 1.959963984540054) < 1e-12)
        #expect(abs(-NormalDistribution.quantile(0.025) - 1.959963984540054) < 1e-12)
        #expect(abs(NormalDistribution.quantile(0.95) - 1.6448536269514722) < 1e-12)
        #expect(abs(NormalDistribution.quantile(0.995) - 2.5758293035489004) < 1e-12)
        #expect(NormalDistribution.quantile(0.5) == 0)
        #expect(NormalDistribution.quantile(0) == -.infinity)
        #expect(NormalDistribution.quantile(1) == .infinity)
        #expect(NormalDistribution.quantile(-0.1).isNaN)
        #expect(NormalDistribution.quantile(.nan).isNaN)
    }

    /// Relative difference ≤ 1e-15 from `scipy.special.ndtri`, p from 1e-300 to 1 − 1e-10 (observed
    /// ≤ 6e-16: against 50-digit mpmath both are within 4.7e-16 on these points).
    @Test func normalQuantileAgreesWithScipy() {
        let cases = F.list("normal_quantile")
        #expect(cases.count > 200)
        for c in cases {
            let p = F.double(c["p"])
            let expected = F.double(c["z"])
            let got = NormalDistribution.quantile(p)
            let error = expected == 0 ? abs(got) : abs(got - expected) / abs(expected)
            #expect(error <= 1e-15, "p=\(p): \(got) vs scipy \(expected)")
        }
    }

    @Test func quantileEqualsNumpyBitForBit() {
        let cases = F.list("quantile")
        #expect(cases.count >= 5)
        for c in cases {
            let values = F.doubles(c["values"])
            for (q, expected) in zip(F.doubles(c["q"]), F.doubles(c["expected"])) {
                let got = Intervals.quantile(sorted: values, q)
                #expect(got == expected, "n=\(values.count) q=\(q): \(got) vs numpy \(expected)")
            }
        }
    }

    @Test func percentileIntervalEqualsNumpyBitForBit() {
        let cases = F.list("percentile")
        #expect(cases.count >= 20)
        for c in cases {
            let values = F.doubles(c["values"])
            let level = F.double(c["level"])
            let interval = Intervals.bootstrapInterval(values, level: level)
            #expect(interval.replicates == values.count)
            #expect(interval.undefinedReplicates == F.int(c["undefined"]))
            if let expected = (c["expected"] as? [Any]).map(F.doubles) {
                #expect(interval.bounds?.lower == expected[0], "n=\(values.count) level=\(level)")
                #expect(interval.bounds?.upper == expected[1], "n=\(values.count) level=\(level)")
                #expect(Intervals.percentileInterval(values, level: level)?.lower == expected[0])
            } else {
                #expect(interval.bounds == nil)
                #expect(Intervals.percentileInterval(values, level: level) == nil)
            }
        }
    }

    @Test func percentilesOfALevel() {
        #expect(Intervals.percentiles(level: 0.95) == (2.5, 97.5))
        #expect(Intervals.percentiles(level: 0.9) == (5, 95))
        #expect(Intervals.percentiles(level: 0.99) == (0.5, 99.5))
        #expect(Intervals.percentiles(level: 0.8) == (10, 90))
    }

    @Test func percentileIntervalEdgeCases() {
        #expect(Intervals.percentileInterval([], level: 0.95) == nil)
        #expect(Intervals.percentileInterval([.nan, .nan], level: 0.95) == nil)
        let one = Intervals.percentileInterval([0.25], level: 0.95)
        #expect(one?.lower == 0.25 && one?.upper == 0.25)
        // Order of the replicates does not matter.
        let values = (0..<1000).map { Double(($0 * 7919) % 1000) / 1000 }
        let sorted = values.sorted()
        #expect(Intervals.percentileInterval(values, level: 0.95)?.lower
            == Intervals.percentileInterval(sorted, level: 0.95)?.lower)
        // Exactly half undefined still has an interval; one more does not.
        let half = [0.1, .nan, 0.3, .nan]
        #expect(Intervals.bootstrapInterval(half, level: 0.9).bounds != nil)
        #expect(Intervals.bootstrapInterval(half + [.nan], level: 0.9).bounds == nil)
        #expect(Intervals.bootstrapInterval(half + [.nan], level: 0.9).undefinedReplicates == 3)
    }

    /// Absolute difference ≤ 1e-12 from statsmodels 0.15 `proportion_confint(method="wilson")`
    /// (observed: ≤ 4e-16), n from 1 to 1e9, levels 0.8 to 0.999.
    @Test func wilsonAgreesWithStatsmodels() {
        let cases = F.list("wilson")
        #expect(cases.count >= 200)
        for c in cases {
            let s = Int64(F.int(c["successes"]))
            let n = Int64(F.int(c["trials"]))
            let level = F.double(c["level"])
            let expected = F.doubles(c["expected"])
            let got = Intervals.wilson(successes: s, trials: n, level: level)!
            #expect(abs(got.lower - expected[0]) <= 1e-12, "\(s)/\(n) at \(level): \(got.lower) vs \(expected[0])")
            #expect(abs(got.upper - expected[1]) <= 1e-12, "\(s)/\(n) at \(level): \(got.upper) vs \(expected[1])")
        }
        #expect(Intervals.wilson(successes: 0, trials: 0, level: 0.95) == nil)
    }

    @Test func wilsonCountsOfTheBinaryKeys() {
        let (tp, fp, fn, tn): (Int64, Int64, Int64, Int64) = (40, 10, 20, 130)
        let values = ["tp": Double(tp), "fp": Double(fp), "fn": Double(fn), "tn": Double(tn)]
        let catalog = ClassificationCatalog.catalog
        func counts(_ key: String) -> [Int64]? {
            catalog.info(key)?.wilsonCounts { values[$0] }.map { [$0.successes, $0.trials] }
        }
        #expect(counts("precision") == [40, 50])
        #expect(counts("recall") == [40, 60])
        #expect(counts("specificity") == [130, 140])
        #expect(counts("fpr") == [10, 140])
        #expect(counts("fnr") == [20, 60])
        #expect(counts("accuracy") == [170, 200])
        #expect(counts("selection_rate") == [50, 200])
        for key in ["f1", "fbeta", "mcc", "cohen_kappa", "balanced_accuracy", "roc_auc", "average_precision",
                    "precision_macro", "tp"] {
            #expect(counts(key) == nil, "\(key)")
        }
        let wilson = catalog.names.filter { catalog.info($0)!.intervals.contains(.wilson) }
        #expect(wilson == ["precision", "recall", "specificity", "fpr", "fnr", "accuracy", "selection_rate"])
        // Detection's proportions are of boxes within images: the bootstrap only.
        #expect(DetectionCatalog.catalog.info("precision")?.wilsonCounts { values[$0] } == nil)
    }

    @Test func intervalOptionsValidation() {
        #expect(IntervalOptions().problems.isEmpty)
        #expect(IntervalOptions().method == .bootstrap && IntervalOptions().replicates == 1000)
        #expect(IntervalOptions(level: 1).problems.count == 1)
        #expect(IntervalOptions(level: .nan, replicates: 0).problems.count == 2)
        #expect(IntervalOptions(method: .wilson, level: 0.9).problems.isEmpty)
    }
}
