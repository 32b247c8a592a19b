import Dispatch
import EvalKitData

/// Confidence intervals for every reported metric, overall and per shown slice, and for every
/// disparity (docs/metrics.md, "Intervals").
///
/// Bootstrap: each replicate redraws all slice cells jointly (`countReplicate`: the row
/// bootstrap of the whole data seen through the cells' counts, O(cells) per replicate), merges
/// them into the overall state and each slice, and computes the metrics; a disparity's replicate
/// comes from the same replicate's slices, so slices are resampled jointly. Rank metrics
/// (ROC AUC, AP) use a Poisson bootstrap of each cell's score runs (`rankReplicate`,
/// O(distinct scores) per replicate). Replicate r uses stream r of the seed, so the numbers do
/// not depend on how replicates are spread over threads. A change between two slices (a
/// robustness condition against the clean one) takes its replicates from the same replicates of
/// both slices, as a disparity does. Wilson: the score interval of each metric
/// the task's catalog declares a Wilson proportion, from its counts (no disparity intervals). The
/// catalog also says which metrics get no interval (counts).
enum IntervalBuilder {
    /// A change of `metric` from slice `reference` to slice `slice` (indices into the slices):
    /// `slice − reference`, and relative to `|reference|`.
    struct SliceChange {
        var slice: Int
        var reference: Int
        var metric: String
    }

    struct Output {
        var overall: [String: Interval] = [:]
        /// Aligned with the slice results.
        var slices: [[String: Interval]] = []
        /// Aligned with the disparity results: (difference, ratio).
        var disparities: [(Interval?, Interval?)] = []
        /// Aligned with the requested changes: (absolute, relative).
        var changes: [(absolute: Interval?, relative: Interval?)] = []
        var notes: [String] = []
    }

    static func build<Task: EvaluationTask>(
        _ task: Task, cells: SliceCells<Task.State>, slices: [SliceResult], disparities: [DisparityResult],
        changes: [SliceChange] = [], metrics: [String], options: IntervalOptions, overallMetrics: MetricValues,
        progress: ProgressReporter = .off, threads: Threads = .one
    ) -> Output {
        var output = bootstrap(task, cells: cells, slices: slices, disparities: disparities, changes: changes, metrics: metrics,
                               options: options, progress: progress, threads: threads)
        if options.method == .wilson {
            let proportions = wilson(slices: slices, metrics: metrics, overall: overallMetrics, level: options.level,
                                     catalog: task.catalog)
            output.overall.merge(proportions.overall) { $1 }
            for i in output.slices.indices { output.slices[i].merge(proportions.slices[i]) { $1 } }
            output.notes += proportions.notes
        }
        return output
    }

    /// Wilson intervals of the metrics whose catalog entry is a Wilson proportion of counts the
    /// values hold; the note lists them in catalog order.
    static func wilson(slices: [SliceResult], metrics: [String], overall: MetricValues, level: Double,
                       catalog: MetricCatalog) -> Output {
        func intervals(_ values: MetricValues) -> [String: Interval] {
            var result: [String: Interval] = [:]
            for metric in metrics {
                guard let (s, n) = catalog.info(metric)?.wilsonCounts({ values[$0] }),
                      let (lo, hi) = Intervals.wilson(successes: s, trials: n, level: level) else { continue }
                result[metric] = Interval(lower: lo, upper: hi)
            }
            return result
        }
        var output = Output()
        output.overall = intervals(overall)
        output.slices = slices.map { $0.suppressed ? [:] : intervals($0.allMetrics) }
        // Wilson needs the proportion's counts (binary classification's confusion counts); other
        // metrics and tasks keep the bootstrap.
        let proportions = (catalog.names + metrics.filter { !catalog.names.contains($0) }).filter { metric in
            metrics.contains(metric) && catalog.info(metric)?.wilsonCounts({ overall[$0] }) != nil
        }
        output.notes.append(proportions.isEmpty
            ? "intervals: no metric of this evaluation is a Wilson proportion of the confusion counts; every interval uses the bootstrap"
            : "intervals: Wilson score intervals for the proportions " + proportions.joined(separator: ", ")
                + "; the other metrics and the disparities use the bootstrap")
        return output
    }

