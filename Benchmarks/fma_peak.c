/* Measures this CPU's peak single-precision rate: every core runs chains of independent AVX-512 (or
 * AVX2) fused multiply-adds on registers only, no memory traffic, so nothing real can run faster.
 * Used by Benchmarks/consingan_flops.py's lower bound (Docs/performance.md).
 *   cc -O2 -march=native -fopenmp Benchmarks/fma_peak.c -o fma_peak && ./fma_peak [seconds]
 * Prints GFLOP/s over all threads (OMP_NUM_THREADS, default all cores), counting an FMA as 2 FLOPs. */
#include <immintrin.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

#if defined(__AVX512F__)
typedef __m512 vec;
#define LANES 16
#define SET1 _mm512_set1_ps
#define FMA _mm512_fmadd_ps
#define ADD _mm512_add_ps
#define SUM(v) _mm512_reduce_add_ps(v)
#else
typedef __m256 vec;
#define LANES 8
#define SET1 _mm256_set1_ps
#define FMA _mm256_fmadd_ps
#define ADD _mm256_add_ps
static float SUM(__m256 v) { float t[8]; _mm256_storeu_ps(t, v); return t[0]+t[1]+t[2]+t[3]+t[4]+t[5]+t[6]+t[7]; }
#endif

enum { CHAINS = 12, INNER = 1000 };

static double run(long rounds, float *sink) {
    double start = omp_get_wtime();
    float total = 0;
#pragma omp parallel reduction(+ : total)
    {
        vec acc[CHAINS], a = SET1(0.999999f), b = SET1(1e-7f);
        for (int c = 0; c < CHAINS; c++) acc[c] = SET1((float)c);
        for (long r = 0; r < rounds; r++)
            for (int i = 0; i < INNER; i++)
#pragma GCC unroll 16
                for (int c = 0; c < CHAINS; c++) acc[c] = FMA(acc[c], a, b);
        vec s = acc[0];
        for (int c = 1; c < CHAINS; c++) s = ADD(s, acc[c]);
        total += SUM(s);
    }
    *sink += total;
    return omp_get_wtime() - start;
}

int main(int argc, char **argv) {
    double seconds = argc > 1 ? atof(argv[1]) : 3.0;
    float sink = 0;
    long rounds = 1000;
    double t = run(rounds, &sink);
    while (t < 0.2) { rounds *= 2; t = run(rounds, &sink); }
    rounds = (long)(rounds * seconds / t);
    double best = 0;
    for (int k = 0; k < 3; k++) {
        t = run(rounds, &sink);
        double flops = 2.0 * LANES * CHAINS * INNER * (double)rounds * omp_get_max_threads();
        if (flops / t > best) best = flops / t;
    }
    printf("%d threads, %d-lane FMA: %.1f GFLOP/s (checksum %g)\n", omp_get_max_threads(), LANES, best / 1e9, sink);
    return 0;
}
