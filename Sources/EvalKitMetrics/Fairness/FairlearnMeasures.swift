/// Whether a Fairlearn measure compares the slices with each other or with the value on all rows
/// (Fairlearn's `method=`).
public enum GroupComparison: Sendable, Equatable {
    /// `method="between_groups"`: largest minus smallest slice value, smallest over largest.
    case betweenGroups
    /// `method="to_overall"`: each slice against the rates of these counts (all rows of the
    /// evaluation, suppressed slices included).
    case toOverall(BinaryCounts)
}

/// How equalized odds combines its TPR and FPR parts (Fairlearn's `agg=`).
public enum EqualizedOddsAggregation: String, Sendable, CaseIterable {
    /// The larger difference / the smaller ratio (Fairlearn's default).
    case worstCase = "worst_case"
    /// The mean of the two.
    case mean
}

/// The per-slice rates the Fairlearn measures compare.
public enum FairlearnRate: String, Sendable, CaseIterable {
    /// `(tp + fp) / n`, Fairlearn's `selection_rate`.
    case selectionRate = "selection_rate"
    /// `tp / (tp + fn)`, Fairlearn's `true_positive_rate`.
    case truePositiveRate = "tpr"
    /// `fp / (fp + tn)`, Fairlearn's `false_positive_rate`.
    case falsePositiveRate = "fpr"

    /// The rate of `counts`; see `BinaryCounts` for the zero-division rules.
    public func value(_ counts: BinaryCounts, zeroDivision: ZeroDivisionPolicy = .zero) -> Double {
        switch self {
        case .selectionRate: counts.selectionRate
        case .truePositiveRate: counts.truePositiveRate(zeroDivision: zeroDivision)
        case .falsePositiveRate: counts.falsePositiveRate(zeroDivision: zeroDivision)
        }
    }
}

/// Fairlearn 0.15.0's fairness functions (`fairlearn.metrics`) from per-slice confusion counts.
///
/// - demographic parity: selection rates, `demographic_parity_difference/ratio`;
/// - equal opportunity: true positive rates, `equal_opportunity_difference/ratio`;
/// - equalized odds: TPR and FPR, `equalized_odds_difference/ratio` with `agg`.
///
/// Suppressed slices are left out; the overall rates for `.toOverall` come from the counts given.
/// A slice without positives (TPR 0/0) or negatives (FPR 0/0) takes `zeroDivision`'s value; the
/// default `.zero` is Fairlearn's (scikit-learn's normalized confusion matrix maps 0/0 to 0), so
/// such a slice enters the comparison with a rate of 0. `.nan` leaves it out instead. A slice
/// without rows is always left out (Fairlearn's empty feature combinations are NaN).
/// Every function returns NaN when nothing is left to compare.
public enum FairlearnMeasures {
    /// The slices' values of `rate`, for `Disparities` (e.g. to report which slices differ most).
    public static func rates(
        _ slices: [SliceCounts], _ rate: FairlearnRate, zeroDivision: ZeroDivisionPolicy = .zero
    ) -> [SliceValue] {
        slices.map { slice in
            let value = rate.value(slice.counts, zeroDivision: zeroDivision)
            return SliceValue(
                key: slice.key, count: Int(slice.counts.total), value: value, suppressed: slice.suppressed,
                undefinedReason: value.isNaN ? undefinedReason(rate, slice.counts) : nil)
        }
    }

    /// `demographic_parity_difference`: the difference of the selection rates.
    public static func demographicParityDifference(
        _ slices: [SliceCounts], method: GroupComparison = .betweenGroups
    ) -> Double {
        difference(slices, .selectionRate, method, .zero)
    }

    /// `demographic_parity_ratio`: the ratio of the selection rates.
    public static func demographicParityRatio(
        _ slices: [SliceCounts], method: GroupComparison = .betweenGroups
    ) -> Double {
        ratio(slices, .selectionRate, method, .zero)
    }

    /// `equal_opportunity_difference`: the difference of the true positive rates.
    public static func equalOpportunityDifference(
        _ slices: [SliceCounts], method: GroupComparison = .betweenGroups, zeroDivision: ZeroDivisionPolicy = .zero
    ) -> Double {
        difference(slices, .truePositiveRate, method, zeroDivision)
    }

    /// `equal_opportunity_ratio`: the ratio of the true positive rates.
    public static func equalOpportunityRatio(
        _ slices: [SliceCounts], method: GroupComparison = .betweenGroups, zeroDivision: ZeroDivisionPolicy = .zero
    ) -> Double {
        ratio(slices, .truePositiveRate, method, zeroDivision)
    }

