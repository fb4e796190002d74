// The matrix products of the Winograd convolutions, C = A·B (or C += A·B), row-major, single
// threaded, for CPUs with AVX-512.
//
// Each product is small (rows and depth are channel counts, 16–128; columns are the tiles of one
// block, ~100–300) and is used once, so a general GEMM's packing copies cost as much as they save.
// This kernel reads A and B in place: it keeps an 8-row × 48-column block of C in 24 vector
// registers, and for every k loads 48 values of B's row k and broadcasts 8 values of A's column
// k. The sum over k runs in order with fused multiply-adds. Columns past a multiple of 16 use
// masked loads and stores, so nothing is read or written beyond the matrices.
#include "winograd_kernels.h"

#if defined(__x86_64__) && defined(__clang__)
#include <immintrin.h>

#define AVX512 __attribute__((target("avx512f")))
#define INLINE static inline __attribute__((always_inline))

/// Lanes of the last vector of a column block that are inside the matrix.
AVX512 INLINE __mmask16 lanes(long left) { return left >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << left) - 1); }

/// C[0..<rows][0..<16·vectors (cut at `left`)] (+)= A[0..<rows][0..<k] · B[0..<k][same columns].
/// `rows` ≤ 8 and `vectors` ≤ 3 are constants after inlining, so the block stays in registers.
AVX512 INLINE void block(int rows, int vectors, long left, long k, const float *a, long lda,
                         const float *b, long ldb, float *c, long ldc, int accumulate) {
    __mmask16 last = lanes(left - 16 * (vectors - 1));
    __mmask16 mask[3] = {0xFFFF, 0xFFFF, 0xFFFF};
    mask[vectors - 1] = last;
    __m512 sum[8][3];
    for (int r = 0; r < rows; r++)
        for (int v = 0; v < vectors; v++)
            sum[r][v] = accumulate ? _mm512_maskz_loadu_ps(mask[v], c + r * ldc + 16 * v) : _mm512_setzero_ps();
    for (long p = 0; p < k; p++) {
        __m512 x[3];
        for (int v = 0; v < vectors; v++) x[v] = _mm512_maskz_loadu_ps(mask[v], b + p * ldb + 16 * v);
        for (int r = 0; r < rows; r++) {
            __m512 y = _mm512_set1_ps(a[r * lda + p]);
            for (int v = 0; v < vectors; v++) sum[r][v] = _mm512_fmadd_ps(y, x[v], sum[r][v]);
        }
    }
    for (int r = 0; r < rows; r++)
        for (int v = 0; v < vectors; v++) _mm512_mask_storeu_ps(c + r * ldc + 16 * v, mask[v], sum[r][v]);
}

/// All full 8-row blocks of one column block, then the remaining rows one at a time.
AVX512 INLINE void column_block(int vectors, long m, long left, long k, const float *a, long lda,
                                const float *b, long ldb, float *c, long ldc, int accumulate) {
    long i = 0;
    for (; i + 8 <= m; i += 8) block(8, vectors, left, k, a + i * lda, lda, b, ldb, c + i * ldc, ldc, accumulate);
    for (; i < m; i++) block(1, vectors, left, k, a + i * lda, lda, b, ldb, c + i * ldc, ldc, accumulate);
}

AVX512 static void gemm_avx512(long m, long n, long k, const float *a, long lda, const float *b, long ldb,
                               float *c, long ldc, int accumulate) {
    for (long j = 0; j < n; j += 48) {
        long left = n - j;
        if (left > 32) column_block(3, m, left, k, a, lda, b + j, ldb, c + j, ldc, accumulate);
        else if (left > 16) column_block(2, m, left, k, a, lda, b + j, ldb, c + j, ldc, accumulate);
        else column_block(1, m, left, k, a, lda, b + j, ldb, c + j, ldc, accumulate);
    }
}

int winograd_gemm_supported(void) { return __builtin_cpu_supports("avx512f"); }

void winograd_gemm(long m, long n, long k, const float *a, long lda, const float *b, long ldb,
                   float *c, long ldc, int accumulate) {
    gemm_avx512(m, n, k, a, lda, b, ldb, c, ldc, accumulate);
}

#else

int winograd_gemm_supported(void) { return 0; }

void winograd_gemm(long m, long n, long k, const float *a, long lda, const float *b, long ldb,
                   float *c, long ldc, int accumulate) {
    // Portable reference (callers use BLAS instead when `winograd_gemm_supported()` is 0).
    for (long i = 0; i < m; i++)
        for (long j = 0; j < n; j++) {
            float s = accumulate ? c[i * ldc + j] : 0;
            for (long p = 0; p < k; p++) s += a[i * lda + p] * b[p * ldb + j];
            c[i * ldc + j] = s;
        }
}

#endif

void winograd_transpose(const float *in, long rows, long cols, long ld_in, float *out, long ld_out) {
    // 8×8 blocks keep both sides within a few cache lines.
    for (long i0 = 0; i0 < rows; i0 += 8)
        for (long j0 = 0; j0 < cols; j0 += 8) {
            long i1 = i0 + 8 < rows ? i0 + 8 : rows, j1 = j0 + 8 < cols ? j0 + 8 : cols;
            for (long i = i0; i < i1; i++)
                for (long j = j0; j < j1; j++) out[j * ld_out + i] = in[i * ld_in + j];
        }
}
