/// The byte layout of `PSDSVideoStatistics` (docs/scale.md, "State files"): the criteria, the
/// seconds, the per-class totals, then the records as columns (scores, labels, deltas or targets).

extension PSDSVideoStatistics: PortableValue {
    public func write(to writer: inout StateWriter) {
        writer.write(criteria.dtc)
        writer.write(criteria.gtc)
        writer.write(criteria.cttc)
        writer.write(seconds)
        writer.write(plain: references)
        writer.write(plain: referenceSeconds)
        writer.write(plain: changes.map(\.score))
        writer.write(plain: changes.map(\.label))
        writer.write(plain: changes.map(\.delta))
        writer.write(plain: triggers.map(\.score))
        writer.write(plain: triggers.map(\.label))
        writer.write(plain: triggers.map(\.target))
    }

    public init(from reader: inout StateReader) throws {
        let criteria = PSDSCriteria(dtc: try reader.readDouble(), gtc: try reader.readDouble(), cttc: try reader.readDouble())
        let seconds = try reader.readDouble()
        let references: [Int64] = try reader.readPlain()
        let referenceSeconds: [Double] = try reader.readPlain()
        try reader.require(referenceSeconds.count == references.count, "PSDS reference totals of different lengths")
        self.init(criteria: criteria, classes: references.count)
        self.seconds = seconds
        self.references = references
        self.referenceSeconds = referenceSeconds
        let classes = Int32(references.count)

        let changeScores: [Double] = try reader.readPlain()
        let changeLabels: [Int32] = try reader.readPlain()
        let deltas: [Int32] = try reader.readPlain()
        try reader.require(changeLabels.count == changeScores.count && deltas.count == changeScores.count,
                           "PSDS change columns of different lengths")
        try reader.require(changeLabels.allSatisfy { $0 >= 0 && $0 < classes } && deltas.allSatisfy { $0 == 1 || $0 == -1 },
                           "a PSDS change with a label outside the \(classes) classes or a delta other than ±1")
        changes = (0..<changeScores.count).map { Change(score: changeScores[$0], label: changeLabels[$0], delta: deltas[$0]) }

        let triggerScores: [Double] = try reader.readPlain()
        let triggerLabels: [Int32] = try reader.readPlain()
        let targets: [Int32] = try reader.readPlain()
        try reader.require(triggerLabels.count == triggerScores.count && targets.count == triggerScores.count,
                           "PSDS trigger columns of different lengths")
        for k in 0..<triggerScores.count {
            let label = triggerLabels[k], target = targets[k]
            try reader.require(label >= 0 && label < classes && target >= 0 && target <= classes && target != label,
                               "a PSDS trigger with label \(label) and target \(target) among \(classes) classes")
        }
        triggers = (0..<triggerScores.count).map { Trigger(score: triggerScores[$0], label: triggerLabels[$0], target: targets[$0]) }
    }
}
