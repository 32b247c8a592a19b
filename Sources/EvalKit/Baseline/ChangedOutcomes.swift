import EvalKitData

/// The items whose outcome changed between two runs on the same ground truth: right before and
/// wrong after (regressions), and the reverse, from the runs' per-item outcome sidecars.
public struct ChangedOutcomes: Sendable {
    public struct Item: Sendable {
        /// 0-based ground-truth row.
        public var row: Int
        public var id: String?
        public var truth: String
        public var before: String
        public var after: String
    }

    public var evaluation: String
    public var compared = 0
    public var becameWrong = 0
    public var becameRight = 0
    public var bothRight = 0
    /// The first regressions (right before, wrong after), in ground-truth order.
    public var examples: [Item] = []

    /// Compares two runs' outcomes; nil when they are not of the same ground truth.
    public static func make(_ before: ItemOutcomes, _ after: ItemOutcomes, examples limit: Int = 10) -> ChangedOutcomes? {
        guard before.groundTruthSHA256 == after.groundTruthSHA256, before.truth.count == after.truth.count else { return nil }
        var result = ChangedOutcomes(evaluation: after.evaluation)
        func label(_ labels: [String], _ index: Int32) -> String {
            index == ItemOutcomes.noPrediction ? "<no prediction>" : index >= 0 && Int(index) < labels.count ? labels[Int(index)] : "?"
        }
        for row in after.truth.indices {
            let t = after.truth[row]
            guard t >= 0, before.truth[row] >= 0 else { continue }
            result.compared += 1
            let truthLabel = after.labels[Int(t)]
            let rightBefore = label(before.labels, before.predicted[row]) == truthLabel
            let rightAfter = after.predicted[row] == t
            if rightBefore && !rightAfter {
                result.becameWrong += 1
                if result.examples.count < limit {
                    result.examples.append(Item(row: row, id: nil, truth: truthLabel, before: label(before.labels, before.predicted[row]),
                                                after: label(after.labels, after.predicted[row])))
                }
            } else if !rightBefore && rightAfter {
                result.becameRight += 1
            } else if rightBefore {
                result.bothRight += 1
            }
        }
        return result
    }

    public var accuracyBefore: Double { compared == 0 ? .nan : Double(bothRight + becameWrong) / Double(compared) }
    public var accuracyAfter: Double { compared == 0 ? .nan : Double(bothRight + becameRight) / Double(compared) }

    /// McNemar's exact p-value for "the runs are right equally often" on these items.
    public var mcnemarPValue: Double { McNemar.exactPValue(onlyFirst: Int64(becameWrong), onlySecond: Int64(becameRight)) }

    /// A paired bootstrap interval of the accuracy change (after − before): the four cells (both
    /// right, only before, only after, both wrong) redrawn as one multinomial per replicate.
    public func accuracyChangeInterval(options: IntervalOptions = IntervalOptions()) -> Interval? {
        guard compared > 0 else { return nil }
        let cells: [Int64] = [Int64(bothRight), Int64(becameWrong), Int64(becameRight),
                              Int64(compared - bothRight - becameWrong - becameRight)]
        var changes: [Double] = []
        changes.reserveCapacity(options.replicates)
        for r in 0..<options.replicates {
            var generator = options.generator(replicate: r)
            let draw = Sampling.multinomial(n: Int64(compared), counts: cells, using: &generator)
            changes.append(Double(draw[2] - draw[1]) / Double(compared))
        }
        return Intervals.percentileInterval(changes, level: options.level).map { Interval(lower: $0.lower, upper: $0.upper) }
    }

    /// Fills the examples' ids by reading the id column of the ground-truth file (streamed; stops
    /// after the last example row).
    public mutating func readIds(groundTruth path: String, idColumn: String) {
        guard let last = examples.map(\.row).max(),
              let source = try? openTable(path: path, displayPath: path, format: tableFormat(forPath: path) ?? .csv,
                                          csv: defaultCSVOptions(forPath: path), columns: [idColumn]) else { return }
        let wanted = Dictionary(uniqueKeysWithValues: examples.enumerated().map { ($1.row, $0) })
        var batch = FieldBatch(columns: source.selectedColumns)
        var row = 0
        while row <= last, (try? source.nextBatch(&batch, capacity: 65_536)) == true {
            for r in 0..<batch.count {
                if let index = wanted[row + r] { examples[index].id = batch.string(r, 0) }
            }
            row += batch.count
        }
    }
}
