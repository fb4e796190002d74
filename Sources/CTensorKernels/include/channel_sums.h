// The per-channel sums of batch normalisation and of reductions, vectorised (see channel_sums.c).
//
// Each sum adds 16 floats at a time into two vectors of eight Double lanes (elements 0–7 and 8–15
// of every block), adds the two vectors, sums their lanes in order, then adds the remaining
// elements (fewer than 16) one by one in Double. The result is the same on every machine.
#ifndef CHANNEL_SUMS_H
#define CHANNEL_SUMS_H

#ifdef __cplusplus
extern "C" {
#endif

/// Σ x[i], i < n.
double channel_sum(const float *x, long n);

/// Σ (x[i] − m)², each square in Float.
double channel_sum_squared_deviations(const float *x, long n, float m);

/// sums[0] = Σ g[i], sums[1] = Σ g[i]·(x[i] − m) (batch norm's backward).
void channel_sum_and_dot_deviations(const float *g, const float *x, long n, float m, double sums[2]);

/// sums = Σu, Σg, Σu·(x − m), Σg·(x − m), Σu·g (batch norm's double backward).
void channel_double_backward_sums(const float *u, const float *g, const float *x, long n, float m, double sums[5]);

#ifdef __cplusplus
}
#endif

#endif
