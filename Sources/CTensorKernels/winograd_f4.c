// The 1-D passes of Winograd F(4×4, 3×3); formulas and order of operations as in WinogradF4.swift.
//
// The row passes read or write four interleaved pixels per tile. They work on eight tiles at a
// time in registers: shuffles split the pixels into four phase vectors (phase r holds pixel
// 4t + r of each tile t), the transform runs on whole vectors, and the output pass shuffles the
// result back. The last, partial group of tiles is computed the same way from the row's
// readable slack (see the header); the output pass stores only its real lanes, the input and
// gradient row passes store it whole (WINOGRAD_ROW_OVERRUN).
#include "winograd_kernels.h"

#pragma STDC FP_CONTRACT OFF

#include "vectorised.h"

// Eight floats in a vector register (AVX), with unaligned loads and stores; clang lowers the
// shuffles below to the best instructions of each clone's target.
typedef float Vec8 __attribute__((ext_vector_type(8), aligned(4)));

#define LOAD(p) (*(const Vec8 *)(p))
#define STORE(p, v) (*(Vec8 *)(p) = (v))

/// Pixels 4t + r of eight tiles starting at `e`, split into phases p[r] (lane t).
static inline __attribute__((always_inline))
void deinterleave4(const float *e, Vec8 *p0, Vec8 *p1, Vec8 *p2, Vec8 *p3) {
    Vec8 v0 = LOAD(e), v1 = LOAD(e + 8), v2 = LOAD(e + 16), v3 = LOAD(e + 24);
    Vec8 a01 = __builtin_shufflevector(v0, v1, 0, 4, 8, 12, 1, 5, 9, 13);
    Vec8 b01 = __builtin_shufflevector(v0, v1, 2, 6, 10, 14, 3, 7, 11, 15);
    Vec8 a23 = __builtin_shufflevector(v2, v3, 0, 4, 8, 12, 1, 5, 9, 13);
    Vec8 b23 = __builtin_shufflevector(v2, v3, 2, 6, 10, 14, 3, 7, 11, 15);
    *p0 = __builtin_shufflevector(a01, a23, 0, 1, 2, 3, 8, 9, 10, 11);
    *p1 = __builtin_shufflevector(a01, a23, 4, 5, 6, 7, 12, 13, 14, 15);
    *p2 = __builtin_shufflevector(b01, b23, 0, 1, 2, 3, 8, 9, 10, 11);
    *p3 = __builtin_shufflevector(b01, b23, 4, 5, 6, 7, 12, 13, 14, 15);
}

/// The inverse of `deinterleave4`: y[4t + r] = p[r][t] for the eight tiles.
static inline __attribute__((always_inline))
void interleave4(const Vec8 q[4], float *y) {
    Vec8 q0 = q[0], q1 = q[1], q2 = q[2], q3 = q[3];
    Vec8 a = __builtin_shufflevector(q0, q1, 0, 8, 1, 9, 2, 10, 3, 11);    // phases 0, 1 of tiles 0–3
    Vec8 b = __builtin_shufflevector(q0, q1, 4, 12, 5, 13, 6, 14, 7, 15);  // … of tiles 4–7
    Vec8 c = __builtin_shufflevector(q2, q3, 0, 8, 1, 9, 2, 10, 3, 11);    // phases 2, 3 of tiles 0–3
    Vec8 d = __builtin_shufflevector(q2, q3, 4, 12, 5, 13, 6, 14, 7, 15);
    STORE(y, __builtin_shufflevector(a, c, 0, 1, 8, 9, 2, 3, 10, 11));
    STORE(y + 8, __builtin_shufflevector(a, c, 4, 5, 12, 13, 6, 7, 14, 15));
    STORE(y + 16, __builtin_shufflevector(b, d, 0, 1, 8, 9, 2, 3, 10, 11));
    STORE(y + 24, __builtin_shufflevector(b, d, 4, 5, 12, 13, 6, 7, 14, 15));
}

VECTORISED
void winograd_f4_input_columns(const float *const rows[6], long count, float *restrict out, long stride) {
    const float *restrict d0 = rows[0], *restrict d1 = rows[1], *restrict d2 = rows[2];
    const float *restrict d3 = rows[3], *restrict d4 = rows[4], *restrict d5 = rows[5];
    float *restrict o0 = out, *restrict o1 = out + stride, *restrict o2 = out + 2 * stride;
    float *restrict o3 = out + 3 * stride, *restrict o4 = out + 4 * stride, *restrict o5 = out + 5 * stride;
    for (long x = 0; x < count; x++) {
        float e0 = d0[x], e1 = d1[x], e2 = d2[x], e3 = d3[x], e4 = d4[x], e5 = d5[x];
        o0[x] = 4 * e0 - 5 * e2 + e4;
        o1[x] = (e3 + e4) - 4 * (e1 + e2);
        o2[x] = (e4 - e3) + 4 * (e1 - e2);
        o3[x] = (e4 - e2) + 2 * (e3 - e1);
        o4[x] = (e4 - e2) - 2 * (e3 - e1);
        o5[x] = 4 * e1 - 5 * e3 + e5;
    }
}

