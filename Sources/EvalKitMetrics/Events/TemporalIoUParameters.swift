/// The parameters of the interval metrics (docs/events/intervals.md).
///
/// `thresholds`: a prediction matches a reference event when their temporal IoU is ≥ the
/// threshold; AP and mAP are computed at each. ActivityNet's default is 0.5:0.05:0.95, i.e.
/// `numpy.linspace(0.5, 0.95, 10)` (its `ANETdetection`), whose values `activityNet` reproduces
/// bit for bit (0.8999999999999999, not 0.9). Each threshold must be in (0, 1]; at most 64 (a
/// prediction's outcomes are one 64-bit mask).
///
/// `durationMinimumScore`: the predictions that count for the duration-based precision and
/// recall are those with score ≥ this (all by default); AP always uses every prediction.
public struct TemporalIoUParameters: Sendable, Equatable, Hashable {
    public var thresholds: [Double]
    public var durationMinimumScore: Double

    public init(thresholds: [Double] = TemporalIoUParameters.activityNet, durationMinimumScore: Double = -.infinity) {
        self.thresholds = thresholds
        self.durationMinimumScore = durationMinimumScore
    }

    /// ActivityNet's tIoU thresholds, `numpy.linspace(0.5, 0.95, 10)`.
    public static let activityNet = linspace(0.5, 0.95, count: 10)

    /// The most thresholds a set of parameters may have.
    public static let maximumThresholds = 64

    /// `numpy.linspace(start, stop, count)` with numpy's operations: `i × ((stop − start) /
    /// (count − 1)) + start`, the last value set to `stop`.
    public static func linspace(_ start: Double, _ stop: Double, count: Int) -> [Double] {
        guard count > 1 else { return count == 1 ? [start] : [] }
        let step = (stop - start) / Double(count - 1)
        var values = (0..<count).map { Double($0) * step + start }
        values[count - 1] = stop
        return values
    }

    /// Checks the parameters.
    /// - Throws: `TemporalIoUError` naming the first offending value.
    public func validate() throws(TemporalIoUError) {
        if thresholds.isEmpty { throw .noThresholds }
        if thresholds.count > Self.maximumThresholds { throw .tooManyThresholds(thresholds.count) }
        for t in thresholds where !(t > 0 && t <= 1) { throw .invalidThreshold(t) }
        if durationMinimumScore.isNaN { throw .invalidMinimumScore }
    }
}

/// Why interval-metric parameters cannot be used.
public enum TemporalIoUError: Error, Sendable, Equatable, CustomStringConvertible {
    case noThresholds
    case tooManyThresholds(Int)
    case invalidThreshold(Double)
    case invalidMinimumScore

    public var description: String {
        switch self {
        case .noThresholds:
            return "tIoU thresholds: expected at least one threshold, but the list is empty"
        case .tooManyThresholds(let n):
            return "tIoU thresholds: expected at most \(TemporalIoUParameters.maximumThresholds) thresholds, but got \(n)"
        case .invalidThreshold(let t):
            return "tIoU thresholds: expected each threshold in (0, 1] (a prediction matches when tIoU >= threshold), but got \(t)"
        case .invalidMinimumScore:
            return "duration minimum score: expected a number, but got NaN"
        }
    }
}
