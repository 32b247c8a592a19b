import EvalKitData

/// The robustness view (docs/metrics.md, "Robustness"): every metric of the view on each
/// condition's slice against the clean condition's slice. The conditions are the slices of the
/// grouping `[attribute]`, computed with the scheme's slices (once, listed there or not), so they
/// have the slices' suppression and their interval replicates.
enum RobustnessBuilder {
    /// The metrics of the view: the scheme's `robustness.metrics`, else the reported metrics that
    /// the catalog compares across slices (not counts, not operating points); then the metrics of
    /// gates `"against": "clean"` that are not among them.
    static func metrics(_ spec: RobustnessSpec, reported: [String], gates: [GateSpec], catalog: MetricCatalog) -> [String] {
        let chosen = spec.metrics ?? reported.filter { catalog.info($0)?.comparedAcrossSlices ?? true }
        return unique(chosen + gates.filter { $0.scope == .clean }.map(\.metric))
    }

    /// The view from the slices (`slices` holds the grouping `[attribute]`). The clean value must
    /// be a condition of the data: a typo must not compare nothing with nothing.
    static func build(_ spec: RobustnessSpec, slices: [SliceResult], metrics: [String], minSliceSize: Int,
                      file: String) throws -> RobustnessResult {
        let members = slices.filter { $0.attributes == spec.grouping }
        guard let clean = members.first(where: { $0.values == [spec.clean] }) else {
            let found = members.map { $0.values[0] }
            let node = spec.cleanNode ?? spec.node
            throw InputError(file: file, line: node.line, column: node.column, path: node.path,
                             message: "the clean condition \(spec.attribute)=\(spec.clean) does not occur in the data",
                             hint: (didYouMean(spec.clean, found).map { $0 + " " } ?? "")
                                + (found.isEmpty ? "no evaluated item has a value of \(quoted(spec.attribute))"
                                    : "values of \(quoted(spec.attribute)) found: " + found.prefix(20).map { quoted($0) }.joined(separator: ", ")
                                        + (found.count > 20 ? ", …" : "")))
        }
        var result = RobustnessResult(attribute: spec.attribute, clean: spec.clean, cleanCount: clean.count,
                                      cleanSuppressed: clean.suppressed, metrics: metrics, conditions: [])
        var undefined: [String] = []
        for slice in members where slice.values != [spec.clean] {
            let label = "\(spec.attribute)=\(slice.values[0])"
            var condition = RobustnessResult.Condition(value: slice.values[0], count: slice.count, suppressed: slice.suppressed, changes: [])
            if !slice.suppressed {
                for metric in metrics {
                    let value = slice.allMetrics[metric] ?? .nan
                    let reference = clean.suppressed ? .nan : (clean.allMetrics[metric] ?? .nan)
                    var change = RobustnessResult.Change(metric: metric, value: value, clean: reference, change: value - reference,
                                                         relativeChange: .nan)
                    let why: String?
                    if value.isNaN {
                        why = "\(metric) is undefined on \(label)" + (slice.allMetrics.undefinedReasons[metric].map { " (\($0))" } ?? "")
                    } else if clean.suppressed {
                        why = "the clean condition has \(clean.count) items, fewer than min_slice_size \(minSliceSize): its values are withheld"
                    } else if reference.isNaN {
                        why = "\(metric) is undefined on the clean condition"
                            + (clean.allMetrics.undefinedReasons[metric].map { " (\($0))" } ?? "")
                    } else if reference == 0 {
                        why = "the clean value of \(metric) is 0"
                    } else {
                        why = nil
                        change.relativeChange = (value - reference) / abs(reference)
                    }
                    if let why {
                        change.relativeUndefinedReason = why
                        undefined.append("\(metric) [\(label)]: \(why)")
                    }
                    condition.changes.append(change)
                }
            }
            result.conditions.append(condition)
        }
        if clean.suppressed {
            result.notes.append("the clean condition \(spec.attribute)=\(spec.clean) has \(clean.count) items, fewer than min_slice_size "
                + "\(minSliceSize): its values are withheld, so no change is defined")
        }
        let suppressed = result.conditions.filter(\.suppressed).count
        if suppressed > 0 {
            result.notes.append("\(suppressed) condition(s) with fewer than \(minSliceSize) items are suppressed: their values are withheld "
                + "(min_slice_size)")
        }
        if !undefined.isEmpty, !clean.suppressed {
            result.notes.append("relative change undefined (null): " + undefined.prefix(10).joined(separator: "; ")
                + (undefined.count > 10 ? "; … \(undefined.count - 10) more" : ""))
        }
        return result
    }

    /// The changes whose intervals the bootstrap computes: each shown condition's metrics against
    /// the clean slice, with where each goes in the view (condition, change index).
    static func intervalRequests(_ view: RobustnessResult, slices: [SliceResult])
        -> [(condition: Int, change: Int, request: IntervalBuilder.SliceChange)]
    {
        let grouping = [view.attribute]
        guard !view.cleanSuppressed,
              let clean = slices.firstIndex(where: { $0.attributes == grouping && $0.values == [view.clean] }) else { return [] }
        var requests: [(Int, Int, IntervalBuilder.SliceChange)] = []
        for (c, condition) in view.conditions.enumerated() where !condition.suppressed {
            guard let slice = slices.firstIndex(where: { $0.attributes == grouping && $0.values == [condition.value] }) else { continue }
            for (k, change) in condition.changes.enumerated() {
                requests.append((c, k, IntervalBuilder.SliceChange(slice: slice, reference: clean, metric: change.metric)))
            }
        }
        return requests
    }
}
