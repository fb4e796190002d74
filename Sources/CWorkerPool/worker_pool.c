// A small thread pool for the tensor kernels: the workers spin briefly between runs before they
// sleep on a futex, so back-to-back kernels (thousands per training iteration) hand work to the
// other cores without a system call or a wake-up delay, as OpenMP runtimes do.
//
// One run at a time: a run publishes (task, context, count), then a ticket holding its generation
// and the next task index, and bumps `generation`. The caller and the workers claim task indices
// from the ticket by compare-and-swap, which fails for a ticket of another generation, so a worker
// that wakes late can never take a task of a run it did not see start, and reads the run's fields
// only after it has claimed one of its tasks (the run cannot end before that task has). The caller
// waits for its run's tasks only, never for idle workers: when other programs keep the cores busy
// and a worker is not scheduled, the caller does the work itself instead of waiting for that
// worker's time slice (with a wait for every worker, a small training step beside two busy
// processes ran 20 times slower than its fair share).
#define _GNU_SOURCE
#include "worker_pool.h"

#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define CPU_RELAX() _mm_pause()
#elif defined(__aarch64__)
#define CPU_RELAX() __asm__ __volatile__("yield")
#else
#define CPU_RELAX() ((void)0)
#endif

enum { MAX_WORKERS = 63 };
/// How long an idle worker spins before it sleeps, and after how many plain spins (a few
/// microseconds) it starts yielding the core on every further spin.
static const long SPIN_NANOSECONDS = 2000000;
static const unsigned YIELD_AFTER_SPINS = 2048;

static struct {
    pthread_mutex_t lock;
    _Atomic unsigned generation;
    _Atomic int sleepers;
    worker_pool_task task;
    void *context;
    _Atomic long count;
    /// The run's generation in the high 32 bits, the next unclaimed task index in the low 32.
    _Atomic uint64_t ticket;
    _Atomic long finished;
    long workers;
} pool = {.lock = PTHREAD_MUTEX_INITIALIZER};

static pthread_once_t pool_started = PTHREAD_ONCE_INIT;
/// The thread count asked for with worker_pool_request_threads (0: one per processor), and
/// whether the pool has started (after which the count is fixed).
static _Atomic long requested_threads;
static _Atomic int started_flag;
static _Thread_local int inside_task;

static long now_nanoseconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long)t.tv_sec * 1000000000L + t.tv_nsec;
}

static void futex_wait(_Atomic unsigned *word, unsigned expected) {
    syscall(SYS_futex, (unsigned *)word, FUTEX_WAIT_PRIVATE, expected, NULL, NULL, 0);
}

static void futex_wake_all(_Atomic unsigned *word) {
    syscall(SYS_futex, (unsigned *)word, FUTEX_WAKE_PRIVATE, MAX_WORKERS, NULL, NULL, 0);
}

/// Claims the next task index of run `generation`; false when that run has no task left or is over.
static int claim(unsigned generation, long *index) {
    uint64_t ticket = atomic_load_explicit(&pool.ticket, memory_order_acquire);
    for (;;) {
        if ((unsigned)(ticket >> 32) != generation) return 0;
        long next = (long)(ticket & 0xffffffffu);
        if (next >= atomic_load_explicit(&pool.count, memory_order_relaxed)) return 0;
        if (atomic_compare_exchange_weak_explicit(&pool.ticket, &ticket, ticket + 1,
                                                  memory_order_acq_rel, memory_order_acquire)) {
            *index = next;
            return 1;
        }
    }
}

/// Runs tasks of run `generation` until none is left to claim.
static void run_tasks(unsigned generation) {
    inside_task = 1;
    long done = 0, index;
    while (claim(generation, &index)) {
        pool.task(pool.context, index);
        done += 1;
    }
    if (done > 0) atomic_fetch_add_explicit(&pool.finished, done, memory_order_release);
    inside_task = 0;
}

/// One step of a wait for another thread: a pause, and once the wait has lasted a few microseconds,
/// the core handed to any other runnable thread (which may be the one being waited for, when there
/// are more threads than cores).
static void relax(unsigned spins) {
    CPU_RELAX();
    if (spins > YIELD_AFTER_SPINS) sched_yield();
}

void worker_pool_relax(unsigned spins) { relax(spins); }

/// Waits for a generation other than `seen`: spins, then spins yielding the core to any other
/// runnable thread (other processes' work is not held up), then sleeps.
static unsigned wait_for_run(unsigned seen) {
    long spin_started = now_nanoseconds();
    for (unsigned spins = 1;; spins += 1) {
        unsigned current = atomic_load_explicit(&pool.generation, memory_order_acquire);
        if (current != seen) return current;
        relax(spins);
        if ((spins & 255) == 0 && now_nanoseconds() - spin_started > SPIN_NANOSECONDS) {
            atomic_fetch_add(&pool.sleepers, 1);
            if (atomic_load(&pool.generation) == seen) futex_wait(&pool.generation, seen);
            atomic_fetch_sub(&pool.sleepers, 1);
            spin_started = now_nanoseconds();
        }
    }
}

static void *worker_main(void *argument) {
    (void)argument;
    unsigned seen = 0;
    for (;;) {
        seen = wait_for_run(seen);
        run_tasks(seen);
    }
    return NULL;
}

static void start_pool(void) {
    atomic_store(&started_flag, 1);
    long requested = atomic_load(&requested_threads);
    long processors = requested > 0 ? requested : sysconf(_SC_NPROCESSORS_ONLN);
    long workers = processors > 1 ? processors - 1 : 0;
    if (workers > MAX_WORKERS) workers = MAX_WORKERS;
    long started = 0;
    for (long i = 0; i < workers; i++) {
        pthread_t thread;
        pthread_attr_t attributes;
        pthread_attr_init(&attributes);
        pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
        if (pthread_create(&thread, &attributes, worker_main, (void *)i) == 0) started += 1;
        pthread_attr_destroy(&attributes);
        if (started <= i) break;
    }
    pool.workers = started;
}

int worker_pool_request_threads(long threads) {
    if (threads < 1) return 0;
    atomic_store(&requested_threads, threads);
    if (!atomic_load(&started_flag)) return 1;
    return worker_pool_threads() == (threads > MAX_WORKERS + 1 ? MAX_WORKERS + 1 : threads);
}

long worker_pool_threads(void) {
    pthread_once(&pool_started, start_pool);
    return pool.workers + 1;
}

void worker_pool_run(long count, worker_pool_task task, void *context) {
    if (count <= 0) return;
    pthread_once(&pool_started, start_pool);
    if (count == 1 || inside_task || pool.workers == 0 || pthread_mutex_trylock(&pool.lock) != 0) {
        for (long i = 0; i < count; i++) task(context, i);
        return;
    }
    pool.task = task;
    pool.context = context;
    atomic_store_explicit(&pool.count, count, memory_order_relaxed);
    atomic_store_explicit(&pool.finished, 0, memory_order_relaxed);
    unsigned generation = atomic_load_explicit(&pool.generation, memory_order_relaxed) + 1;
    atomic_store_explicit(&pool.ticket, (uint64_t)generation << 32, memory_order_release);
    atomic_store(&pool.generation, generation);   // sequentially consistent: read before `sleepers`
    if (atomic_load(&pool.sleepers) > 0) futex_wake_all(&pool.generation);

    run_tasks(generation);
    for (unsigned spins = 1; atomic_load_explicit(&pool.finished, memory_order_acquire) < count; spins++) relax(spins);
    pthread_mutex_unlock(&pool.lock);
}
