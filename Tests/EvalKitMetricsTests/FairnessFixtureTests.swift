import Testing
@testable import EvalKitMetrics

/// Disparities and Fairlearn's fairness functions against Fairlearn 0.15.0
/// (Tests/Fixtures/fairlearn/make_fixtures.py), absolute tolerance 1e-9, NaN equal to NaN.
///
/// Per-slice values come from the rows as the engine computes them (`ClassificationMetrics` per
/// slice, zero_division `zero` = Fairlearn's and scikit-learn's defaults, `nan` for the `_nan`
/// metrics); Fairlearn's by_group values are checked first, then every aggregate.
@Suite struct FairnessFixtureTests {
    static let tolerance = 1e-9
    static let metrics = [
        "selection_rate", "tpr", "fpr", "fnr", "precision", "accuracy", "count", "tpr_nan", "precision_nan",
    ]

    /// The slices of a case, per metric, plus their counts and the overall values.
    struct Sliced {
        var values: [String: [SliceValue]] = [:]
        var counts: [SliceCounts] = []
        var overall: [String: Double] = [:]
        var overallCounts = BinaryCounts(tp: 0, fp: 0, fn: 0, tn: 0)
    }

    static func values(truth: [Int], predicted: [Int]) -> (BinaryCounts, [String: Double]) {
        if truth.isEmpty {
            return (BinaryCounts(tp: 0, fp: 0, fn: 0, tn: 0), Dictionary(uniqueKeysWithValues: metrics.map { ($0, Double.nan) }))
        }
        let zero = BinarySliceMetrics(truth: truth, predicted: predicted, zeroDivision: .zero)
        let nan = BinarySliceMetrics(truth: truth, predicted: predicted, zeroDivision: .nan)
        return (zero.counts, [
            "selection_rate": zero.counts.selectionRate, "tpr": zero.metrics["recall"]!,
            "fpr": zero.metrics["fpr"]!, "fnr": zero.metrics["fnr"]!, "precision": zero.metrics["precision"]!,
            "accuracy": zero.metrics["accuracy"]!, "count": Double(truth.count),
            "tpr_nan": nan.metrics["recall"]!, "precision_nan": nan.metrics["precision"]!,
        ])
    }

    static func slice(_ c: FairlearnCase, suppress: Bool) -> Sliced {
        var rows: [[String]: [Int]] = [:]
        for (i, key) in c.rowKeys.enumerated() { rows[key, default: []].append(i) }
        var out = Sliced()
        for group in c.groups {
            let indices = rows[group.key] ?? []
            let (counts, values) = Self.values(
                truth: indices.map { c.truth[$0] }, predicted: indices.map { c.predicted[$0] })
            let key = zip(c.features, group.key).map { (attribute: $0, value: $1) }
            let suppressed = suppress && !indices.isEmpty && indices.count < c.minSliceSize
            out.counts.append(SliceCounts(key: key, counts: counts, suppressed: suppressed))
            for metric in metrics {
                let value = values[metric]!
                out.values[metric, default: []].append(SliceValue(
                    key: key, count: indices.count, value: value, suppressed: suppressed,
                    undefinedReason: value.isNaN ? (indices.isEmpty ? "no rows" : "0/0") : nil))
            }
        }
        (out.overallCounts, out.overall) = values(truth: c.truth, predicted: c.predicted)
        return out
    }

    @Test func fixtureFileLoads() {
        #expect(FairnessFixtures.cases.count == 8)
        #expect(FairnessFixtures.valueCases.count == 12)
        for c in FairnessFixtures.cases { #expect(c.functions.count == 16, "\(c.name)") }
    }

    @Test(arguments: FairnessFixtures.cases)
    func sliceValuesAreFairlearns(_ c: FairlearnCase) {
        let sliced = Self.slice(c, suppress: false)
        for metric in Self.metrics {
            for (slice, group) in zip(sliced.values[metric]!, c.groups) {
                let expected = group.values[metric] ?? -.infinity
                #expect(agrees(slice.value, expected, tolerance: Self.tolerance),
                        "\(metric) \(group.key): evalkit \(slice.value), Fairlearn \(expected)")
            }
            let overall = c.overall[metric] ?? -.infinity
            #expect(agrees(sliced.overall[metric]!, overall, tolerance: Self.tolerance), "overall \(metric)")
        }
        let summed = sliced.counts.reduce(BinaryCounts(tp: 0, fp: 0, fn: 0, tn: 0)) { $0 + $1.counts }
        #expect(summed == sliced.overallCounts)
    }

