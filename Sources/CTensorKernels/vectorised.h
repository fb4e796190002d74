// VECTORISED: each function so marked is compiled for AVX-512, AVX2 and baseline x86-64, and the
// loader picks the best one the CPU has (`target_clones`); other architectures get the plain build.
//
// Short copy loops (a partial group's lanes) would become memcpy/memset calls that cost more than
// the work around them, so the compiler is told not to turn loops into those library calls.
#ifndef VECTORISED_H
#define VECTORISED_H

#if defined(__x86_64__) && defined(__clang__)
#define VECTORISED __attribute__((target_clones("avx512f", "avx2", "default"), no_builtin("memcpy", "memset")))
#elif defined(__clang__)
#define VECTORISED __attribute__((no_builtin("memcpy", "memset")))
#else
#define VECTORISED
#endif

#endif
