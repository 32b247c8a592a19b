import CBLAS

/// Thin Swift wrappers over OpenBLAS (`libopenblas-dev`), the matrix kernels of the metrics core.
/// Metric code calls these and never touches C pointers itself. Verification's similarity stage
/// (issue: face verification) builds on `gemm`.
public enum BLAS {
    /// Σ x[i]·y[i] in double precision (`cblas_ddot`).
    public static func dot(_ x: [Double], _ y: [Double]) -> Double {
        precondition(x.count == y.count, "BLAS.dot: lengths differ")
        return cblas_ddot(Int32(x.count), x, 1, y, 1)
    }

    /// C = A·Bᵀ for row-major single-precision A (m×k) and B (n×k): the similarity matrix of two
    /// sets of embeddings (`cblas_sgemm`). Returns C row-major (m×n).
    public static func gemmTransposed(_ a: [Float], rows m: Int, _ b: [Float], rows n: Int, columns k: Int) -> [Float] {
        precondition(a.count == m * k && b.count == n * k, "BLAS.gemmTransposed: shapes do not match")
        var c = [Float](repeating: 0, count: m * n)
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(m), Int32(n), Int32(k),
                    1, a, Int32(k), b, Int32(k), 0, &c, Int32(n))
        return c
    }

    /// C = A·Bᵀ into `c` (row-major, `m`×`n`, leading dimension `n`) for row-major A (`m`×`k`)
    /// and B (`n`×`k`) given as buffers: one tile of a similarity matrix, computed on the calling
    /// thread when `singleThreaded()` was called (callers run tiles on their own threads).
    public static func gemmTransposed(_ a: UnsafeBufferPointer<Float>, rows m: Int, _ b: UnsafeBufferPointer<Float>, rows n: Int,
                                      columns k: Int, into c: UnsafeMutableBufferPointer<Float>) {
        precondition(a.count >= m * k && b.count >= n * k && c.count >= m * n, "BLAS.gemmTransposed: buffers too small")
        guard m > 0 && n > 0 else { return }
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(m), Int32(n), Int32(k),
                    1, a.baseAddress, Int32(k), b.baseAddress, Int32(k), 0, c.baseAddress, Int32(n))
    }

    /// Makes every OpenBLAS call run on the calling thread only (`openblas_set_num_threads(1)`):
    /// evalkit spreads tiles over its own threads, which overlap the products with the scans.
    public static func singleThreaded() { openblas_set_num_threads(1) }
}
