// The convolutions' matrix products, C = A·B (or C += A·B), row-major, single threaded, for CPUs
// with AVX-512.
//
// Each product is small (rows and depth are channel counts, 1–128; columns are the tiles of one
// Winograd block or one strip of pixels, ~100–4000) and is used once, so a general GEMM's packing
// copies cost as much as they save.
// This kernel reads A and B in place: it keeps an 8-row × 48-column block of C in 24 vector
// registers, and for every k loads 48 values of B's row k and broadcasts 8 values of A's column
// k. The sum over k runs in order with fused multiply-adds. Columns past a multiple of 16 use
// masked loads and stores, so nothing is read or written beyond the matrices.
#include "matrix_product.h"

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

/// All full 8-row blocks of one column block, then the remaining rows as one block.
AVX512 INLINE void column_block(int vectors, long m, long left, long k, const float *a, long lda,
                                const float *b, long ldb, float *c, long ldc, int accumulate) {
    long i = 0;
    for (; i + 8 <= m; i += 8) block(8, vectors, left, k, a + i * lda, lda, b, ldb, c + i * ldc, ldc, accumulate);
    a += i * lda;
    c += i * ldc;
    switch (m - i) {   // constant row counts, so each remainder block also stays in registers
    case 7: block(7, vectors, left, k, a, lda, b, ldb, c, ldc, accumulate); break;
    case 6: block(6, vectors, left, k, a, lda, b, ldb, c, ldc, accumulate); break;
    case 5: block(5, vectors, left, k, a, lda, b, ldb, c, ldc, accumulate); break;
    case 4: block(4, vectors, left, k, a, lda, b, ldb, c, ldc, accumulate); break;
    case 3: block(3, vectors, left, k, a, lda, b, ldb, c, ldc, accumulate); break;
    case 2: block(2, vectors, left, k, a, lda, b, ldb, c, ldc, accumulate); break;
    case 1: block(1, vectors, left, k, a, lda, b, ldb, c, ldc, accumulate); break;
    default: break;
    }
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

/// C[i][j] += Σ_p A[i][p]·B[j][p] for a block of up to 4 × 4 entries: 16 vector accumulators over
/// the depth in steps of 16 (the last step masked), then one horizontal sum each. Rows and columns
/// past `rows`/`cols` repeat the last real one and are not stored.
AVX512 INLINE void dot_block(long rows, long cols, long k, const float *a, long lda, const float *b, long ldb,
                             float *c, long ldc) {
    const float *ar[4], *br[4];
    for (int r = 0; r < 4; r++) ar[r] = a + (r < rows ? r : rows - 1) * lda;
    for (int q = 0; q < 4; q++) br[q] = b + (q < cols ? q : cols - 1) * ldb;
    __m512 sum[4][4];
    for (int r = 0; r < 4; r++)
        for (int q = 0; q < 4; q++) sum[r][q] = _mm512_setzero_ps();
    for (long p = 0; p < k; p += 16) {
        __mmask16 mask = lanes(k - p);
        __m512 x[4], y[4];
        for (int r = 0; r < 4; r++) x[r] = _mm512_maskz_loadu_ps(mask, ar[r] + p);
        for (int q = 0; q < 4; q++) y[q] = _mm512_maskz_loadu_ps(mask, br[q] + p);
        for (int r = 0; r < 4; r++)
            for (int q = 0; q < 4; q++) sum[r][q] = _mm512_fmadd_ps(x[r], y[q], sum[r][q]);
    }
    for (int r = 0; r < rows; r++)
        for (int q = 0; q < cols; q++) c[r * ldc + q] += _mm512_reduce_add_ps(sum[r][q]);
}

AVX512 static void dot_products_avx512(long m, long n, long k, const float *a, long lda, const float *b, long ldb,
                                       float *c, long ldc) {
    for (long i = 0; i < m; i += 4)
        for (long j = 0; j < n; j += 4)
            dot_block(m - i < 4 ? m - i : 4, n - j < 4 ? n - j : 4, k, a + i * lda, lda, b + j * ldb, ldb,
                      c + i * ldc + j, ldc);
}

int matrix_product_supported(void) { return __builtin_cpu_supports("avx512f"); }

void matrix_product_transposed(long m, long n, long k, const float *a, long lda, const float *b, long ldb,
                               float *c, long ldc) {
    dot_products_avx512(m, n, k, a, lda, b, ldb, c, ldc);
}

void matrix_product(long m, long n, long k, const float *a, long lda, const float *b, long ldb,
                   float *c, long ldc, int accumulate) {
    gemm_avx512(m, n, k, a, lda, b, ldb, c, ldc, accumulate);
}

#else

int matrix_product_supported(void) { return 0; }

void matrix_product_transposed(long m, long n, long k, const float *a, long lda, const float *b, long ldb,
                               float *c, long ldc) {
    for (long i = 0; i < m; i++)
        for (long j = 0; j < n; j++) {
            float s = 0;
            for (long p = 0; p < k; p++) s += a[i * lda + p] * b[j * ldb + p];
            c[i * ldc + j] += s;
        }
}

void matrix_product(long m, long n, long k, const float *a, long lda, const float *b, long ldb,
                   float *c, long ldc, int accumulate) {
    // Portable reference (callers use BLAS instead when `matrix_product_supported()` is 0).
    for (long i = 0; i < m; i++)
        for (long j = 0; j < n; j++) {
            float s = accumulate ? c[i * ldc + j] : 0;
            for (long p = 0; p < k; p++) s += a[i * lda + p] * b[p * ldb + j];
            c[i * ldc + j] = s;
        }
}

#endif

/// out[j·ld_out + i] = in[i·ld_in + j] element by element: the edges of the blocked transpose, and
/// the whole of it on other CPUs.
static void transpose_plain(const float *in, long rows, long cols, long ld_in, float *out, long ld_out) {
    for (long i = 0; i < rows; i++)
        for (long j = 0; j < cols; j++) out[j * ld_out + i] = in[i * ld_in + j];
}

#if defined(__x86_64__) && defined(__clang__)
/// One 8×8 block through AVX registers (unpack, shuffle, lane permute: the classic 24 shuffles).
AVX512 INLINE void transpose8(const float *in, long ld_in, float *out, long ld_out) {
    __m256 r[8], t[8];
    for (int i = 0; i < 8; i++) r[i] = _mm256_loadu_ps(in + i * ld_in);
    for (int i = 0; i < 8; i += 2) {
        t[i] = _mm256_unpacklo_ps(r[i], r[i + 1]);
        t[i + 1] = _mm256_unpackhi_ps(r[i], r[i + 1]);
    }
    for (int i = 0; i < 8; i += 4) {
        r[i] = _mm256_shuffle_ps(t[i], t[i + 2], 0x44);
        r[i + 1] = _mm256_shuffle_ps(t[i], t[i + 2], 0xEE);
        r[i + 2] = _mm256_shuffle_ps(t[i + 1], t[i + 3], 0x44);
        r[i + 3] = _mm256_shuffle_ps(t[i + 1], t[i + 3], 0xEE);
    }
    for (int i = 0; i < 4; i++) {
        _mm256_storeu_ps(out + i * ld_out, _mm256_permute2f128_ps(r[i], r[i + 4], 0x20));
        _mm256_storeu_ps(out + (i + 4) * ld_out, _mm256_permute2f128_ps(r[i], r[i + 4], 0x31));
    }
}

/// Whole 8×8 blocks in registers; the last columns and rows (fewer than 8) element by element.
AVX512 static void transpose_avx512(const float *in, long rows, long cols, long ld_in, float *out, long ld_out) {
    long full_rows = rows - rows % 8, full_cols = cols - cols % 8;
    for (long i0 = 0; i0 < full_rows; i0 += 8)
        for (long j0 = 0; j0 < full_cols; j0 += 8) transpose8(in + i0 * ld_in + j0, ld_in, out + j0 * ld_out + i0, ld_out);
    transpose_plain(in + full_cols, full_rows, cols - full_cols, ld_in, out + full_cols * ld_out, ld_out);
    transpose_plain(in + full_rows * ld_in, rows - full_rows, cols, ld_in, out + full_rows, ld_out);
}
#endif

void matrix_transpose(const float *in, long rows, long cols, long ld_in, float *out, long ld_out) {
#if defined(__x86_64__) && defined(__clang__)
    if (matrix_product_supported()) {
        transpose_avx512(in, rows, cols, ld_in, out, ld_out);
        return;
    }
#endif
    transpose_plain(in, rows, cols, ld_in, out, ld_out);
}
