extension EmbeddingMatrix {
    /// First non-finite value (NaN or ±Inf): row, column, and how many rows have one; nil when all finite.
    ///
    /// "First" is in row-major order (the lowest row, then the lowest column in it). A face
    /// verification run refuses such a matrix: a NaN similarity would make every threshold's
    /// counts wrong without a visible sign.
    ///
    /// - Complexity: one pass over the values, branch-free within a row.
    public func firstNonFinite() -> (row: Int, column: Int, rowsAffected: Int)? {
        guard columns > 0 else { return nil }
        var first: (row: Int, column: Int)?
        var rowsAffected = 0
        let columns = columns
        values.withUnsafeBytes { raw in
            let bits = raw.bindMemory(to: UInt32.self)
            for row in 0..<rows {
                let start = row * columns
                // A float is NaN or ±Inf when its 8 exponent bits are all ones; adding one to the
                // exponent field then carries into bit 31, so OR-ing those sums flags the row.
                var carry: UInt32 = 0
                for index in start..<(start + columns) {
                    carry |= (bits[index] & 0x7F80_0000) &+ 0x0080_0000
                }
                guard carry & 0x8000_0000 != 0 else { continue }
                rowsAffected += 1
                if first == nil {
                    let column = (0..<columns).first { !Float(bitPattern: bits[start + $0]).isFinite }!
                    first = (row, column)
                }
            }
        }
        guard let first else { return nil }
        return (first.row, first.column, rowsAffected)
    }
}
