// CTensorKernels: the 1-D transform passes of Winograd F(4×4, 3×3), vectorised.
//
// Each function is the C twin of one requirement of SinGANTensor's `WinogradTransform` protocol
// (see WinogradTransform.swift for the exact index formulas). They compute exactly the same
// operations in the same order as the portable Swift code (no FMA contraction), so results are
// bit-identical on every machine; the gain is vector width. Each function is compiled for
// AVX-512, AVX2 and baseline x86-64 and the loader picks the best one the CPU has
// (`target_clones`); other architectures get the plain build.
//
// Every pointer is `restrict`: inputs and outputs never overlap. The row passes read whole
// groups of eight tiles, so their input must stay readable (any values) for
// WINOGRAD_F4_ROW_SLACK floats past its last used one. The input and gradient row passes also
// store whole groups: up to WINOGRAD_ROW_OVERRUN floats past the last tile of each output plane
// may be overwritten (with finite values); the other passes write their outputs exactly.
#ifndef WINOGRAD_KERNELS_H
#define WINOGRAD_KERNELS_H

#ifdef __cplusplus
extern "C" {
#endif

/// Floats past the end of a row pass's input that must be readable.
#define WINOGRAD_F4_ROW_SLACK 40

/// Floats past the last tile of an output plane that the input and gradient row passes may overwrite.
#define WINOGRAD_ROW_OVERRUN 8

/// Bᵀ down six input rows: out[k·stride + x] = Σⱼ Bᵀ[k][j]·rows[j][x], k < 6, x < count.
void winograd_f4_input_columns(const float *const rows[6], long count, float *out, long stride);

/// Bᵀ along a row of 4·tiles + 2 values: out[i·planeStride + t] = Σⱼ Bᵀ[i][j]·row[4t + j].
void winograd_f4_input_row(const float *row, long tiles, float *out, long planeStride);

/// Aᵀ over the ξy planes: out[(j·6 + ξx)·tiles + t] = Σ_ξy Aᵀ[j][ξy]·products[(ξy·6 + ξx)·planeStride + t].
void winograd_f4_output_columns(const float *products, long planeStride, long tiles, float *out);

/// Aᵀ over ξx plus the bias, then leaky ReLU, 4 interleaved pixels per tile:
/// y = bias + Σ Aᵀ[i][ξx]·columns[ξx·stride + t], out[4t + i] = max(y, slope·y) (0 ≤ slope ≤ 1; 1 keeps y),
/// for the first `pixels` outputs (the last tile may be cut short).
void winograd_f4_output_row(const float *columns, long stride, long pixels, float bias, float slope, float *out);

/// A down four gradient rows: out[k·stride + x] = Σⱼ A[k][j]·rows[j][x], k < 6, x < count.
void winograd_f4_gradient_columns(const float *const rows[4], long count, float *out, long stride);

/// A along a row of 4·tiles values: out[k·planeStride + t] = Σᵢ A[k][i]·row[4t + i].
void winograd_f4_gradient_row(const float *row, long tiles, float *out, long planeStride);

#ifdef __cplusplus
}
#endif

#endif
