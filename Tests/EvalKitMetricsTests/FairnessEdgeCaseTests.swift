import Testing
@testable import EvalKitMetrics

/// Edge cases of the disparity measures: ties, left-out slices, reference slices with value 0,
/// NaN or suppressed, errors, and the Aequitas reference choices (values from Aequitas 1.1.0).
@Suite struct FairnessEdgeCaseTests {
    static func key(_ value: String, _ attribute: String = "race") -> [(attribute: String, value: String)] {
        [(attribute, value)]
    }

    static func slice(_ value: String, _ v: Double, count: Int = 50, suppressed: Bool = false, reason: String? = nil)
        -> SliceValue
    {
        SliceValue(key: key(value), count: count, value: v, suppressed: suppressed, undefinedReason: reason)
    }

    @Test func betweenTakesTheFirstTieAndListsLeftOutSlices() {
        let slices = [
            Self.slice("A", 0.3), Self.slice("B", 0.05, count: 3, suppressed: true),
            Self.slice("C", .nan, reason: "0/0: no true sample of '1'"), Self.slice("D", 0.1), Self.slice("E", 0.3),
            Self.slice("F", 0.1),
        ]
        let d = Disparities.between(metric: "fpr", by: ["race"], slices: slices)
        #expect(d.min == 0.1 && d.max == 0.3)
        #expect(SliceKeys.equal(d.minSlice, Self.key("D")))
        #expect(SliceKeys.equal(d.maxSlice, Self.key("A")))
        #expect(d.difference == 0.3 - 0.1)
        #expect(d.ratio == 0.1 / 0.3)
        #expect(d.compared == 4)
        #expect(d.leftOut == [
            LeftOutSlice(key: Self.key("B"), count: 3, reason: .suppressed),
            LeftOutSlice(key: Self.key("C"), count: 50, reason: .undefined("0/0: no true sample of '1'")),
        ])
        #expect(d.leftOut.map(\.description) == [
            "race=B: suppressed (3 rows)", "race=C: undefined (0/0: no true sample of '1')",
        ])
    }

    @Test func betweenWithNothingToCompare() {
        let slices = [Self.slice("A", 0.2, suppressed: true), Self.slice("B", .nan)]
        let d = Disparities.between(metric: "fpr", by: ["race"], slices: slices)
        #expect(d.min.isNaN && d.max.isNaN && d.difference.isNaN && d.ratio.isNaN)
        #expect(d.minSlice == nil && d.maxSlice == nil && d.compared == 0 && d.leftOut.count == 2)
        let o = Disparities.toOverall(metric: "fpr", by: ["race"], slices: slices, overall: 0.2)
        #expect(o.difference.isNaN && o.ratio.isNaN && o.differenceSlice == nil && o.ratioSlice == nil)
        let single = Disparities.between(metric: "AP", by: ["race"], slices: [Self.slice("A", 0.42)])
        #expect(single.difference == 0 && single.ratio == 1 && single.compared == 1)
    }

    @Test func toOverallNamesTheWorstSlices() {
        let slices = [Self.slice("A", 0.5), Self.slice("B", 0.25), Self.slice("C", 0.75)]
        let o = Disparities.toOverall(metric: "recall", by: ["race"], slices: slices, overall: 0.5)
        #expect(o.difference == 0.25)
        #expect(SliceKeys.equal(o.differenceSlice, Self.key("B")))  // |0.25-0.5| = |0.75-0.5|: the first
        #expect(o.ratio == 0.5)  // 0.25/0.5 and 0.5/0.75 folded from 1.5
        #expect(SliceKeys.equal(o.ratioSlice, Self.key("B")))
    }

    // MARK: - Reference slice (Aequitas)

    @Test func parityBoundsAreInclusive() throws {
        let slices = [Self.slice("ref", 1.0), Self.slice("low", 0.8), Self.slice("high", 1.25),
                      Self.slice("below", 0.79), Self.slice("above", 1.26)]
        let c = try Disparities.toReference(
            metric: "fpr", by: ["race"], slices: slices, reference: .slice(["race": "ref"]))
        #expect(c.tau == 0.8 && c.referenceValue == 1.0)
        #expect(c.slices.map(\.parity) == [true, true, true, false, false])
        #expect(c.slices.map(\.difference) == slices.map { $0.value - 1.0 })
        #expect(c.notes.isEmpty)
    }

    @Test func referenceValueZeroFillsTenLikeAequitas() throws {
        let slices = [Self.slice("ref", 0), Self.slice("pos", 0.5), Self.slice("zero", 0), Self.slice("neg", -0.5)]
        let c = try Disparities.toReference(
            metric: "fpr", by: ["race"], slices: slices, reference: .slice(["race": "ref"]))
        #expect(c.slices[0].ratio.isNaN && c.slices[0].parity == nil)  // 0/0, Aequitas: NaN
        #expect(c.slices[0].undefinedReason == "0/0: the slice's and the reference's values are both 0")
        #expect(c.slices[1].ratio == 10 && c.slices[1].dividedByZero && c.slices[1].parity == false)
        #expect(c.slices[2].ratio.isNaN)
        #expect(c.slices[3].ratio == -.infinity && !c.slices[3].dividedByZero && c.slices[3].parity == false)
        #expect(c.notes.count == 1 && c.notes[0].contains("race=pos"))
        // Aequitas 1.1.0 with tau=0.1: fpr_disparity 10.0 and "FPR Parity" True (1/0.1 == 10).
        let loose = try Disparities.toReference(
            metric: "fpr", by: ["race"], slices: slices, reference: .slice(["race": "ref"]), tau: 0.1)
        #expect(loose.slices[1].parity == true)
    }

    @Test func undefinedOrSuppressedReferenceLeavesEveryRatioUndefined() throws {
        let undefined = [Self.slice("ref", .nan, reason: "0/0: no negatives"), Self.slice("B", 0.4)]
        let c = try Disparities.toReference(
            metric: "fpr", by: ["race"], slices: undefined, reference: .slice(["race": "ref"]))
        #expect(c.slices.allSatisfy { $0.ratio.isNaN && $0.parity == nil })
        #expect(c.slices[1].undefinedReason == "the reference slice race=ref has no value (0/0: no negatives)")

        let suppressed = [Self.slice("ref", 0.2, count: 4, suppressed: true), Self.slice("B", 0.4),
                          Self.slice("C", 0.1, count: 2, suppressed: true)]
        let s = try Disparities.toReference(
            metric: "fpr", by: ["race"], slices: suppressed, reference: .slice(["race": "ref"]))
        #expect(s.referenceValue.isNaN && SliceKeys.equal(s.reference, Self.key("ref")))
        #expect(s.slices.count == 1 && s.slices[0].ratio.isNaN)
        #expect(s.slices[0].undefinedReason == "the reference slice race=ref is suppressed (4 rows)")
        #expect(s.leftOut.map(\.reason) == [.suppressed, .suppressed])
        #expect(s.notes == ["fpr disparities undefined: the reference slice race=ref is suppressed (4 rows)"])
    }

    @Test func referenceErrorsNameTheProblem() {
        let slices = [Self.slice("Black", 0.4), Self.slice("White", 0.2)]
        #expect(throws: FairnessError.referenceMissingAttribute(metric: "fpr", attribute: "race", reference: ["sex": "Male"])) {
            try Disparities.toReference(metric: "fpr", by: ["race"], slices: slices, reference: .slice(["sex": "Male"]))
        }
        do {
            _ = try Disparities.toReference(
                metric: "fpr", by: ["race"], slices: slices, reference: .slice(["race": "Caucasian"]))
            Issue.record("expected an error")
        } catch {
            #expect(error.description
                == "disparity of 'fpr': no slice race=Caucasian; slices are: race=Black; race=White")
        }
        for tau in [0, -0.5, 1.5, .nan] {
            #expect(throws: FairnessError.self) {
                try Disparities.toReference(
                    metric: "fpr", by: ["race"], slices: slices, reference: .slice(["race": "White"]), tau: tau)
            }
        }
        #expect(throws: FairnessError.noSlices(metric: "fpr", by: ["race"])) {
            try Disparities.toReference(
                metric: "fpr", by: ["race"], slices: [Self.slice("A", 0.1, suppressed: true)], reference: .largest)
        }
    }

    @Test func intersectionalReferenceIgnoresOtherAttributes() throws {
        let slices = [("Female", "Black", 0.3), ("Female", "White", 0.2), ("Male", "Black", 0.5), ("Male", "White", 0.25)]
            .map { SliceValue(key: [("sex", $0.0), ("race", $0.1)], count: 40, value: $0.2) }
        let c = try Disparities.toReference(
            metric: "fpr", by: ["sex", "race"], slices: slices,
            reference: .slice(["race": "White", "sex": "Male", "age": "30-40"]))
        #expect(SliceKeys.equal(c.reference, [("sex", "Male"), ("race", "White")]))
        #expect(c.slices.map(\.ratio) == [0.3 / 0.25, 0.2 / 0.25, 0.5 / 0.25, 1])
    }

    /// Groups a (4 rows: tp 0 fp 0 fn 2 tn 2), b (4: tp 2 fp 1 fn 0 tn 1), c (2: tp 1 fp 1):
    /// Aequitas 1.1.0's get_disparity_major_group and get_disparity_min_metric give the values
    /// checked here.
    @Test func largestAndMinimumReferencesMatchAequitas() throws {
        let counts = [("a", BinaryCounts(tp: 0, fp: 0, fn: 2, tn: 2)), ("b", BinaryCounts(tp: 2, fp: 1, fn: 0, tn: 1)),
                      ("c", BinaryCounts(tp: 1, fp: 1, fn: 0, tn: 0))]
        func slices(_ metric: String) -> [SliceValue] {
            counts.map { name, c in
                SliceValue(key: [("g", name)], count: Int(c.total),
                           value: AequitasGroupMetrics(c, totalPredictedPositives: 4).value(metric)!)
            }
        }
        func ratios(_ metric: String, _ reference: ReferenceGroup) throws -> ([Double], String) {
            let c = try Disparities.toReference(metric: metric, by: ["g"], slices: slices(metric), reference: reference)
            return (c.slices.map(\.ratio), c.reference[0].value)
        }
        func same(_ a: [Double], _ b: [Double]) -> Bool {
            a.count == b.count && zip(a, b).allSatisfy { agrees($0, $1, tolerance: 1e-12) }
        }
        // majority: a and b tie at 4 rows, the first (a) is the reference.
        var (r, ref) = try ratios("fdr", .largest)
        #expect(ref == "a" && r.allSatisfy(\.isNaN))
        (r, ref) = try ratios("fpr", .largest)
        #expect(ref == "a" && same(r, [.nan, 10, 10]))
        // min_metric: NaN skipped (fdr), ties to the first (fnr: b and c are 0).
        (r, ref) = try ratios("fdr", .minimum)
        #expect(ref == "b" && same(r, [.nan, 1, 1.5]))
        (r, ref) = try ratios("fpr", .minimum)
        #expect(ref == "a" && same(r, [.nan, 10, 10]))
        (r, ref) = try ratios("fnr", .minimum)
        #expect(ref == "b" && same(r, [10, .nan, .nan]))
        // Every value NaN: the first slice (Aequitas: the attribute's first row).
        let undefined = [Self.slice("x", .nan), Self.slice("y", .nan)]
        let c = try Disparities.toReference(metric: "fdr", by: ["race"], slices: undefined, reference: .minimum)
        #expect(SliceKeys.equal(c.reference, Self.key("x")))
    }

    @Test func combinedParityIsAequitasCode() {
        let cases: [(Bool?, Bool?, Bool?)] = [
            (true, true, true), (true, false, false), (false, false, false), (nil, nil, nil),
            (nil, true, false), (true, nil, false), (nil, false, false),
        ]
        for (a, b, expected) in cases {
            #expect(AequitasParity.combined(a, b) == expected, "\(String(describing: a)) & \(String(describing: b))")
        }
        #expect(AequitasParity.isFair(.nan, tau: 0.8) == nil)
    }

    // MARK: - Aequitas group metrics

    @Test func aequitasGroupMetrics() {
        // test_1.csv, class High: tp 2, fp 1, tn 1, fn 1; 6 of 10 rows predicted positive.
        let g = AequitasGroupMetrics(BinaryCounts(tp: 2, fp: 1, fn: 1, tn: 1), totalPredictedPositives: 6)
        #expect(g.falseOmissionRate == 0.5 && g.falseDiscoveryRate == 1.0 / 3 && g.predictedPositiveRate == 0.5)
        #expect(g.predictedPrevalence == 0.6 && g.negativePredictiveValue == 0.5 && g.prevalence == 0.6)
        let values = g.metricValues()
        #expect(values.keys == AequitasGroupMetrics.keys)
        #expect(values["for"] == 0.5 && values.undefinedReasons.isEmpty)

        let none = AequitasGroupMetrics(BinaryCounts(tp: 0, fp: 0, fn: 3, tn: 2), totalPredictedPositives: 0)
        let undefined = none.metricValues()
        #expect(undefined["fdr"]!.isNaN && undefined["ppr"]!.isNaN)
        #expect(undefined.undefinedReasons["ppr"] == "0/0: nothing predicted positive in the evaluation")
        #expect(undefined.undefinedReasons["fdr"] == "0/0: nothing predicted positive in the slice")
        #expect(none.value("unknown") == nil)
        #expect(AequitasGroupMetrics.allKeys.allSatisfy { none.value($0) != nil })
    }

    // MARK: - Fairlearn measures

    @Test func zeroDivisionPolicyForRatesWithoutPositives() {
        let slices = [
            SliceCounts(key: Self.key("A"), counts: BinaryCounts(tp: 8, fp: 2, fn: 2, tn: 8)),
            SliceCounts(key: Self.key("B"), counts: BinaryCounts(tp: 3, fp: 1, fn: 3, tn: 9)),
            SliceCounts(key: Self.key("NoPositives"), counts: BinaryCounts(tp: 0, fp: 2, fn: 0, tn: 10)),
            SliceCounts(key: Self.key("Empty"), counts: BinaryCounts(tp: 0, fp: 0, fn: 0, tn: 0)),
            SliceCounts(key: Self.key("Tiny"), counts: BinaryCounts(tp: 0, fp: 0, fn: 1, tn: 0), suppressed: true),
        ]
        // Fairlearn: the slice without positives has TPR 0 (min), ratio 0.
        #expect(FairlearnMeasures.equalOpportunityRatio(slices) == 0)
        #expect(FairlearnMeasures.equalOpportunityDifference(slices) == 0.8)
        // Left out under `nan`: TPR 0.8 and 0.5.
        #expect(FairlearnMeasures.equalOpportunityRatio(slices, zeroDivision: .nan) == 0.5 / 0.8)
        let rates = FairlearnMeasures.rates(slices, .truePositiveRate, zeroDivision: .nan)
        #expect(rates[2].value.isNaN && rates[2].undefinedReason == "0/0: no positives")
        #expect(rates[3].value.isNaN && rates[3].undefinedReason == "no rows")
        #expect(FairlearnMeasures.rates(slices, .truePositiveRate)[3].value.isNaN)  // empty: NaN under any policy
        #expect(FairlearnMeasures.notes(slices) == [
            "TPR is 0/0 (no positives) in race=NoPositives: taken as 0.0 (Fairlearn: 0)",
        ])
        #expect(FairlearnMeasures.notes(slices, zeroDivision: .nan) == [
            "TPR is 0/0 (no positives) in race=NoPositives: left out",
        ])
        // Demographic parity: selection rates 0.5, 0.25, 1/6; the empty and the suppressed slice out.
        #expect(FairlearnMeasures.demographicParityDifference(slices) == 0.5 - 2.0 / 12)
        #expect(FairlearnMeasures.demographicParityRatio(slices) == (2.0 / 12) / 0.5)
        let overall = slices.reduce(BinaryCounts(tp: 0, fp: 0, fn: 0, tn: 0)) { $0 + $1.counts }
        #expect(FairlearnMeasures.demographicParityDifference(slices, method: .toOverall(overall))
            == abs(0.5 - overall.selectionRate))
    }

    @Test func equalizedOddsAggregationFollowsPython() {
        #expect(FairlearnMeasures.nanMean(0.2, .nan) == 0.2)
        #expect(FairlearnMeasures.nanMean(.nan, .nan).isNaN)
        #expect(FairlearnMeasures.nanMean(0.2, 0.4) == 0.30000000000000004)
        // Every TPR 0 (ratio 0/0), FPR ratio 0.5: worst case is NaN (Python's min([nan, 0.5])),
        // mean 0.5 (pandas skips NaN).
        let slices = [
            SliceCounts(key: Self.key("A"), counts: BinaryCounts(tp: 0, fp: 1, fn: 3, tn: 3)),
            SliceCounts(key: Self.key("B"), counts: BinaryCounts(tp: 0, fp: 2, fn: 2, tn: 2)),
        ]
        #expect(FairlearnMeasures.equalizedOddsRatio(slices).isNaN)
        #expect(FairlearnMeasures.equalizedOddsRatio(slices, agg: .mean) == 0.5)
        #expect(FairlearnMeasures.equalizedOddsDifference(slices) == 0.25)
    }
}
