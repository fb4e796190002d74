import CWorkerPool

/// Runs `body` over `0..<count` split into contiguous ranges, one per worker, on all cores.
///
/// Work smaller than `grain` items runs on the calling thread. Ranges never overlap, so `body`
/// may write disjoint parts of one buffer.
@inlinable
public func parallelRanges(_ count: Int, grain: Int = 4096, _ body: @Sendable (Range<Int>) -> Void) {
    parallelShares(count, workers: max(1, count / max(grain, 1))) { _, range in body(range) }
}

/// Runs `body(worker, share)` for the even contiguous shares (`EvenSplit`) of `0..<count`, one per
/// worker, at most `workers` and at most one per item, on all cores; `worker` is below
/// `ParallelWorkers.count` (for per-worker buffers). Empty shares are skipped.
@inlinable
public func parallelShares(_ count: Int, workers: Int = ParallelWorkers.count,
                           _ body: @Sendable (Int, Range<Int>) -> Void) {
    let workers = min(ParallelWorkers.count, workers, count)
    WorkerPool.run(workers) { worker in
        let share = EvenSplit.part(worker, of: workers, splitting: 0..<count)
        if !share.isEmpty { body(worker, share) }
    }
}

/// Even contiguous splits of a range, for giving each core the same number of rows.
public enum EvenSplit {
    /// The `index`-th of `parts` contiguous pieces of `range`, piece sizes differing by at most one.
    @inlinable
    public static func part(_ index: Int, of parts: Int, splitting range: Range<Int>) -> Range<Int> {
        range.lowerBound + range.count * index / parts..<range.lowerBound + range.count * (index + 1) / parts
    }

    /// `range` cut into the fewest near-equal contiguous blocks of at most `maximum` items.
    @inlinable
    public static func blocks(of range: Range<Int>, maximum: Int) -> [Range<Int>] {
        let count = (range.count + Swift.max(1, maximum) - 1) / Swift.max(1, maximum)
        return (0..<count).map { part($0, of: count, splitting: range) }
    }
}

/// The number of threads that run the kernels: the machine's active processor count, or the
/// count asked for with `request(_:)` before the first kernel runs.
public enum ParallelWorkers {
    /// The pool's workers plus the calling thread, read once at start-up.
    public static let count: Int = worker_pool_threads()

    /// Asks for `threads` kernel threads in all (the `--threads` option). The pool is sized once,
    /// when the first kernel runs, so this must come before; returns false when the pool already
    /// runs with another count or `threads` is below 1.
    public static func request(_ threads: Int) -> Bool {
        worker_pool_request_threads(threads) == 1
    }
}

/// The kernels' thread pool (`Sources/CWorkerPool`): its workers spin briefly between runs, so
/// the many short kernels of a training step reach the other cores without a wake-up each.
public enum WorkerPool {
    /// Calls `body(i)` once for every `i` in `0..<count`, on this thread and the pool's workers,
    /// and returns when all have returned. Nested or concurrent runs execute on the calling thread.
    public static func run(_ count: Int, _ body: (Int) -> Void) {
        if count <= 1 {
            if count == 1 { body(0) }
            return
        }
        withoutActuallyEscaping(body) { body in
            var task = body
            withUnsafeMutablePointer(to: &task) { context in
                worker_pool_run(count, { context, index in
                    context!.assumingMemoryBound(to: ((Int) -> Void).self).pointee(index)
                }, context)
            }
        }
    }
}

/// A raw pointer that may cross into `parallelRanges` workers, each touching a disjoint range.
public struct SendablePointer<T>: @unchecked Sendable {
    public let base: UnsafeMutablePointer<T>
    @inlinable public init(_ base: UnsafeMutablePointer<T>) { self.base = base }
}

/// A read-only raw pointer that may cross into `parallelRanges` workers.
public struct SendableConstPointer<T>: @unchecked Sendable {
    public let base: UnsafePointer<T>
    @inlinable public init(_ base: UnsafePointer<T>) { self.base = base }
}
