import Foundation

/// FMR and FNMR at one threshold: a point of a ROC or DET curve.
public struct ErrorRatePoint: Sendable, Equatable {
    public var threshold: Double
    public var fmr: Double
    public var fnmr: Double

    public init(threshold: Double, fmr: Double, fnmr: Double) {
        self.threshold = threshold
        self.fmr = fmr
        self.fnmr = fnmr
    }

    /// The DET abscissa: `DETScale.ppndf(fmr)` (row 0 of bob.measure's `det`).
    public var detFMR: Double { DETScale.ppndf(fmr) }
    /// The DET ordinate: `DETScale.ppndf(fnmr)` (row 1 of bob.measure's `det`).
    public var detFNMR: Double { DETScale.ppndf(fnmr) }
}

/// Points of a ROC/DET curve, and how many of bob's points were left out because they need
/// impostor scores below the bound.
public struct ErrorRateCurve: Sendable, Equatable {
    /// bob's points in bob's order (ascending threshold), minus the left-out ones.
    public var points: [ErrorRatePoint]
    /// The number of bob's points left out (0 when every impostor is held).
    public var leftOut: Int
}

/// Precision–recall points, and how many of bob's points were left out (as `ErrorRateCurve`).
public struct PrecisionRecallCurve: Sendable, Equatable {
    public var points: [PrecisionRecallPoint]
    public var leftOut: Int
}

/// Precision and recall at one threshold.
public struct PrecisionRecallPoint: Sendable, Equatable {
    public var threshold: Double
    public var precision: Double
    public var recall: Double
}

extension ComparisonScores {
    /// bob.measure `det(negatives, positives, count, minFMRPower)` / `roc(...)`: the ROC/DET
    /// points at bob's "meaningful thresholds" (`meaningfulThresholds`), each with FMR and FNMR
    /// (`roc` rows 0, 1); `ErrorRatePoint.detFMR`/`detFNMR` give `det`'s rows (ppndf of them).
    ///
    /// Bounded impostors: a point whose threshold lies below the bound (or whose FMR-target
    /// threshold does) is left out and counted in `leftOut`; the others equal bob's exactly.
    /// Throws `.tooFewGenuine`/`.tooFewImpostors` below 2 (bob raises), `.invalidParameter` for
    /// `count`/`minFMRPower` that bob cannot use (see `meaningfulThresholds`).
    /// - Complexity: O(count × (log n + walk)) for the thresholds.
    public func detPoints(count: Int = 100, minFMRPower: Int = -8) throws(VerificationUndefined) -> ErrorRateCurve {
        let (thresholds, unknown) = try meaningfulThresholds(count: count, minPower: minFMRPower)
        var points: [ErrorRatePoint] = []
        var leftOut = unknown
        for t in thresholds {
            do throws(VerificationUndefined) {
                points.append(try errorRates(atThreshold: t))
            } catch .needsUnheldImpostors {
                leftOut += 1
            }
        }
        return ErrorRateCurve(points: points, leftOut: leftOut)
    }

    /// bob.measure `roc_for_far(negatives, positives, targets)`: at each target FMR, the point at
    /// `thresholdAtFMR(target)` with its real FMR and FNMR. nil where that threshold needs unheld
    /// impostors. Throws `.noGenuine`, `.tooFewImpostors`, `.invalidParameter` (a target outside
    /// [0, 1]).
    public func rocForFMR(_ targets: [Double]) throws(VerificationUndefined) -> [ErrorRatePoint?] {
        if genuineTotal == 0 { throw .noGenuine }
        var out: [ErrorRatePoint?] = []
        for target in targets {
            do throws(VerificationUndefined) {
                out.append(try errorRates(atThreshold: try thresholdAtFMR(target)))
            } catch .needsUnheldImpostors {
                out.append(nil)
            }
        }
        return out
    }

    /// bob.measure `precision_recall_curve(negatives, positives, count)`: precision and recall
    /// (`precisionRecall(atThreshold:)`) at the meaningful thresholds (bob fixes min_far = −8).
    /// Bounded impostors: as `detPoints`.
    public func precisionRecallPoints(count: Int = 100, minFMRPower: Int = -8) throws(VerificationUndefined) -> PrecisionRecallCurve {
        let (thresholds, unknown) = try meaningfulThresholds(count: count, minPower: minFMRPower)
        var points: [PrecisionRecallPoint] = []
        var leftOut = unknown
        for t in thresholds {
            do throws(VerificationUndefined) {
                let (p, r) = try precisionRecall(atThreshold: t)
                points.append(PrecisionRecallPoint(threshold: t, precision: p, recall: r))
            } catch .needsUnheldImpostors {
                leftOut += 1
            }
        }
        return PrecisionRecallCurve(points: points, leftOut: leftOut)
    }

    /// bob.measure `_meaningful_thresholds(negatives, positives, count, minPower)`: with
    /// h = count / 2 (integer division), `thresholdAtFNMR` at the h targets
    /// `logValues(h, minPower)` and `thresholdAtFMR` at the count − h targets
    /// `logValues(count − h, minPower)`, sorted ascending (duplicates kept). Returns the known
    /// thresholds and how many FMR-target thresholds needed unheld impostors.
    ///
    /// Throws `.invalidParameter` when count < 2, minPower ≥ 0, or count − h < −minPower or
    /// h < −minPower (bob's `int(points / -min_power)` would be 0: a division by zero).
    func meaningfulThresholds(count: Int, minPower: Int) throws(VerificationUndefined) -> (thresholds: [Double], leftOut: Int) {
        guard minPower < 0 else { throw .invalidParameter("minFMRPower \(minPower) must be negative") }
        let half = count / 2
        guard count >= 2, half >= -minPower else {
            throw .invalidParameter("count \(count) must be at least \(-2 * minPower) (2 × -minFMRPower)")
        }
        if genuineTotal < 2 { throw .tooFewGenuine(genuineTotal) }
        if impostorTotal < 2 { throw .tooFewImpostors(impostorTotal) }
        var thresholds: [Double] = []
        thresholds.reserveCapacity(count)
        for target in Self.logValues(half, minPower: minPower) { thresholds.append(try thresholdAtFNMR(target)) }
        var leftOut = 0
        for target in Self.logValues(count - half, minPower: minPower) {
            do throws(VerificationUndefined) {
                thresholds.append(try thresholdAtFMR(target))
            } catch .needsUnheldImpostors {
                leftOut += 1
            }
        }
        thresholds.sort()
        return (thresholds, leftOut)
    }

    /// bob.measure `_log_values(points, minPower)`: 10^(k / d) for k = 1 − points … 0 with
    /// d = ⌊points / −minPower⌋ — points values from 10^((1 − points)/d) up to 1.
    static func logValues(_ points: Int, minPower: Int) -> [Double] {
        let divisor = Double(Int(Double(points) / Double(-minPower)))
        return (1 - points...0).map { pow(10.0, Double($0) / divisor) }
    }
}
