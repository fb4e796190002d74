import COpenBLAS

/// Thin, typed access to OpenBLAS's single-precision GEMM.
///
/// The convolution kernels split work across cores themselves, so OpenBLAS is asked to run every
/// call on the calling thread (its own worker pool would fight ours).
public enum BLAS {
    private static let singleThreaded: Void = { openblas_set_num_threads(1) }()

    /// C = alpha · op(A) · op(B) + beta · C, row-major; op is a transpose when the flag is set.
    @inlinable
    public static func sgemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float = 1,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        ensureConfigured()
        cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// Applies the threading policy once; called by every entry point.
    @usableFromInline
    static func ensureConfigured() { _ = singleThreaded }
}
