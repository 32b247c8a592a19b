extension EmbeddingMatrix {
    /// Scales each row to unit L2 norm (norm accumulated in Double, the scale applied in Float);
    /// returns the indices of zero rows (norm 0), left unchanged.
    ///
    /// Definition, per row `x`: `norm = sqrt(Σ Double(x[j])²)` (summed in column order), then
    /// `x[j] = x[j] * Float(1 / norm)`. Accumulating in Double keeps the norm accurate and free of
    /// overflow for any finite float32 row. When `Float(1 / norm)` is not a normal float (a norm
    /// above about 8.5e37, where the scale would be subnormal and lose digits, or below about
    /// 2.9e-39, where it would overflow), each value is divided in Double instead:
    /// `x[j] = Float(Double(x[j]) / norm)`.
    ///
    /// The returned indices are in increasing order. Rows holding NaN or ±Inf come out
    /// meaningless (NaN or 0): check `firstNonFinite()` first.
    ///
    /// - Complexity: two passes over the values.
    public mutating func normalizeRows() -> [Int] {
        var zeroRows: [Int] = []
        let (rows, columns) = (rows, columns)
        values.withUnsafeMutableBufferPointer { all in
            guard let base = all.baseAddress else {
                zeroRows = Array(0..<rows)
                return
            }
            for row in 0..<rows {
                let values = UnsafeMutableBufferPointer(start: base + row * columns, count: columns)
                var sum = 0.0
                for value in values {
                    let v = Double(value)
                    sum += v * v
                }
                if sum == 0 {
                    zeroRows.append(row)
                    continue
                }
                let norm = sum.squareRoot()
                let scale = Float(1 / norm)
                if scale.isNormal {
                    for index in values.indices { values[index] *= scale }
                } else {
                    for index in values.indices { values[index] = Float(Double(values[index]) / norm) }
                }
            }
        }
        return zeroRows
    }
}
