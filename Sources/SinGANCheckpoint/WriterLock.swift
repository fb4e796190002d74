#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Makes one process the only writer of a model file: an advisory `flock` on a lock file beside
/// it, `.<name>.lock`, which holds the owner's process id and command. A second writer fails at
/// once, naming the owner. The lock is released (and its file removed) by `release()`, on deinit,
/// or by the system when the process ends, however it ends.
///
/// Removing the file while holding the lock is safe: a process that opened the old file and then
/// obtains the lock sees that its file is no longer the one at the path, and tries again.
public final class WriterLock {
    /// The model file this lock protects.
    public let target: String
    /// The lock file.
    public let path: String
    private var descriptor: Int32

    /// `.<name>.lock` in the directory of `target`.
    public static func lockPath(for target: String) -> String {
        guard let slash = target.lastIndex(of: "/") else { return "." + target + ".lock" }
        return String(target[...slash]) + "." + target[target.index(after: slash)...] + ".lock"
    }

    /// Takes the lock for `target`, recording `command` as what this process does with it.
    public init(for target: String, command: String) throws(WriterLockError) {
        self.target = target
        path = Self.lockPath(for: target)
        while true {
            let opened = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard opened >= 0 else {
                throw .cannotLock(target: target, reason: String(cString: strerror(errno)))
            }
            if flock(opened, LOCK_EX | LOCK_NB) != 0 {
                let code = errno
                let owner = Self.contents(of: opened)
                close(opened)
                guard code == EWOULDBLOCK else {
                    throw .cannotLock(target: target, reason: String(cString: strerror(code)))
                }
                throw .held(target: target, owner: owner)
            }
            var held = stat(), current = stat()
            if fstat(opened, &held) == 0, stat(path, &current) == 0,
               held.st_dev == current.st_dev, held.st_ino == current.st_ino {
                descriptor = opened
                break
            }
            close(opened)  // the file was removed by its previous owner after we opened it
        }
        let record = Array("pid \(getpid()): \(command)\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = record.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }

    /// Releases the lock and removes its file (also done on deinit).
    public func release() {
        guard descriptor >= 0 else { return }
        unlink(path)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }

    /// The first line of the lock file (its owner), without the line end.
    private static func contents(of descriptor: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 512)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return "" }
        let text = String(decoding: buffer[..<count], as: UTF8.self)
        return String(text.prefix { $0 != "\n" }.unicodeScalars.filter { $0.value >= 0x20 }.map(Character.init))
    }
}

/// Why `WriterLock` could not be taken.
public enum WriterLockError: Error, CustomStringConvertible, Equatable {
    /// Another process holds it; `owner` is what that process recorded ("pid 123: train …").
    case held(target: String, owner: String)
    /// The lock file cannot be created or locked (a read-only folder, say).
    case cannotLock(target: String, reason: String)

    public var description: String {
        switch self {
        case let .held(target, owner):
            "\(target) is being written by another singan-edit process"
                + (owner.isEmpty ? "" : " (\(owner))") + "; wait for it to finish or stop it"
        case let .cannotLock(target, reason):
            "\(target): cannot create a lock file in \(Self.directory(of: target)): \(reason) — check the path and its permissions"
        }
    }

    private static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
