// Per-channel sums in Double accumulators (see channel_sums.h for the order of the additions).
// The Float → Double widening is one instruction per eight lanes here; written in Swift as
// SIMD8<Double>(v.lowHalf) it became an out-of-line call per block in batch norm's backward.
#include "channel_sums.h"

#pragma STDC FP_CONTRACT OFF

#include "vectorised.h"

typedef float Floats16 __attribute__((ext_vector_type(16), aligned(4)));
typedef double Doubles8 __attribute__((ext_vector_type(8)));

#define LOAD(p) (*(const Floats16 *)(p))
#define LOW(v) __builtin_convertvector(__builtin_shufflevector(v, v, 0, 1, 2, 3, 4, 5, 6, 7), Doubles8)
#define HIGH(v) __builtin_convertvector(__builtin_shufflevector(v, v, 8, 9, 10, 11, 12, 13, 14, 15), Doubles8)

/// One accumulator: the low and high eight lanes of every 16-float block, as Double. (Macros, not
/// functions: a 512-bit vector argument would need AVX-512 in every clone's calling convention.)
#define ACCUMULATOR(name) Doubles8 name##_low = 0, name##_high = 0
#define ACCUMULATE(name, v) do { Floats16 v_ = (v); name##_low += LOW(v_); name##_high += HIGH(v_); } while (0)

/// The accumulator's total plus `rest`: lanes added in order starting from −0, as Swift's SIMD sum().
#define TOTAL(name, rest) ({ Doubles8 sum_ = name##_low + name##_high; double result_ = -0.0; \
    for (int lane_ = 0; lane_ < 8; lane_++) result_ += sum_[lane_]; result_ + (rest); })

VECTORISED
double channel_sum(const float *x, long n) {
    ACCUMULATOR(a);
    long i = 0;
    for (; i + 16 <= n; i += 16) ACCUMULATE(a, LOAD(x + i));
    double rest = 0;
    for (; i < n; i++) rest += (double)x[i];
    return TOTAL(a, rest);
}

VECTORISED
double channel_sum_squared_deviations(const float *x, long n, float m) {
    ACCUMULATOR(a);
    long i = 0;
    for (; i + 16 <= n; i += 16) {
        Floats16 d = LOAD(x + i) - m;
        ACCUMULATE(a, d * d);
    }
    double rest = 0;
    for (; i < n; i++) rest += (double)((x[i] - m) * (x[i] - m));
    return TOTAL(a, rest);
}

VECTORISED
void channel_sum_and_dot_deviations(const float *g, const float *x, long n, float m, double sums[2]) {
    ACCUMULATOR(s);
    ACCUMULATOR(d);
    long i = 0;
    for (; i + 16 <= n; i += 16) {
        Floats16 gv = LOAD(g + i);
        ACCUMULATE(s, gv);
        ACCUMULATE(d, gv * (LOAD(x + i) - m));
    }
    double sum_rest = 0, dot_rest = 0;
    for (; i < n; i++) {
        sum_rest += (double)g[i];
        dot_rest += (double)(g[i] * (x[i] - m));
    }
    sums[0] = TOTAL(s, sum_rest);
    sums[1] = TOTAL(d, dot_rest);
}

VECTORISED
void channel_double_backward_sums(const float *u, const float *g, const float *x, long n, float m, double sums[5]) {
    ACCUMULATOR(su);
    ACCUMULATOR(sg);
    ACCUMULATOR(sux);
    ACCUMULATOR(sgx);
    ACCUMULATOR(sug);
    long i = 0;
    for (; i + 16 <= n; i += 16) {
        Floats16 uv = LOAD(u + i), gv = LOAD(g + i), dv = LOAD(x + i) - m;
        ACCUMULATE(su, uv);
        ACCUMULATE(sg, gv);
        ACCUMULATE(sux, uv * dv);
        ACCUMULATE(sgx, gv * dv);
        ACCUMULATE(sug, uv * gv);
    }
    double ru = 0, rg = 0, rux = 0, rgx = 0, rug = 0;
    for (; i < n; i++) {
        float d = x[i] - m;
        ru += (double)u[i];
        rg += (double)g[i];
        rux += (double)(u[i] * d);
        rgx += (double)(g[i] * d);
        rug += (double)(u[i] * g[i]);
    }
    sums[0] = TOTAL(su, ru);
    sums[1] = TOTAL(sg, rg);
    sums[2] = TOTAL(sux, rux);
    sums[3] = TOTAL(sgx, rgx);
    sums[4] = TOTAL(sug, rug);
}
