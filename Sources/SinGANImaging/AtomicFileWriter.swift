import Foundation

/// Writes a file so that it either appears complete or not at all.
///
/// The bytes go to a hidden temporary file in the destination's directory (same file system), which
/// is flushed to disk and then renamed over the destination. On any failure the temporary file is
/// removed and the destination is left as it was. A new file gets mode 0644; an existing file keeps
/// its mode.
enum AtomicFileWriter {
    static func write(_ bytes: [UInt8], to path: String) throws(ImagingError) {
        let (directory, name) = split(path)
        guard !name.isEmpty, name != ".", name != ".." else {
            throw .saveFailed(path: path, reason: "the path names a directory, not a file")
        }
        var template = Array("\(directory)/.\(name).partial-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw .saveFailed(path: path, reason: "cannot create a file in \(directory): \(lastError())")
        }
        let temporaryPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        var committed = false
        defer { if !committed { unlink(temporaryPath) } }

        do {
            defer { close(descriptor) }
            try writeAll(bytes, to: descriptor, path: path)
            _ = fchmod(descriptor, modeForNewContents(of: path))
            guard fsync(descriptor) == 0 else { throw ImagingError.saveFailed(path: path, reason: lastError()) }
        }
        guard rename(temporaryPath, path) == 0 else {
            throw .saveFailed(path: path, reason: lastError())
        }
        committed = true
    }

    /// (directory, last component) of `path`; the directory is "." for a bare file name.
    private static func split(_ path: String) -> (String, String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let directory = String(path[..<slash])
        return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32,
                                 path: String) throws(ImagingError) {
        var failure: String?
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Foundation.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = lastError()
                    return
                }
                offset += written
            }
        }
        if let failure { throw .saveFailed(path: path, reason: failure) }
    }

    /// The existing file's permission bits, or 0644 for a new file.
    private static func modeForNewContents(of path: String) -> mode_t {
        var status = stat()
        if stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG { return status.st_mode & 0o7777 }
        return 0o644
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }
}
