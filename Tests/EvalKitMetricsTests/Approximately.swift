@testable import EvalKitMetrics

/// Whether two metric values agree: both NaN, or equal within `tolerance` (absolute).
func agrees(_ a: Double, _ b: Double, tolerance: Double) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    if a.isInfinite || b.isInfinite { return a == b }
    return abs(a - b) <= tolerance
}

/// Every difference between two computations: keys, values (to `tolerance`), per-class values
/// (matched by label), confusion counts and operating points. Empty when they agree.
func differences(
    _ a: ComputedMetrics, _ b: ComputedMetrics, tolerance: Double, relabel: [String: String] = [:]
) -> [String] {
    var out: [String] = []
    out += differences(a.metrics, b.metrics, tolerance: tolerance, context: "metrics")
    if a.count != b.count { out.append("count \(a.count) vs \(b.count)") }
    let theirs = Dictionary(uniqueKeysWithValues: b.perClass.map { ($0.label, $0.metrics) })
    if a.perClass.count != b.perClass.count { out.append("perClass count differs") }
    for (label, values) in a.perClass {
        let mapped = relabel[label] ?? label
        guard let other = theirs[mapped] else {
            out.append("perClass '\(mapped)' missing")
            continue
        }
        out += differences(values, other, tolerance: tolerance, context: "perClass '\(label)'")
    }
    if a.operatingPoints.count != b.operatingPoints.count { out.append("operating point count differs") }
    for (p, q) in zip(a.operatingPoints, b.operatingPoints) {
        if p.targetMetric != q.targetMetric || p.targetValue != q.targetValue
            || !agrees(p.threshold, q.threshold, tolerance: tolerance)
        {
            out.append("operating point \(p.targetMetric)=\(p.targetValue) differs")
        }
        out += differences(p.metrics, q.metrics, tolerance: tolerance, context: "operating point")
    }
    return out
}

func differences(_ a: MetricValues, _ b: MetricValues, tolerance: Double, context: String) -> [String] {
    var out: [String] = []
    if a.keys != b.keys { out.append("\(context): keys \(a.keys) vs \(b.keys)") }
    for key in a.keys {
        guard let x = a[key], let y = b[key] else { continue }
        if !agrees(x, y, tolerance: tolerance) { out.append("\(context).\(key): \(x) vs \(y)") }
        if x.isNaN && a.undefinedReasons[key] == nil { out.append("\(context).\(key): NaN without reason") }
    }
    return out
}
