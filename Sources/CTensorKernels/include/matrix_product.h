// The convolutions' matrix product kernel (see matrix_product.c).
#ifndef MATRIX_PRODUCT_H
#define MATRIX_PRODUCT_H

#ifdef __cplusplus
extern "C" {
#endif

/// Whether `matrix_product` has its fast path on this CPU (AVX-512F); otherwise use BLAS.
int matrix_product_supported(void);

/// c[i·ldc + j] = (accumulate ? c[i·ldc + j] : 0) + Σ_p a[i·lda + p]·b[p·ldb + j], i < m, j < n, p < k,
/// row-major, on the calling thread. Reads and writes nothing outside the three matrices.
void matrix_product(long m, long n, long k, const float *a, long lda, const float *b, long ldb,
                    float *c, long ldc, int accumulate);

/// c[i·ldc + j] += Σ_p a[i·lda + p]·b[j·ldb + p], i < m, j < n, p < k: products of rows with rows
/// (A·Bᵀ), for long depths (k: pixels) and few rows and columns (channel counts); on the calling
/// thread. Sums run in 16 strided partial sums, then across them.
void matrix_product_transposed(long m, long n, long k, const float *a, long lda, const float *b, long ldb,
                               float *c, long ldc);

/// out[j·ld_out + i] = in[i·ld_in + j], i < rows, j < cols.
void matrix_transpose(const float *in, long rows, long cols, long ld_in, float *out, long ld_out);

#ifdef __cplusplus
}
#endif

#endif
