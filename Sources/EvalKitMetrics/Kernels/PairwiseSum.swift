/// numpy's summation of a contiguous double array (`pairwise_sum_DOUBLE` in
/// numpy/_core/src/umath/loops_utils.h.src), bit for bit: below 8 values a plain loop; up to 128
/// eight running sums combined as ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)) plus the tail; above, the
/// halves (the first a multiple of 8) summed recursively. `np.sum`/`np.mean` of a 1-D array
/// give `0 + pairwiseSum(values)`, so means computed with it equal pycocotools' to the last bit.
public func pairwiseSum(_ values: UnsafeBufferPointer<Double>) -> Double {
    let n = values.count
    if n < 8 {
        var sum = 0.0
        for v in values { sum += v }
        return sum
    }
    if n <= 128 {
        var r = (values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7])
        var i = 8
        while i < n - n % 8 {
            r.0 += values[i]; r.1 += values[i + 1]; r.2 += values[i + 2]; r.3 += values[i + 3]
            r.4 += values[i + 4]; r.5 += values[i + 5]; r.6 += values[i + 6]; r.7 += values[i + 7]
            i += 8
        }
        var sum = ((r.0 + r.1) + (r.2 + r.3)) + ((r.4 + r.5) + (r.6 + r.7))
        while i < n {
            sum += values[i]
            i += 1
        }
        return sum
    }
    var half = n / 2
    half -= half % 8
    return pairwiseSum(UnsafeBufferPointer(rebasing: values[0..<half])) + pairwiseSum(UnsafeBufferPointer(rebasing: values[half..<n]))
}

/// `numpy.mean` of a 1-D double array; NaN when empty.
public func numpyMean(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return .nan }
    return values.withUnsafeBufferPointer { (0 + pairwiseSum($0)) / Double(values.count) }
}
