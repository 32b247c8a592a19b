import EvalKitData

/// The tables beside a verification's metrics: DET/ROC points (`det.csv`) and, on request, the
/// FMR of every (probe group, reference group) pair at the global threshold
/// (`cross_group_fmr.csv`), the view of NIST FRTE's demographic reports.
extension VerificationMetrics {
    static func addTables(_ state: VerificationState, scores s: ComparisonScores, subjects: SubjectTable, options: VerificationOptions,
                          global: Double?, sign: Double, to computed: inout ComputedMetrics) {
        let curve = try? s.detPoints(count: options.detPoints, minFMRPower: -8)
        let points = curve?.points ?? [], leftOut = curve?.leftOut ?? 0
        var det = ItemTable(name: "det", columns: ["threshold", "fmr", "fnmr"], itemLevel: false)
        for p in points { det.rows.append([format(sign * p.threshold), format(p.fmr), format(p.fnmr)]) }
        computed.itemTables.append(det)
        if !points.isEmpty {
            computed.curves.append(MetricCurve(name: "det", xLabel: "fmr", yLabel: "fnmr", x: points.map(\.fmr), y: points.map(\.fnmr)))
        }
        if leftOut > 0 {
            computed.notes.append("det.csv: \(leftOut) of the \(options.detPoints) DET points lie below the impostor scores held "
                + "(FMR above \(format(Double(s.impostors.count) / Double(max(1, s.impostorTotal))))) and are left out")
        }
        if !s.holdsAllImpostors {
            computed.notes.append("impostor scores held: the top \(s.impostors.count) of \(s.impostorTotal) (every score ≥ \(format(sign * s.impostorBound))); "
                + "every reported rate is exact (docs/metrics.md, \"Verification\")")
        }
        if options.crossGroup, let t = global, !subjects.groups.isEmpty, !(subjects.groups.first?.isEmpty ?? true) {
            computed.itemTables.append(crossGroupTable(state, subjects: subjects, threshold: t))
        }
    }

    /// FMR at `threshold` for every (probe group, reference group) of every single attribute
    /// and of their combination: false matches over impostor comparisons between the groups.
    static func crossGroupTable(_ state: VerificationState, subjects: SubjectTable, threshold: Double) -> ItemTable {
        var table = ItemTable(name: "cross_group_fmr", columns: ["attribute", "probe_group", "reference_group", "impostor_comparisons", "false_matches", "fmr"],
                              itemLevel: false,
                              sliceGroups: SliceGroupColumns(grouping: "attribute", groups: ["probe_group", "reference_group"]))
        let width = subjects.groups[0].count
        var views: [(name: String, positions: [Int])] = (0..<width).map { (subjects.attributes[$0], [$0]) }
        if width > 1 { views.append((subjects.attributes.joined(separator: " × "), Array(0..<width))) }
        for view in views {
            let valueOf = subjects.groups.map { g in view.positions.map { g[$0] }.joined(separator: " × ") }
            let values = Array(Set(valueOf)).sorted()
            let index = Dictionary(uniqueKeysWithValues: values.enumerated().map { ($1, $0) })
            let k = values.count
            let subjectValue = subjects.group.map { index[valueOf[Int($0)]]! }
            var comparisons = [Int64](repeating: 0, count: k * k), matches = [Int64](repeating: 0, count: k * k)
            for run in state.impostorRuns { for p in run where p.score >= threshold {
                var x = subjectValue[Int(p.probe)], y = subjectValue[Int(p.reference)]
                if state.design == .withinSet && x > y { swap(&x, &y) }
                matches[x * k + y] += 1
            } }
            if state.design == .scoreList {
                for run in state.impostorRuns { for p in run { comparisons[subjectValue[Int(p.probe)] * k + subjectValue[Int(p.reference)]] += 1 } }
            } else {
                let pairs = ImpostorPairCounts(subjects: subjects, groupOf: subjectValue, groups: k, weights: nil,
                                               withinSet: state.design == .withinSet)
                for x in 0..<k { for y in 0..<k { comparisons[x * k + y] = pairs.count(x, y) } }
            }
            let name = view.name
            for x in 0..<k {
                for y in 0..<k where comparisons[x * k + y] > 0 {
                    let n = comparisons[x * k + y], f = matches[x * k + y]
                    table.rows.append([name, values[x], values[y], String(n), String(f), format(Double(f) / Double(n))])
                }
            }
        }
        return table
    }

    static func format(_ value: Double) -> String {
        if value.isNaN { return "" }
        return "\(value)"
    }
}