    /// `progress` hears of the replicates done (counted by the first worker, one call per replicate).
    /// Replicate r draws from stream r of the seed, so the intervals do not depend on `threads`.
    static func bootstrap<Task: EvaluationTask>(
        _ task: Task, cells: SliceCells<Task.State>, slices: [SliceResult], disparities: [DisparityResult],
        changes: [SliceChange] = [], metrics: [String], options: IntervalOptions, progress: ProgressReporter = .off,
        threads: Threads = .one
    ) -> Output {
        var output = Output()
        var probe = Xoshiro256StarStar(seed: options.seed)
        guard task.countReplicate(Array(cells.states.prefix(1)), using: &probe) != nil else {
            output.slices = slices.map { _ in [:] }
            output.disparities = disparities.map { _ in (nil, nil) }
            output.changes = changes.map { _ in (nil, nil) }
            output.notes.append("intervals: this evaluation has no bootstrap (e.g. multilabel classification with more than "
                + "\(OutcomePattern.maxTargets) targets); no intervals were computed")
            return output
        }
        let metrics = metrics.filter { task.catalog.info($0)?.intervals.contains(.bootstrap) ?? true }
        let rank = metrics.filter { task.rankMetrics.contains($0) }
        let count = metrics.filter { !task.rankMetrics.contains($0) }
        // Targets: 0 = overall, then the shown slices only (suppressed slices get no interval, so
        // they cost nothing: the work is proportional to the shown slices, not to all values of an
        // attribute). Members: the cells merged into each target, found in one pass over the cells.
        var targetOfSlice = [Int?](repeating: nil, count: slices.count)
        var shownCount = 0
        var lookup: [[String]: [[String]: Int]] = [:]
        for (i, slice) in slices.enumerated() where !slice.suppressed {
            shownCount += 1
            targetOfSlice[i] = shownCount
            lookup[slice.attributes, default: [:]][slice.values] = shownCount
        }
        let groupings = lookup.map { grouping, targets in
            (positions: grouping.map { cells.attributes.firstIndex(of: $0)! }, targets: targets)
        }
        // Cells that belong to the same targets are merged first into one group: a joint
        // multinomial (or Poisson) draw of the merged counts has the same distribution as the
        // merge of the cells' draws, and this makes the work per replicate proportional to the
        // shown slices' combinations, not to the cells (100,000 suppressed slices cost nothing).
        var groupOfSignature: [[Int]: Int] = [:]
        var groupCells: [[Int]] = []
        var groupTargets: [[Int]] = []
        for cell in cells.states.indices {
            let key = cell < cells.keys.count ? cells.keys[cell] : []
            // A task whose merged cells cannot be drawn as one keeps every cell its own group.
            var signature: [Int] = task.replicatesMergedCells ? [] : [-cell - 1]
            if !key.isEmpty {
                for grouping in groupings {
                    if let target = grouping.targets[grouping.positions.map { key[$0] }] { signature.append(target) }
                }
            }
            if let group = groupOfSignature[signature] {
                groupCells[group].append(cell)
            } else {
                groupOfSignature[signature] = groupCells.count
                groupCells.append([cell])
                groupTargets.append(signature)
            }
        }
        let groups = groupCells.map { $0.count == 1 ? cells.states[$0[0]] : cells.merged($0) }
        var members: [[Int]] = [Array(groups.indices)] + Array(repeating: [], count: shownCount)
        for (group, targets) in groupTargets.enumerated() {
            for target in targets where target > 0 { members[target].append(group) }
        }
        let replicates = options.replicates
        let targets = members.count
        // values[(target * metrics.count + m) * replicates + r]
        var values = [Double](repeating: .nan, count: targets * metrics.count * replicates)
        let metricIndex = Dictionary(uniqueKeysWithValues: metrics.enumerated().map { ($1, $0) })
        let shared = SendableBox((task: task, groups: groups, members: members))
        values.withUnsafeMutableBufferPointer { buffer in
            let storage = UnsafeMutableSendableBuffer(buffer)
            let workers = min(threads.count, max(replicates, 1))
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                let (task, groups, members) = shared.value
                for r in stride(from: worker, to: replicates, by: workers) {
                    if worker == 0 && progress.isOn {
                        progress.report("bootstrap intervals", done: Int64(r), total: Int64(replicates), unit: .replicates)
                    }
                    var generator = options.generator(replicate: r)
                    let replicate = task.countReplicate(groups, using: &generator)!
                    var rankCells: [Task.State] = []
                    if !rank.isEmpty {
                        rankCells = groups.map { task.rankReplicate($0, using: &generator) ?? task.makeState() }
                    }
                    for (target, cellList) in members.enumerated() {
                        let merged = cellList.lazy.map { replicate[$0] }.mergedPairwise(empty: task.makeState)
                        let computed = task.replicateMetrics(merged)
                        for metric in count {
                            storage[(target * metrics.count + metricIndex[metric]!) * replicates + r] = computed[metric] ?? .nan
                        }
                        if !rank.isEmpty {
                            let mergedRank = cellList.lazy.map { rankCells[$0] }.mergedPairwise(empty: task.makeState)
                            let rankComputed = task.replicateMetrics(mergedRank)
                            for metric in rank {
                                storage[(target * metrics.count + metricIndex[metric]!) * replicates + r] = rankComputed[metric] ?? .nan
                            }
                        }
                    }
                }
            }
        }
        func series(_ target: Int, _ metric: String) -> ArraySlice<Double> {
            let start = (target * metrics.count + metricIndex[metric]!) * replicates
            return values[start..<start + replicates]
        }
        var undefinedNotes: [String] = []
        func interval(_ replicateValues: [Double], what: String) -> Interval? {
            let result = Intervals.bootstrapInterval(replicateValues, level: options.level)
            if result.undefinedReplicates > 0 {
                undefinedNotes.append("\(what): \(result.undefinedReplicates) of \(result.replicates) replicates undefined"
                    + (result.bounds == nil ? ", no interval" : ", left out"))
            }
            return result.bounds.map { Interval(lower: $0.lower, upper: $0.upper) }
        }
        for metric in metrics {
            output.overall[metric] = interval(Array(series(0, metric)), what: metric)
        }
        for (i, slice) in slices.enumerated() {
            var result: [String: Interval] = [:]
            if let target = targetOfSlice[i] {
                // A metric undefined on the slice itself (a box slice's precision side) has no interval.
                for metric in metrics where !(slice.allMetrics[metric]?.isNaN ?? false) {
                    result[metric] = interval(Array(series(target, metric)), what: "\(metric) [\(slice.label)]")
                }
            }
            output.slices.append(result)
        }
        for d in disparities {
            let components = DisparityBuilder.components(of: d.metric)
            guard components.allSatisfy({ metricIndex[$0] != nil }) else {
                output.disparities.append((nil, nil))
                continue
            }
            let shown = slices.indices.filter { slices[$0].attributes == d.attributes }.compactMap { targetOfSlice[$0] }
            var differences = [Double](repeating: .nan, count: replicates)
            var ratios = [Double](repeating: .nan, count: replicates)
            for r in 0..<replicates {
                var worstDifference = -Double.infinity
                var worstRatio = Double.infinity
                for metric in components {
                    let defined = shown.map { values[($0 * metrics.count + metricIndex[metric]!) * replicates + r] }
                        .filter { !$0.isNaN }
                    guard defined.count >= 2, let lo = defined.min(), let hi = defined.max() else {
                        worstDifference = .nan
                        break
                    }
                    worstDifference = max(worstDifference, hi - lo)
                    worstRatio = min(worstRatio, hi == 0 ? .nan : lo / hi)
                }
                differences[r] = worstDifference
                ratios[r] = worstDifference.isNaN ? .nan : worstRatio
            }
            let name = "\(d.metric) across \(d.attributes.joined(separator: "×"))"
            output.disparities.append((interval(differences, what: "\(name) difference"), interval(ratios, what: "\(name) ratio")))
        }
        for change in changes {
            // Both slices shown, the metric bootstrapped, and both values defined on the data.
            guard let target = targetOfSlice[change.slice], let reference = targetOfSlice[change.reference],
                  metricIndex[change.metric] != nil,
                  !(slices[change.slice].allMetrics[change.metric] ?? .nan).isNaN,
                  !(slices[change.reference].allMetrics[change.metric] ?? .nan).isNaN else {
                output.changes.append((nil, nil))
                continue
            }
            let after = series(target, change.metric), before = series(reference, change.metric)
            var absolute = [Double](repeating: .nan, count: replicates)
            var relative = [Double](repeating: .nan, count: replicates)
            for (r, (a, b)) in zip(after, before).enumerated() {
                absolute[r] = a - b
                relative[r] = b == 0 ? .nan : (a - b) / abs(b)
            }
            let name = "\(change.metric) change [\(slices[change.slice].label) vs \(slices[change.reference].label)]"
            output.changes.append((interval(absolute, what: name), interval(relative, what: "relative \(name)")))
        }
        output.notes.append("intervals: percentile bootstrap, \(replicates) replicates, level \(JSONOutput.format(options.level)), "
            + "seed \(options.seed); count metrics resample all slice cells jointly (multinomial)"
            + (rank.isEmpty ? "" : "; \(rank.joined(separator: ", ")) use a Poisson bootstrap of the score runs"))
        if !undefinedNotes.isEmpty {
            output.notes.append("intervals: " + undefinedNotes.prefix(10).joined(separator: "; ")
                + (undefinedNotes.count > 10 ? "; … \(undefinedNotes.count - 10) more" : ""))
        }
        return output
    }
}

/// A buffer that concurrent workers write at disjoint indices.
struct UnsafeMutableSendableBuffer: @unchecked Sendable {
    let base: UnsafeMutablePointer<Double>
    init(_ buffer: UnsafeMutableBufferPointer<Double>) { base = buffer.baseAddress! }
    subscript(index: Int) -> Double {
        get { base[index] }
        nonmutating set { base[index] = newValue }
    }
}
