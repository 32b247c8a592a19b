/// Averages of per-class values with scikit-learn's NaN rules (`sklearn.utils.extmath._nanaverage`).
///
/// NaN entries (0/0 under `zero_division=nan`) are left out of every average; an average over
/// no finite entry is NaN.
@usableFromInline
internal enum Averaging {
    /// Unweighted mean of the non-NaN values (scikit-learn's `average="macro"`).
    static func macro(_ values: [Double]) -> Double {
        var sum = 0.0
        var count = 0
        for v in values where !v.isNaN {
            sum += v
            count += 1
        }
        return count == 0 ? .nan : sum / Double(count)
    }

    /// Mean of the non-NaN values weighted by `weights` (`average="weighted"`, weights = support).
    /// When the remaining weights sum to 0, scikit-learn falls back to the unweighted mean.
    static func weighted(_ values: [Double], weights: [Double]) -> Double {
        var sum = 0.0
        var weightSum = 0.0
        var any = false
        for (v, w) in zip(values, weights) where !v.isNaN {
            sum += v * w
            weightSum += w
            any = true
        }
        if !any { return .nan }
        if weightSum == 0 { return macro(values) }
        return sum / weightSum
    }
}