VECTORISED
void winograd_f4_input_row(const float *restrict row, long tiles, float *restrict out, long planeStride) {
    for (long t = 0; t < tiles; t += 8) {
        Vec8 e0, e1, e2, e3;
        deinterleave4(row + 4 * t, &e0, &e1, &e2, &e3);
        Vec8 next = LOAD(row + 4 * t + 32);
        Vec8 e4 = __builtin_shufflevector(e0, next, 1, 2, 3, 4, 5, 6, 7, 8);
        Vec8 e5 = __builtin_shufflevector(e1, next, 1, 2, 3, 4, 5, 6, 7, 9);
        Vec8 v[6] = {
            4 * e0 - 5 * e2 + e4,
            (e3 + e4) - 4 * (e1 + e2),
            (e4 - e3) + 4 * (e1 - e2),
            (e4 - e2) + 2 * (e3 - e1),
            (e4 - e2) - 2 * (e3 - e1),
            4 * e1 - 5 * e3 + e5,
        };
        // The last group may be partial: its extra lanes land in the WINOGRAD_ROW_OVERRUN floats
        // past the plane's last tile (see the header).
        for (int k = 0; k < 6; k++) STORE(out + k * planeStride + t, v[k]);
    }
}

VECTORISED
void winograd_f4_output_columns(const float *restrict products, long planeStride, long tiles, float *restrict out) {
    for (long xi = 0; xi < 6; xi++) {
        const float *restrict m0 = products + xi * planeStride, *restrict m1 = m0 + 6 * planeStride;
        const float *restrict m2 = m1 + 6 * planeStride, *restrict m3 = m2 + 6 * planeStride;
        const float *restrict m4 = m3 + 6 * planeStride, *restrict m5 = m4 + 6 * planeStride;
        float *restrict y0 = out + xi * tiles, *restrict y1 = y0 + 6 * tiles;
        float *restrict y2 = y1 + 6 * tiles, *restrict y3 = y2 + 6 * tiles;
        for (long t = 0; t < tiles; t++) {
            float a = m1[t] + m2[t], b = m1[t] - m2[t];
            float c = m3[t] + m4[t], d = m3[t] - m4[t];
            y0[t] = m0[t] + a + c;
            y1[t] = b + 2 * d;
            y2[t] = a + 4 * c;
            y3[t] = b + 8 * d + m5[t];
        }
    }
}

VECTORISED
void winograd_f4_output_row(const float *restrict columns, long stride, long pixels, float bias, float slope,
                            float *restrict out) {
    long tiles = (pixels + 3) / 4;
    const float *m0 = columns, *m1 = m0 + stride, *m2 = m1 + stride;
    const float *m3 = m2 + stride, *m4 = m3 + stride, *m5 = m4 + stride;
    for (long t = 0; t < tiles; t += 8) {
        Vec8 a = LOAD(m1 + t) + LOAD(m2 + t), b = LOAD(m1 + t) - LOAD(m2 + t);
        Vec8 c = LOAD(m3 + t) + LOAD(m4 + t), d = LOAD(m3 + t) - LOAD(m4 + t);
        Vec8 q[4] = {
            bias + LOAD(m0 + t) + a + c,
            bias + b + 2 * d,
            bias + a + 4 * c,
            bias + b + 8 * d + LOAD(m5 + t),
        };
        // Leaky ReLU as max(y, slope·y), exact for 0 ≤ slope ≤ 1 (slope 1: the identity).
        for (int i = 0; i < 4; i++) q[i] = __builtin_elementwise_max(q[i], q[i] * slope);
        if (4 * (t + 8) <= pixels) {
            interleave4(q, out + 4 * t);
        } else {   // the last group: only the row's remaining pixels
            float group[32];
            interleave4(q, group);
            for (long i = 0; i < pixels - 4 * t; i++) out[4 * t + i] = group[i];
        }
    }
}

VECTORISED
void winograd_f4_gradient_columns(const float *const rows[4], long count, float *restrict out, long stride) {
    const float *restrict d0 = rows[0], *restrict d1 = rows[1], *restrict d2 = rows[2], *restrict d3 = rows[3];
    float *restrict o0 = out, *restrict o1 = out + stride, *restrict o2 = out + 2 * stride;
    float *restrict o3 = out + 3 * stride, *restrict o4 = out + 4 * stride, *restrict o5 = out + 5 * stride;
    for (long x = 0; x < count; x++) {
        float e0 = d0[x], e1 = d1[x], e2 = d2[x], e3 = d3[x];
        float a = e0 + e2, b = e1 + e3, c = e0 + 4 * e2, d = 2 * e1 + 8 * e3;
        o0[x] = e0;
        o1[x] = a + b;
        o2[x] = a - b;
        o3[x] = c + d;
        o4[x] = c - d;
        o5[x] = e3;
    }
}

VECTORISED
void winograd_f4_gradient_row(const float *restrict row, long tiles, float *restrict out, long planeStride) {
    for (long t = 0; t < tiles; t += 8) {
        Vec8 e0, e1, e2, e3;
        deinterleave4(row + 4 * t, &e0, &e1, &e2, &e3);
        Vec8 a = e0 + e2, b = e1 + e3, c = e0 + 4 * e2, d = 2 * e1 + 8 * e3;
        Vec8 v[6] = { e0, a + b, a - b, c + d, c - d, e3 };
        // The last group may be partial: its extra lanes land in the WINOGRAD_ROW_OVERRUN floats
        // past the plane's last tile (see the header).
        for (int k = 0; k < 6; k++) STORE(out + k * planeStride + t, v[k]);
    }
}
