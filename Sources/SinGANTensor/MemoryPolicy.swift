#if canImport(Glibc)
import Glibc
#endif

/// How the C allocator treats tensor-sized blocks.
///
/// glibc serves blocks above its mmap threshold (dynamically 128 KiB … 32 MiB) with fresh `mmap`
/// calls and returns free heap tops to the kernel above its trim threshold. Training allocates
/// and frees megabyte-sized tensors thousands of times per second, so by default every one of
/// them was faulted in page by page again (measured: 2.2 M page faults and 3.6 s of system time in
/// 18 s of training). Keeping such blocks in the heap makes a freed tensor's memory reusable
/// at once. Applied once per process, before the first tensor is allocated.
enum MemoryPolicy {
    private static let applied: Void = {
        #if canImport(Glibc)
        // <malloc.h> is not part of Swift's Glibc module, so look `mallopt` up at run time.
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        let (trimThreshold, mmapThreshold): (Int32, Int32) = (-1, -3)   // M_TRIM_THRESHOLD, M_MMAP_THRESHOLD
        // The largest threshold glibc accepts (HEAP_MAX_SIZE / 2 on 64-bit); bigger blocks still mmap.
        _ = mallopt(mmapThreshold, 32 << 20)
        // Never give the heap top back: the next iteration needs the same memory again.
        _ = mallopt(trimThreshold, Int32.max)
        #endif
    }()

    /// Applies the policy (cheap after the first call).
    @inline(__always)
    static func ensureApplied() { _ = applied }
}
