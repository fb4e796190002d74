import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Runs `body` over `0..<count` split into contiguous ranges, one per worker, on all cores.
///
/// Work smaller than `grain` items runs on the calling thread. Ranges never overlap, so `body`
/// may write disjoint parts of one buffer.
@inlinable
public func parallelRanges(_ count: Int, grain: Int = 32_768, _ body: @Sendable (Range<Int>) -> Void) {
    let workers = min(ParallelWorkers.count, max(1, count / max(grain, 1)))
    if workers <= 1 {
        if count > 0 { body(0..<count) }
        return
    }
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
        let start = count * worker / workers
        let end = count * (worker + 1) / workers
        if start < end { body(start..<end) }
    }
}

/// The number of worker threads used by the kernels: the machine's active processor count.
public enum ParallelWorkers {
    /// Active processors, read once at start-up.
    public static let count: Int = {
        #if canImport(Glibc)
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #else
        return 2
        #endif
    }()
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
