import EvalKitData

/// Disparities between the slices of each grouping, for every reported metric the task's catalog
/// compares across slices (not counts, not operating points): min, max, difference and ratio
/// over the shown slices (Fairlearn's `between_groups`), and, when the scheme names a reference group for the grouping's attributes,
/// each slice against it (Aequitas). For binary classification `selection_rate` gives
/// demographic parity and `recall` equal opportunity; equalized odds combines `recall` and `fpr`.
public enum DisparityBuilder {
    static func sliceValues(_ slices: [SliceResult], grouping: [String], metric: String) -> [SliceValue] {
        slices.filter { $0.attributes == grouping }.map { slice in
            SliceValue(key: zip(slice.attributes, slice.values).map { ($0, $1) }, count: slice.count,
                       value: slice.allMetrics[metric] ?? .nan, suppressed: slice.suppressed,
                       undefinedReason: slice.allMetrics.undefinedReasons[metric])
        }
    }

    /// The disparities of `metrics` (those `catalog` compares across slices; a metric it does not
    /// declare is compared).
    static func build(slices: [SliceResult], slicing: SlicingSpec, metrics: [String], catalog: MetricCatalog,
                      file: String) throws -> [DisparityResult] {
        var results: [DisparityResult] = []
        for grouping in slicing.groupings {
            try checkReferenceOccurs(grouping, slices: slices, slicing: slicing, file: file)
            // A disparity needs two shown slices; a grouping with fewer costs nothing more.
            let members = slices.filter { $0.attributes == grouping }
            guard members.lazy.filter({ !$0.suppressed }).prefix(2).count == 2 else { continue }
            for metric in metrics where catalog.info(metric)?.comparedAcrossSlices ?? true {
                let values = sliceValues(members, grouping: grouping, metric: metric)
                let d = Disparities.between(metric: metric, by: grouping, slices: values)
                guard d.compared >= 2, let minSlice = d.minSlice, let maxSlice = d.maxSlice else { continue }
                var result = DisparityResult(
                    metric: metric, attributes: grouping, min: d.min, max: d.max, difference: d.difference, ratio: d.ratio,
                    minSlice: minSlice.map(\.value), maxSlice: maxSlice.map(\.value), compared: d.compared)
                if grouping.allSatisfy({ slicing.reference[$0] != nil }) {
                    do {
                        let comparison = try Disparities.toReference(
                            metric: metric, by: grouping, slices: values, reference: .slice(slicing.reference))
                        result.reference = comparison.reference.map(\.value)
                        result.referenceValue = comparison.referenceValue
                        result.relativeToReference = comparison.slices.map { ($0.key.map(\.value), $0.ratio, $0.difference) }
                        result.notes += comparison.notes
                    } catch {
                        let node = slicing.referenceNode
                        throw InputError(file: file, line: node?.line, column: node?.column, path: node?.path,
                                         message: "reference group: \(error)",
                                         hint: "slices of \(grouping.joined(separator: " × ")): "
                                            + slices.filter { $0.attributes == grouping }.map { quoted($0.values.joined(separator: ",")) }
                                                .joined(separator: ", "))
                    }
                }
                results.append(result)
            }
            results += fairlearnMeasures(slices: members, grouping: grouping)
        }
        return results
    }

    /// A reference group must be a slice of the data, whether or not any disparity is computed
    /// (every slice may be suppressed): a typo must not go unnoticed.
    static func checkReferenceOccurs(_ grouping: [String], slices: [SliceResult], slicing: SlicingSpec, file: String) throws {
        guard grouping.allSatisfy({ slicing.reference[$0] != nil }) else { return }
        let wanted = grouping.map { slicing.reference[$0]! }
        let found = slices.filter { $0.attributes == grouping }
        guard !found.contains(where: { $0.values == wanted }) else { return }
        let node = slicing.referenceNode
        let described = zip(grouping, wanted).map { "\($0)=\($1)" }.joined(separator: ", ")
        throw InputError(file: file, line: node?.line, column: node?.column, path: node?.path,
                         message: "reference group \(described) does not occur in the data",
                         hint: found.isEmpty ? "the data has no slice of \(grouping.joined(separator: " × "))"
                            : "slices of \(grouping.joined(separator: " × ")): "
                                + found.prefix(20).map { quoted($0.values.joined(separator: ",")) }.joined(separator: ", ")
                                + (found.count > 20 ? ", …" : ""))
    }

    /// The per-slice metrics a disparity is made of (the standard measures are made of rates).
    static func components(of metric: String) -> [String] {
        switch metric {
        case "demographic_parity": ["selection_rate"]
        case "equal_opportunity": ["recall"]
        case "equalized_odds": ["recall", "fpr"]
        default: [metric]
        }
    }

    /// Fairlearn's names for the standard measures.
    static let fairnessMeasures = ["demographic_parity", "equal_opportunity", "equalized_odds"]

    /// Fairlearn's demographic parity, equal opportunity and equalized odds (worst case) between
    /// the shown slices, from each slice's binary counts (binary classification only), with
    /// Fairlearn's zero-division rule (a rate 0/0 counts as 0).
    static func fairlearnMeasures(slices: [SliceResult], grouping: [String]) -> [DisparityResult] {
        let members = slices.filter { $0.attributes == grouping }
        let counts = members.compactMap { slice -> SliceCounts? in
            // A suppressed slice's counts are withheld; it is marked and left out of the measures.
            guard let binary = BinaryCounts(slice.allMetrics) ?? (slice.suppressed ? BinaryCounts(tp: 0, fp: 0, fn: 0, tn: 0) : nil)
            else { return nil }
            return SliceCounts(key: zip(slice.attributes, slice.values).map { ($0, $1) }, counts: binary,
                               suppressed: slice.suppressed)
        }
        guard counts.count == members.count, counts.filter({ !$0.suppressed }).count >= 2 else { return [] }
        var results: [DisparityResult] = []
        let measures: [(String, FairlearnRate, Double, Double)] = [
            ("demographic_parity", .selectionRate, FairlearnMeasures.demographicParityDifference(counts),
             FairlearnMeasures.demographicParityRatio(counts)),
            ("equal_opportunity", .truePositiveRate, FairlearnMeasures.equalOpportunityDifference(counts),
             FairlearnMeasures.equalOpportunityRatio(counts)),
            ("equalized_odds", .truePositiveRate, FairlearnMeasures.equalizedOddsDifference(counts),
             FairlearnMeasures.equalizedOddsRatio(counts)),
        ]
        for (name, rate, difference, ratio) in measures {
            let d = Disparities.between(metric: name, by: grouping, slices: FairlearnMeasures.rates(counts, rate))
            guard let minSlice = d.minSlice, let maxSlice = d.maxSlice else { continue }
            var result = DisparityResult(
                metric: name, attributes: grouping, min: d.min, max: d.max, difference: difference, ratio: ratio,
                minSlice: minSlice.map(\.value), maxSlice: maxSlice.map(\.value), compared: d.compared)
            if name == "equalized_odds" {
                result.notes.append("worst case of the true and false positive rate disparities (Fairlearn agg=\"worst_case\"); "
                    + "min and max are those of the true positive rate")
            }
            result.notes += FairlearnMeasures.notes(counts)
            results.append(result)
        }
        return results
    }
}
