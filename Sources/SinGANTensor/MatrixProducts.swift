import CTensorKernels

/// The convolutions' matrix products, on the calling thread.
///
/// On CPUs with AVX-512 they run in `CTensorKernels`' product kernel, which reads its operands
/// in place (no packing copies) and runs at about twice OpenBLAS's rate on these small shapes
/// (OpenBLAS's kernels here are AVX2); elsewhere they go to OpenBLAS.
enum MatrixProducts {
    /// Whether the AVX-512 product kernel runs on this CPU.
    static let usesOwnKernel = matrix_product_supported() != 0

    /// c [m, n] = a [m, k] · b [k, n], or c += a · b when `accumulate` (row-major, leading
    /// dimensions given).
    static func multiply(m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                         into c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool = false) {
        if usesOwnKernel {
            matrix_product(m, n, k, a, lda, b, ldb, c, ldc, accumulate ? 1 : 0)
        } else {
            BLAS.sgemm(transposeA: false, transposeB: false, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb,
                       beta: accumulate ? 1 : 0, c: c, ldc: ldc)
        }
    }

    /// c [m, n] += a [m, k] · bᵀ where b is [n, k] (row-major, contiguous rows of length k).
    /// `transposeScratch` holds k·n floats (used only by the own kernel, for bᵀ).
    static func accumulateTransposed(m: Int, n: Int, k: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
                                     into c: UnsafeMutablePointer<Float>, transposeScratch: UnsafeMutablePointer<Float>) {
        if usesOwnKernel {
            matrix_transpose(b, n, k, k, transposeScratch, n)
            matrix_product(m, n, k, a, k, transposeScratch, n, c, n, 1)
        } else {
            BLAS.sgemm(transposeA: false, transposeB: true, m: m, n: n, k: k, a: a, lda: k, b: b, ldb: k,
                       beta: 1, c: c, ldc: n)
        }
    }

    /// c [m, n] += a [m, k] · bᵀ where b is [n, k], both read in place with leading dimensions
    /// `lda`, `ldb`: m·n dot products of length k, for long k (pixels) and few rows and columns.
    static func accumulateRowProducts(m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int,
                                      b: UnsafePointer<Float>, ldb: Int, into c: UnsafeMutablePointer<Float>, ldc: Int) {
        if usesOwnKernel {
            matrix_product_transposed(m, n, k, a, lda, b, ldb, c, ldc)
        } else {
            BLAS.sgemm(transposeA: false, transposeB: true, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb,
                       beta: 1, c: c, ldc: ldc)
        }
    }
}
