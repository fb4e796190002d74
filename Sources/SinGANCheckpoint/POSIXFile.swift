#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Thin errno-checked wrappers over the system calls the reader and writer use.
enum POSIX {
    /// The system's message for `code`.
    static func message(_ code: Int32) -> String { String(cString: strerror(code)) }

    /// The error for a failed call: disk-full codes become `noSpace`, others `io`.
    static func failure(_ what: String, code: Int32, path: String) -> CheckpointError {
        if code == ENOSPC || code == EDQUOT { return .noSpace(path: path) }
        return .io(path: path, reason: "\(what): \(message(code))")
    }

    /// Opens a regular file for reading without blocking on FIFOs or devices; returns the
    /// descriptor and the size. The caller closes the descriptor.
    static func openRegularFile(_ path: String) throws -> (descriptor: Int32, size: UInt64) {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("cannot open", code: errno, path: path) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let code = errno
            close(descriptor)
            throw failure("cannot inspect", code: code, path: path)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG, info.st_size >= 0 else {
            close(descriptor)
            throw CheckpointError.io(path: path, reason: "not a regular file")
        }
        return (descriptor, UInt64(info.st_size))
    }

    /// Fills `buffer` from `offset`, retrying short reads; returns the bytes read (fewer only at
    /// end of file).
    static func read(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64,
                     path: String) throws -> Int {
        var done = 0
        while done < buffer.count, let base = buffer.baseAddress {
            let chunk = min(buffer.count - done, 1 << 30)
            let got = pread(descriptor, base + done, chunk, off_t(offset) + off_t(done))
            if got < 0 {
                if errno == EINTR { continue }
                throw failure("cannot read", code: errno, path: path)
            }
            if got == 0 { break }
            done += got
        }
        return done
    }

    /// Writes all of `bytes`, retrying short writes and interruptions.
    static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws {
        var done = 0
        while done < bytes.count, let base = bytes.baseAddress {
            let chunk = min(bytes.count - done, 1 << 30)
            let wrote = write(descriptor, base + done, chunk)
            if wrote < 0 {
                if errno == EINTR { continue }
                throw failure("cannot write the temporary file", code: errno, path: path)
            }
            done += wrote
        }
    }

    /// Reads a whole open file of `size` bytes (one allocation of that size).
    static func readAll(_ descriptor: Int32, size: UInt64, path: String) throws -> [UInt8] {
        guard let count = Int(exactly: size) else {
            throw CheckpointError.io(path: path, reason: "file too large to read")
        }
        var bytes = [UInt8](repeating: 0, count: count)
        let got = try bytes.withUnsafeMutableBytes { try read(descriptor, into: $0, at: 0, path: path) }
        if got < count { bytes.removeLast(count - got) }  // the file shrank while being read
        return bytes
    }

    /// The permission bits of an existing regular file at `path`, if there is one.
    static func permissionsOfRegularFile(_ path: String) -> mode_t? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return info.st_mode & 0o7777
    }

    /// Flushes a directory's entries (makes a rename durable). File systems that cannot sync
    /// directories (EINVAL) are accepted.
    static func syncDirectory(_ directory: String, path: String) throws {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw failure("saved, but cannot open its directory to sync it", code: errno, path: path)
        }
        defer { close(descriptor) }
        if fsync(descriptor) != 0 && errno != EINVAL {
            throw failure("saved, but syncing its directory failed", code: errno, path: path)
        }
    }
}
