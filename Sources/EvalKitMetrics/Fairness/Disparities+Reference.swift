extension Disparities {
    /// Each slice's value against the reference slice's (Aequitas 1.1.0
    /// `Bias.get_disparity_predefined_groups` / `get_disparity_major_group` /
    /// `get_disparity_min_metric`, then `Fairness.get_group_value_fairness` with `tau`).
    ///
    /// - Throws: `FairnessError.invalidThreshold` unless 0 < τ ≤ 1; for `.slice`,
    ///   `.referenceMissingAttribute` when it lacks an attribute of `by` and `.referenceNotFound`
    ///   when no slice (suppressed or not) has its values; `.noSlices` for `.largest`/`.minimum`
    ///   without a non-suppressed slice.
    ///
    /// A suppressed reference slice (or one whose value is NaN) leaves every ratio NaN with the
    /// reason; Aequitas has no suppression. Suppressed slices are listed in `leftOut`.
    /// - Complexity: O(n) in the number of slices.
    public static func toReference(
        metric: String, by: [String], slices: [SliceValue], reference: ReferenceGroup,
        tau: Double = AequitasParity.defaultTau, fillDivideByZero: Double = 10
    ) throws(FairnessError) -> ReferenceComparison {
        guard tau > 0 && tau <= 1 else { throw .invalidThreshold(tau) }
        let index = try referenceIndex(metric: metric, by: by, slices: slices, reference: reference)
        let ref = slices[index]
        var notes: [String] = []
        var referenceValue = ref.value
        var commonReason: String?
        if ref.suppressed {
            referenceValue = .nan
            commonReason = "the reference slice \(SliceKeys.describe(ref.key)) is suppressed (\(ref.count) rows)"
        } else if ref.value.isNaN {
            commonReason = "the reference slice \(SliceKeys.describe(ref.key)) has no value ("
                + (ref.undefinedReason ?? "undefined") + ")"
        }
        if let commonReason { notes.append("\(metric) disparities undefined: \(commonReason)") }

        var rows: [ReferenceDisparity] = []
        var leftOut: [LeftOutSlice] = []
        var filled: [String] = []
        for slice in slices {
            if slice.suppressed {
                leftOut.append(LeftOutSlice(key: slice.key, count: slice.count, reason: .suppressed))
                continue
            }
            var ratio = slice.value / referenceValue
            let dividedByZero = ratio == .infinity
            if dividedByZero {
                ratio = fillDivideByZero
                filled.append(SliceKeys.describe(slice.key))
            }
            var reason: String?
            if ratio.isNaN {
                if let commonReason {
                    reason = commonReason
                } else if slice.value.isNaN {
                    reason = slice.undefinedReason ?? "the metric is undefined on this slice"
                } else {
                    reason = "0/0: the slice's and the reference's values are both 0"
                }
            }
            rows.append(ReferenceDisparity(
                key: slice.key, count: slice.count, value: slice.value, ratio: ratio,
                difference: slice.value - referenceValue, parity: AequitasParity.isFair(ratio, tau: tau),
                dividedByZero: dividedByZero, undefinedReason: reason))
        }
        if !filled.isEmpty {
            notes.append(
                "\(metric): the reference value is 0, so the ratio of \(filled.joined(separator: "; ")) "
                    + "is reported as \(fillDivideByZero) (Aequitas' fill for division by zero)")
        }
        return ReferenceComparison(
            metric: metric, by: by, reference: ref.key, referenceValue: referenceValue, tau: tau,
            slices: rows, leftOut: leftOut, notes: notes)
    }

    static func referenceIndex(
        metric: String, by: [String], slices: [SliceValue], reference: ReferenceGroup
    ) throws(FairnessError) -> Int {
        switch reference {
        case .slice(let values):
            for attribute in by where values[attribute] == nil {
                throw .referenceMissingAttribute(metric: metric, attribute: attribute, reference: values)
            }
            if let found = slices.firstIndex(where: { slice in
                slice.key.allSatisfy { values[$0.attribute] == $0.value }
            }) {
                return found
            }
            let wanted = by.map { (attribute: $0, value: values[$0]!) }
            throw .referenceNotFound(
                metric: metric, reference: SliceKeys.describe(wanted),
                available: slices.map { SliceKeys.describe($0.key) })
        case .largest:
            var best: Int?
            for (i, slice) in slices.enumerated() where !slice.suppressed {
                if best == nil || slice.count > slices[best!].count { best = i }
            }
            guard let best else { throw .noSlices(metric: metric, by: by) }
            return best
        case .minimum:
            var first: Int?
            var best: Int?
            for (i, slice) in slices.enumerated() where !slice.suppressed {
                if first == nil { first = i }
                if !slice.value.isNaN && (best == nil || slice.value < slices[best!].value) { best = i }
            }
            guard let chosen = best ?? first else { throw .noSlices(metric: metric, by: by) }
            return chosen
        }
    }
}
