/// One point of an activity's DET curve: the scores of the system instances with
/// presenceConf ≥ `threshold` (the scorer's `build_sweeper`, one point per distinct presenceConf).
public struct ActEVDETPoint: Sendable, Equatable {
    public var threshold: Double
    /// Correct detections and false alarms at or above the threshold (weighted counts).
    public var correct: Int64
    public var falseAlarms: Int64
    /// False alarms per minute of selected video.
    public var rateOfFalseAlarms: Double
    /// Missed / reference instances; nil without reference instances.
    public var pMiss: Double?
    /// (missed + numerator) / (references + denominator); nil without reference instances.
    public var weightedPMiss: Double?
    /// Mean n-MIDE term of the accepted correct detections; nil when there is none.
    public var nMIDE: Double?
    /// Time-based false alarm: numerator / denominator frames; nil without TFA or non-reference frames.
    public var timeFalseAlarm: Double?
    public var timeFalseAlarmNumerator: Int64
    public var timeFalseAlarmDenominator: Int64
}

/// The scorer's curve readers, ported with their rules (lib/metrics.py).
enum ActEVCurve {
    /// `get_points_along_confidence_curve`: for each target x, walks the points from the highest
    /// threshold down and returns y at the *lowest* threshold whose x equals the target (within
    /// 1e-10), else y linearly interpolated between the last point with x below the target and the
    /// first above it; `fallback` when the curve has no point or its first point is already past
    /// the target (or that point's y is undefined); the last point's y for targets beyond the curve.
    ///
    /// `points`: (x, y) by decreasing threshold. Keys of the result: the targets.
    static func pointsAlong(_ points: [(x: Double, y: Double?)], targets: [Double], fallback: Double?) -> [Double: Double?] {
        var out: [Double: Double?] = [:]
        func store(_ target: Double, _ value: Double?) { out.updateValue(value, forKey: target) }
        if targets.isEmpty { return out }
        if points.isEmpty {
            for t in targets { store(t, fallback) }
            return out
        }
        var remaining = targets.sorted(by: >)
        var current = remaining[remaining.count - 1]
        var x: Double?
        var y: Double?
        var lastY: Double?
        var lastX: Double? = 0
        var exact = false
        var next = 0
        loop: while true {
            if let x {
                if abs(x - current) < 1e-10 {
                    exact = true
                } else if x > current {
                    if lastY == nil {
                        store(current, fallback)
                    } else if exact {
                        store(current, lastY)
                        exact = false
                    } else if let ly = lastY, let lx = lastX, let yy = y {
                        store(current, ly + (yy - ly) * ((current - lx) / (x - lx)))
                    } else {
                        // The scorer fails here (None in arithmetic); the value is undefined.
                        store(current, nil)
                    }
                    remaining.removeLast()
                    if remaining.isEmpty { break loop }
                    current = remaining[remaining.count - 1]
                    continue loop
                }
            }
            lastY = y
            lastX = x
            if next < points.count {
                x = points[next].x
                y = points[next].y
                next += 1
            } else {
                break loop
            }
        }
        lastY = y
        for t in remaining {
            if let lastY { store(t, lastY) } else { store(t, fallback) }
        }
        return out
    }

    /// `compute_auc_new`: the area under the DET curve (Pmiss against x) from x = 0 to `limit`,
    /// by trapezoids from (0, 1), where a point at x = 0 replaces the start's Pmiss; the curve is
    /// extended flat past its last point, or interpolated to the limit between the points around
    /// it. nil ("None") when the first point's Pmiss is undefined.
    static func audc(pMiss: [Double], x: [Double], limit: Double) -> Double? {
        var sum = 0.0
        var prevX = 0.0, prevY = 1.0
        var count = 0
        if !x.isEmpty {
            if pMiss[0].isNaN { return nil }
            while count < x.count {
                if limit < x[count] { break }
                if x[count] == 0 {
                    prevX = x[count]
                    prevY = pMiss[count]
                    count += 1
                    continue
                }
                let curX = x[count], curY = pMiss[count]
                sum = sum + (0.5 * (prevY + curY) * abs(curX - prevX))
                prevX = curX
                prevY = curY
                count += 1
            }
        }
        if count != 0 && limit == x[count - 1] { return sum }
        if count >= x.count { return sum + prevY * (limit - prevX) }
        let curX = limit
        let slope = (prevY - pMiss[count]) / (prevX - x[count])
        let intercept = prevY - slope * prevX
        let curY = curX * slope + intercept
        return sum + (0.5 * (prevY + curY) * abs(curX - prevX))
    }

    /// The indices of the thresholds kept by `-t limit` among `count` distinct ones (by
    /// decreasing value): numpy's `round(linspace(0, count − 1, limit))`, rounding half to even.
    static func resolutionIndices(count: Int, limit: Int) -> [Int] {
        guard limit > 1, count > limit else { return Array(0..<count) }
        let step = Double(count - 1) / Double(limit - 1)
        var indices = (0..<limit).map { Int((Double($0) * step).rounded(.toNearestOrEven)) }
        indices[limit - 1] = count - 1
        return indices
    }
}
