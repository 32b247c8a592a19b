import EvalKitData

/// Disparities between the slices of each grouping, for every reported metric that is a rate
/// (not a count): min, max, difference and ratio over the shown slices (Fairlearn's
/// `between_groups`), and, when the scheme names a reference group for the grouping's attributes,
/// each slice against it (Aequitas). For binary classification `selection_rate` gives
/// demographic parity and `recall` equal opportunity; equalized odds combines `recall` and `fpr`.
enum DisparityBuilder {
    /// Metrics that are counts, for which a disparity means nothing.
    static let countMetrics: Set<String> = ["tp", "fp", "fn", "tn", "support"]

    static func sliceValues(_ slices: [SliceResult], grouping: [String], metric: String) -> [SliceValue] {
        slices.filter { $0.attributes == grouping }.map { slice in
            SliceValue(key: zip(slice.attributes, slice.values).map { ($0, $1) }, count: slice.count,
                       value: slice.allMetrics[metric] ?? .nan, suppressed: slice.suppressed,
                       undefinedReason: slice.allMetrics.undefinedReasons[metric])
        }
    }

    static func build(slices: [SliceResult], slicing: SlicingSpec, metrics: [String], file: String) throws -> [DisparityResult] {
        var results: [DisparityResult] = []
        for grouping in slicing.groupings {
            for metric in metrics where !countMetrics.contains(metric) && !metric.contains("@") {
                let values = sliceValues(slices, grouping: grouping, metric: metric)
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
        }
        return results
    }
}
