#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes `.sgn` checkpoints (format ``CheckpointFormatVersion/current``), atomically.
public enum CheckpointWriter {
    /// The complete file image of `archive`, header chunk first, then its chunks in order.
    /// - Throws: `CheckpointError.invalidArchive` for an invalid chunk name (or one named
    ///   `header`), a tensor of rank above 8, a non-finite number or too deep nesting in the header.
    public static func encode(_ archive: CheckpointArchive) throws -> [UInt8] {
        try ContainerEncoder.encode(ContainerEncoder.chunks(of: archive, version: archive.formatVersion), version: archive.formatVersion)
    }

    /// Writes `archive` to `path` so that a crash or error leaves either the old file or the new
    /// one, never a mixture: temporary file in the same directory, write, `fsync`, `rename`,
    /// `fsync` of the directory. On failure before the rename the temporary file is removed and
    /// the previous file is untouched.
    /// - Throws: `invalidArchive` (nothing is written), `noSpace` when the disk or quota is full,
    ///   `io` for any other system error (unwritable directory, path under a non-directory…).
    public static func write(_ archive: CheckpointArchive, to path: String) throws {
        try replaceAtomically(path: path, with: try encode(archive))
    }

    /// Replaces the file at `path` with `bytes` by the procedure of Docs/checkpoint-format.md §6.
    static func replaceAtomically(path: String, with bytes: [UInt8]) throws {
        let (directory, name) = split(path)
        guard !name.isEmpty, name != ".", name != ".." else {
            throw CheckpointError.io(path: path, reason: "not a file name")
        }
        let (descriptor, temporary) = try createTemporaryFile(in: directory, for: name, path: path)
        var isOpen = true
        do {
            if let mode = POSIX.permissionsOfRegularFile(path) { _ = fchmod(descriptor, mode) }
            try bytes.withUnsafeBytes { try POSIX.writeAll(descriptor, $0, path: path) }
            guard fsync(descriptor) == 0 else {
                throw POSIX.failure("cannot flush the temporary file", code: errno, path: path)
            }
            isOpen = false
            guard close(descriptor) == 0 else {
                throw POSIX.failure("cannot close the temporary file", code: errno, path: path)
            }
            guard rename(temporary, path) == 0 else {
                throw POSIX.failure("cannot replace the file", code: errno, path: path)
            }
        } catch {
            if isOpen { close(descriptor) }
            unlink(temporary)
            throw error
        }
        try POSIX.syncDirectory(directory, path: path)
    }

    /// `"dir/sub/m.sgn"` → `("dir/sub", "m.sgn")`; `"m.sgn"` → `(".", "m.sgn")`; `"/m"` → `("/", "m")`.
    static func split(_ path: String) -> (directory: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let directory = String(path[..<slash])
        return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
    }

    private static func createTemporaryFile(in directory: String, for name: String,
                                            path: String) throws -> (Int32, String) {
        let prefix = (directory == "/" ? "" : directory) + "/." + name + ".tmp-"
        for _ in 0..<16 {
            let digits = String(UInt64.random(in: .min ... .max), radix: 16)
            let candidate = prefix + String(repeating: "0", count: 16 - digits.count) + digits
            let descriptor = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if descriptor >= 0 { return (descriptor, candidate) }
            guard errno == EEXIST else {
                throw POSIX.failure("cannot create a temporary file in \(directory)", code: errno, path: path)
            }
        }
        throw CheckpointError.io(path: path, reason: "no free temporary file name in \(directory)")
    }
}