    @Test(arguments: FairnessFixtures.cases)
    func betweenGroups(_ c: FairlearnCase) {
        let sliced = Self.slice(c, suppress: false)
        for metric in Self.metrics {
            let slices = sliced.values[metric]!
            let d = Disparities.between(metric: metric, by: c.features, slices: slices)
            let checks: [(String, Double, Double?)] = [
                ("group_min", d.min, c.groupMin[metric]), ("group_max", d.max, c.groupMax[metric]),
                ("difference", d.difference, c.difference["between_groups"]?[metric]),
                ("ratio", d.ratio, c.ratio["between_groups"]?[metric]),
            ]
            for (name, got, expected) in checks {
                #expect(agrees(got, expected ?? -.infinity, tolerance: Self.tolerance),
                        "\(metric) \(name): evalkit \(got), Fairlearn \(String(describing: expected))")
            }
            let undefined = slices.filter { $0.value.isNaN }
            #expect(d.compared == slices.count - undefined.count)
            #expect(d.leftOut.count == undefined.count)
            #expect(d.leftOut.allSatisfy { if case .undefined = $0.reason { true } else { false } })
            if d.compared > 0 {
                let first = slices.first { $0.value == d.min }!
                #expect(SliceKeys.equal(d.minSlice, first.key), "\(metric): minSlice is the first minimum")
                #expect(SliceKeys.equal(d.maxSlice, slices.first { $0.value == d.max }!.key))
            }
        }
    }

    @Test(arguments: FairnessFixtures.cases)
    func toOverall(_ c: FairlearnCase) {
        let sliced = Self.slice(c, suppress: false)
        for metric in Self.metrics {
            let d = Disparities.toOverall(
                metric: metric, by: c.features, slices: sliced.values[metric]!, overall: sliced.overall[metric]!)
            let difference = c.difference["to_overall"]?[metric] ?? -.infinity
            let ratio = c.ratio["to_overall"]?[metric] ?? -.infinity
            #expect(agrees(d.difference, difference, tolerance: Self.tolerance),
                    "\(metric) difference to overall: evalkit \(d.difference), Fairlearn \(difference)")
            #expect(agrees(d.ratio, ratio, tolerance: Self.tolerance),
                    "\(metric) ratio to overall: evalkit \(d.ratio), Fairlearn \(ratio)")
        }
    }

    static func functions(_ slices: [SliceCounts], overall: BinaryCounts, methods: [String]) -> [String: Double] {
        var out: [String: Double] = [:]
        for method in methods {
            let m: GroupComparison = method == "to_overall" ? .toOverall(overall) : .betweenGroups
            out["demographic_parity_difference/\(method)"] = FairlearnMeasures.demographicParityDifference(slices, method: m)
            out["demographic_parity_ratio/\(method)"] = FairlearnMeasures.demographicParityRatio(slices, method: m)
            out["equal_opportunity_difference/\(method)"] = FairlearnMeasures.equalOpportunityDifference(slices, method: m)
            out["equal_opportunity_ratio/\(method)"] = FairlearnMeasures.equalOpportunityRatio(slices, method: m)
            for agg in EqualizedOddsAggregation.allCases {
                out["equalized_odds_difference/\(agg.rawValue)/\(method)"] =
                    FairlearnMeasures.equalizedOddsDifference(slices, method: m, agg: agg)
                out["equalized_odds_ratio/\(agg.rawValue)/\(method)"] =
                    FairlearnMeasures.equalizedOddsRatio(slices, method: m, agg: agg)
            }
        }
        return out
    }

    @Test(arguments: FairnessFixtures.cases)
    func fairnessFunctions(_ c: FairlearnCase) {
        let sliced = Self.slice(c, suppress: false)
        let got = Self.functions(sliced.counts, overall: sliced.overallCounts, methods: ["between_groups", "to_overall"])
        #expect(Set(got.keys) == Set(c.functions.keys))
        for (name, expected) in c.functions.sorted(by: { $0.key < $1.key }) {
            let value = got[name] ?? -.infinity
            #expect(agrees(value, expected, tolerance: Self.tolerance), "\(name): evalkit \(value), Fairlearn \(expected)")
        }
    }

    /// Suppressing the groups below `min_slice_size` equals Fairlearn on the other groups' rows.
    @Test(arguments: FairnessFixtures.cases)
    func suppressedSlicesAreLeftOut(_ c: FairlearnCase) {
        let sliced = Self.slice(c, suppress: true)
        let suppressedCount = sliced.counts.filter(\.suppressed).count
        for metric in Self.metrics {
            let d = Disparities.between(metric: metric, by: c.features, slices: sliced.values[metric]!)
            let checks: [(String, Double, Double?)] = [
                ("group_min", d.min, c.suppressedMin[metric]), ("group_max", d.max, c.suppressedMax[metric]),
                ("difference", d.difference, c.suppressedDifference[metric]),
                ("ratio", d.ratio, c.suppressedRatio[metric]),
            ]
            for (name, got, expected) in checks {
                #expect(agrees(got, expected ?? -.infinity, tolerance: Self.tolerance),
                        "suppressed \(metric) \(name): evalkit \(got), Fairlearn \(String(describing: expected))")
            }
            #expect(d.leftOut.filter { $0.reason == .suppressed }.count == suppressedCount)
        }
        let got = Self.functions(sliced.counts, overall: sliced.overallCounts, methods: ["between_groups"])
        #expect(Set(got.keys) == Set(c.suppressedFunctions.keys))
        for (name, expected) in c.suppressedFunctions.sorted(by: { $0.key < $1.key }) {
            let value = got[name] ?? -.infinity
            #expect(agrees(value, expected, tolerance: Self.tolerance),
                    "suppressed \(name): evalkit \(value), Fairlearn \(expected)")
        }
    }

    /// Arbitrary per-slice values (negative, zero, NaN, above 1): any metric of any task.
    @Test(arguments: FairnessFixtures.valueCases)
    func arbitraryValues(_ v: FairlearnValueCase) {
        let slices = v.values.enumerated().map { i, value in
            SliceValue(key: [(attribute: "s", value: "s\(i)")], count: 10, value: value)
        }
        let d = Disparities.between(metric: "m", by: ["s"], slices: slices)
        let o = Disparities.toOverall(metric: "m", by: ["s"], slices: slices, overall: v.overall)
        let checks: [(String, Double, Double?)] = [
            ("group_min", d.min, v.groupMin), ("group_max", d.max, v.groupMax),
            ("difference", d.difference, v.difference["between_groups"]), ("ratio", d.ratio, v.ratio["between_groups"]),
            ("difference to_overall", o.difference, v.difference["to_overall"]),
            ("ratio to_overall", o.ratio, v.ratio["to_overall"]),
        ]
        for (name, got, expected) in checks {
            #expect(agrees(got, expected ?? -.infinity, tolerance: Self.tolerance),
                    "\(v.note) \(name): evalkit \(got), Fairlearn \(String(describing: expected))")
        }
    }
}
