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
}
