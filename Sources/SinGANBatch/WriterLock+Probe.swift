#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import SinGANCheckpoint

extension WriterLock {
    /// Whether a process holds the writer lock of `target` now (a training of that model runs,
    /// on this machine or, on a shared file system with working locks, on another).
    ///
    /// A lock file without a holder (left by a killed process) does not count. The check takes a
    /// shared lock for an instant; the lock file exists only while a writer runs or after one was
    /// killed, so a writer starting at that very instant is the only one that could be refused.
    public static func isHeld(for target: String) -> Bool {
        let descriptor = open(lockPath(for: target), O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_SH | LOCK_NB) == 0 else { return errno == EWOULDBLOCK }
        flock(descriptor, LOCK_UN)
        return false
    }
}
