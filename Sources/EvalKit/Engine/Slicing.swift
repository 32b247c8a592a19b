import EvalKitData

/// Builds each slice of each grouping by merging the states of the cells that share the
/// grouping's attribute values, and computes its metrics (docs/design.md §2: slicing wraps any task).
enum Slicing {
    /// The cells of every slice of `grouping`, in report order of the values (cells whose key
    /// is not applicable to an attribute of the grouping belong to none of its slices).
    static func members<State: MergeableState>(
        of grouping: [String], cells: SliceCells<State>
    ) -> [(values: [String], cells: [Int])] {
        let positions = grouping.map { cells.attributes.firstIndex(of: $0)! }
        var order: [[String]] = []
        var members: [[String]: [Int]] = [:]
        for (cell, key) in cells.keys.enumerated() where cell < cells.states.count && !key.isEmpty {
            let values = positions.map { key[$0] }
            if values.contains(AttributeCells.notApplicable) { continue }
            if members[values] == nil { order.append(values) }
            members[values, default: []].append(cell)
        }
        order.sort(by: valuesPrecede)
        return order.map { ($0, members[$0]!) }
    }

    /// Report order of slices: attribute by attribute, numbers numerically, `<missing>` last.
    static func valuesPrecede(_ a: [String], _ b: [String]) -> Bool {
        for (x, y) in zip(a, b) where x != y {
            if x == AttributeCells.missingValue { return false }
            if y == AttributeCells.missingValue { return true }
            if let dx = Double(x), let dy = Double(y), dx != dy { return dx < dy }
            return x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars)
        }
        return false
    }

    /// Slice results for every grouping computed (`SlicingSpec.allGroupings`: the scheme's slices and
    /// the robustness conditions): metrics restricted to `reported`, and
    /// withheld for slices below `minSliceSize`. Slices are merged and computed on `threads`
    /// (each from its own merged state; the results keep slice order). Slices of `curveGroupings`
    /// keep their curves (a plot draws one curve per slice).
    static func results<Task: EvaluationTask>(
        _ task: Task, cells: SliceCells<Task.State>, slicing: SlicingSpec, reported: Set<String>?,
        curveGroupings: Set<[String]> = [], threads: Threads = .one
    ) -> [SliceResult] {
        // Which cells make up each slice (cheap); the merges and metrics are the work.
        let plans = slicing.allGroupings.flatMap { grouping in
            members(of: grouping, cells: cells).map { (grouping: grouping, values: $0.values, members: $0.cells) }
        }
        let shared = SendableBox((task, cells))
        let computed = threads.map(plans.count) { i -> SliceResult? in
            let (task, cells) = shared.value
            let plan = plans[i]
            let state = cells.merged(plan.members)
            let count = task.itemCount(state)
            // A combination met only in a metadata file, with no evaluated item, is no slice.
            if count == 0 { return nil }
            // A suppressed slice's metrics are withheld, so they are not computed.
            let suppressed = count < slicing.minSliceSize
            let computed = suppressed ? ComputedMetrics() : task.compute(state)
            let all = computed.metrics
            let metrics = reported.map { all.filtered($0) } ?? all
            return SliceResult(attributes: plan.grouping, values: plan.values, count: count,
                               metrics: metrics, allMetrics: all, suppressed: suppressed,
                               curves: curveGroupings.contains(plan.grouping) ? computed.curves : [])
        }
        return computed.compactMap { $0 }
    }
}
