/// Disparity measures over per-slice values of any metric of any task.
///
/// - `between`: smallest and largest slice value, difference and ratio (Fairlearn
///   `MetricFrame`, `method="between_groups"`);
/// - `toOverall`: distance of each slice from the value on all rows (Fairlearn,
///   `method="to_overall"`);
/// - `toReference`: each slice against a reference slice (Aequitas `Bias` disparities and
///   `Fairness` parity flags), in Disparities+Reference.swift.
///
/// Suppressed slices and slices whose value is NaN are left out (reported in `leftOut`), which is
/// what Fairlearn's NaN-skipping `min`/`max` does with undefined group values.
/// - Complexity: O(n) in the number of slices.
public enum Disparities {
    /// Smallest and largest value over the slices that are neither suppressed nor undefined.
    ///
    /// `difference = max - min`, `ratio = min / max` (IEEE: 0/0 is NaN, x/0 is ±∞; values are
    /// not folded, so negative values can give a ratio below 0 or above 1, as Fairlearn's
    /// `group_min() / group_max()`). Ties: `minSlice`/`maxSlice` is the first slice in input
    /// order holding the value. With no compared slice every value is NaN and the slices nil.
    public static func between(metric: String, by: [String], slices: [SliceValue]) -> Disparity {
        let (compared, leftOut) = SliceKeys.partition(slices)
        var low: SliceValue?
        var high: SliceValue?
        for slice in compared {
            if low == nil || slice.value < low!.value { low = slice }
            if high == nil || slice.value > high!.value { high = slice }
        }
        let min = low?.value ?? .nan
        let max = high?.value ?? .nan
        return Disparity(
            metric: metric, by: by, min: min, max: max, difference: max - min, ratio: min / max,
            minSlice: low?.key, maxSlice: high?.key, compared: compared.count, leftOut: leftOut)
    }

    /// Each compared slice against `overall`, the metric on all rows (Fairlearn's
    /// `difference(method="to_overall")` and `ratio(method="to_overall")`).
    ///
    /// `difference` is the largest `|value - overall|`; `ratio` the smallest `r = value / overall`
    /// after folding `r > 1` to `1/r`, skipping slices where `r` is NaN (value and overall both 0).
    /// NaN when nothing is left to compare or `overall` is NaN. Ties: the first slice in order.
    public static func toOverall(metric: String, by: [String], slices: [SliceValue], overall: Double)
        -> OverallDisparity
    {
        let (compared, leftOut) = SliceKeys.partition(slices)
        var difference = Double.nan
        var ratio = Double.nan
        var differenceSlice: [(attribute: String, value: String)]?
        var ratioSlice: [(attribute: String, value: String)]?
        for slice in compared {
            let distance = abs(slice.value - overall)
            if !distance.isNaN && (difference.isNaN || distance > difference) {
                difference = distance
                differenceSlice = slice.key
            }
            let r = foldedRatio(slice.value / overall)
            if !r.isNaN && (ratio.isNaN || r < ratio) {
                ratio = r
                ratioSlice = slice.key
            }
        }
        return OverallDisparity(
            metric: metric, by: by, overall: overall, difference: difference, ratio: ratio,
            differenceSlice: differenceSlice, ratioSlice: ratioSlice, compared: compared.count,
            leftOut: leftOut)
    }

    /// Fairlearn's `ratio_sub_one`: `1/r` when `r > 1`, else `r` (NaN stays NaN).
    static func foldedRatio(_ r: Double) -> Double { r > 1 ? 1 / r : r }
}