    /// `equalized_odds_difference`: the TPR and FPR differences combined by `agg`.
    ///
    /// `.worstCase` is Python's `max([tpr_difference, fpr_difference])`, so a NaN TPR part gives
    /// NaN and a NaN FPR part is ignored (Fairlearn's order); `.mean` skips a NaN part (pandas).
    public static func equalizedOddsDifference(
        _ slices: [SliceCounts], method: GroupComparison = .betweenGroups,
        agg: EqualizedOddsAggregation = .worstCase, zeroDivision: ZeroDivisionPolicy = .zero
    ) -> Double {
        let tpr = difference(slices, .truePositiveRate, method, zeroDivision)
        let fpr = difference(slices, .falsePositiveRate, method, zeroDivision)
        switch agg {
        case .worstCase: return fpr > tpr ? fpr : tpr
        case .mean: return nanMean(tpr, fpr)
        }
    }

    /// `equalized_odds_ratio`: the TPR and FPR ratios combined by `agg`.
    ///
    /// `.worstCase` is Python's `min([tpr_ratio, fpr_ratio])`: NaN when the TPR ratio is NaN
    /// (every slice's TPR 0, 0/0), the TPR ratio when only the FPR ratio is NaN. `.mean` skips a
    /// NaN part.
    public static func equalizedOddsRatio(
        _ slices: [SliceCounts], method: GroupComparison = .betweenGroups,
        agg: EqualizedOddsAggregation = .worstCase, zeroDivision: ZeroDivisionPolicy = .zero
    ) -> Double {
        let tpr = ratio(slices, .truePositiveRate, method, zeroDivision)
        let fpr = ratio(slices, .falsePositiveRate, method, zeroDivision)
        switch agg {
        case .worstCase: return fpr < tpr ? fpr : tpr
        case .mean: return nanMean(tpr, fpr)
        }
    }

    /// Plain-language notes on the slices whose TPR or FPR is 0/0 and took the policy value.
    public static func notes(_ slices: [SliceCounts], zeroDivision: ZeroDivisionPolicy = .zero) -> [String] {
        let open = slices.filter { !$0.suppressed && $0.counts.total > 0 }
        let noPositives = open.filter { $0.counts.positives == 0 }.map { SliceKeys.describe($0.key) }
        let noNegatives = open.filter { $0.counts.negatives == 0 }.map { SliceKeys.describe($0.key) }
        let effect = zeroDivision == .nan
            ? "left out" : "taken as \(zeroDivision.value) (Fairlearn: 0)"
        var notes: [String] = []
        if !noPositives.isEmpty {
            notes.append("TPR is 0/0 (no positives) in \(noPositives.joined(separator: "; ")): \(effect)")
        }
        if !noNegatives.isEmpty {
            notes.append("FPR is 0/0 (no negatives) in \(noNegatives.joined(separator: "; ")): \(effect)")
        }
        return notes
    }

    // MARK: - Core

    static func difference(
        _ slices: [SliceCounts], _ rate: FairlearnRate, _ method: GroupComparison, _ policy: ZeroDivisionPolicy
    ) -> Double {
        comparison(slices, rate, method, policy).difference
    }

    static func ratio(
        _ slices: [SliceCounts], _ rate: FairlearnRate, _ method: GroupComparison, _ policy: ZeroDivisionPolicy
    ) -> Double {
        comparison(slices, rate, method, policy).ratio
    }

    /// The slices' rates compared between groups or to the overall rate (MetricFrame's
    /// `difference()` and `ratio()` with `method`).
    static func comparison(
        _ slices: [SliceCounts], _ rate: FairlearnRate, _ method: GroupComparison, _ policy: ZeroDivisionPolicy
    ) -> (difference: Double, ratio: Double) {
        let values = rates(slices, rate, zeroDivision: policy)
        switch method {
        case .betweenGroups:
            let d = Disparities.between(metric: rate.rawValue, by: [], slices: values)
            return (d.difference, d.ratio)
        case .toOverall(let overall):
            let d = Disparities.toOverall(
                metric: rate.rawValue, by: [], slices: values, overall: rate.value(overall, zeroDivision: policy))
            return (d.difference, d.ratio)
        }
    }

    /// pandas' `Series.mean()` of two values: NaN-skipping.
    static func nanMean(_ a: Double, _ b: Double) -> Double {
        switch (a.isNaN, b.isNaN) {
        case (false, false): (a + b) / 2
        case (false, true): a
        case (true, false): b
        case (true, true): .nan
        }
    }

    static func undefinedReason(_ rate: FairlearnRate, _ counts: BinaryCounts) -> String {
        if counts.total == 0 { return "no rows" }
        switch rate {
        case .selectionRate: return "no rows"
        case .truePositiveRate: return "0/0: no positives"
        case .falsePositiveRate: return "0/0: no negatives"
        }
    }
}
