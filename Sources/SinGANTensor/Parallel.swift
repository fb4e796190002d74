import CWorkerPool

/// Runs `body` over `0..<count` split into contiguous ranges, one per worker, on all cores.
///
/// Work smaller than `grain` items runs on the calling thread. Ranges never overlap, so `body`
/// may write disjoint parts of one buffer.
@inlinable
public func parallelRanges(_ count: Int, grain: Int = 4096, _ body: @Sendable (Range<Int>) -> Void) {
    let workers = min(ParallelWorkers.count, max(1, count / max(grain, 1)))
    if workers <= 1 {
        if count > 0 { body(0..<count) }
        return
    }
    WorkerPool.run(workers) { worker in
        let start = count * worker / workers
        let end = count * (worker + 1) / workers
        if start < end { body(start..<end) }
    }
}

/// The number of threads that run the kernels: the machine's active processor count.
public enum ParallelWorkers {
    /// The pool's workers plus the calling thread, read once at start-up.
    public static let count: Int = worker_pool_threads()
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
