import Testing
@testable import EvalKitMetrics

/// The OpenBLAS wiring: results equal a plain Swift loop.
@Suite struct BLASTests {
    @Test func dotMatchesLoop() {
        let x = (0..<100).map { Double($0) * 0.5 }
        let y = (0..<100).map { Double(100 - $0) }
        let expected = zip(x, y).reduce(0) { $0 + $1.0 * $1.1 }
        #expect(abs(BLAS.dot(x, y) - expected) < 1e-9)
    }

    @Test func gemmTransposedMatchesLoop() {
        let (m, n, k) = (3, 4, 5)
        let a = (0..<m * k).map { Float($0 % 7) - 3 }
        let b = (0..<n * k).map { Float($0 % 5) * 0.5 }
        let c = BLAS.gemmTransposed(a, rows: m, b, rows: n, columns: k)
        for i in 0..<m {
            for j in 0..<n {
                var sum: Float = 0
                for t in 0..<k { sum += a[i * k + t] * b[j * k + t] }
                #expect(abs(c[i * n + j] - sum) < 1e-4)
            }
        }
    }
}
