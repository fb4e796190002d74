// The kernels' thread pool (see worker_pool.c).
#ifndef WORKER_POOL_H
#define WORKER_POOL_H

#ifdef __cplusplus
extern "C" {
#endif

/// One task of a parallel run: `index` is in 0..<count, `context` is the caller's pointer.
typedef void (*worker_pool_task)(void *context, long index);

/// Calls task(context, i) once for every i in 0..<count, on the calling thread and the pool's
/// workers (one per further processor), and returns when all calls have returned.
/// Runs everything on the calling thread when count < 2, when called from inside a task, or
/// while another thread's run holds the pool. `count` must be below 2^32 (task indices share a 64-bit
/// word with the run's generation).
void worker_pool_run(long count, worker_pool_task task, void *context);

/// One step of a busy wait for another thread (`spins` counts the steps so far): a pause, then, after
/// a few microseconds, a yield of the core so the awaited thread can run when cores are oversubscribed.
void worker_pool_relax(unsigned spins);

/// Threads that take part in a run: the pool's workers plus the caller.
long worker_pool_threads(void);

/// Asks for `threads` threads in all (the caller included; capped at 64) instead of one per
/// processor. Takes effect only before the pool starts (its first use); returns 1 when the pool
/// runs or will run with that many threads, 0 otherwise.
int worker_pool_request_threads(long threads);

#ifdef __cplusplus
}
#endif

#endif
