/// The byte layout of `IntervalVideoStatistics`: name, threshold count (Int64), reference events
/// per class (plain Int64), the duration sums (`DurationOverlap`), then the predictions as three
/// plain arrays (labels Int32, scores Double, masks UInt64).
///
/// Reading checks what a later computation relies on: equal lengths, labels in range, masks
/// within the threshold count, scores not NaN and non-increasing (the rank order).

extension IntervalVideoStatistics: PortableValue {
    public func write(to writer: inout StateWriter) {
        writer.write(name)
        writer.write(thresholdCount)
        writer.write(plain: referenceEvents)
        writer.write(durations)
        writer.write(plain: labels)
        writer.write(plain: scores)
        writer.write(plain: hits)
    }

    public init(from reader: inout StateReader) throws {
        let name = try reader.readString()
        let thresholdCount = try reader.readInt()
        try reader.require((1...TemporalIoUParameters.maximumThresholds).contains(thresholdCount),
                           "interval statistics of '\(name)': \(thresholdCount) thresholds (expected 1 to 64)")
        self.init(name: name, thresholdCount: thresholdCount, referenceEvents: try reader.readPlain(),
                  durations: try reader.read(), labels: try reader.readPlain(), scores: try reader.readPlain(),
                  hits: try reader.readPlain())
        try reader.require(durations.classes == referenceEvents.count,
                           "interval statistics of '\(name)': duration sums for \(durations.classes) classes, reference counts for \(referenceEvents.count)")
        try reader.require(referenceEvents.allSatisfy { $0 >= 0 }, "interval statistics of '\(name)': a negative reference count")
        try reader.require(scores.count == labels.count && hits.count == labels.count,
                           "interval statistics of '\(name)': prediction arrays of different lengths")
        let classes = Int32(clamping: referenceEvents.count)
        try reader.require(labels.allSatisfy { $0 >= 0 && $0 < classes }, "interval statistics of '\(name)': a class index out of range")
        let unused = thresholdCount == 64 ? 0 : ~((UInt64(1) << UInt64(thresholdCount)) - 1)
        try reader.require(hits.allSatisfy { $0 & unused == 0 }, "interval statistics of '\(name)': a mask beyond \(thresholdCount) thresholds")
        for (i, s) in scores.enumerated() {
            try reader.require(!s.isNaN && (i == 0 || s <= scores[i - 1]),
                               "interval statistics of '\(name)': scores not in rank order")
        }
    }
}
