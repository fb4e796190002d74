import Foundation

/// Checks that a path names a non-empty, readable regular file before libvips sees it, so the
/// common mistakes get their own error instead of a decoder message.
enum InputFileCheck {
    static func requireReadableFile(_ path: String) throws(ImagingError) {
        var status = stat()
        guard stat(path, &status) == 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR || path.isEmpty { throw .fileNotFound(path: path) }
            throw .unreadableFile(path: path, reason: String(cString: strerror(code)))
        }
        let kind = status.st_mode & S_IFMT
        if kind == S_IFDIR { throw .isADirectory(path: path) }
        if kind == S_IFREG && status.st_size == 0 { throw .emptyFile(path: path) }
        if access(path, R_OK) != 0 {
            throw .unreadableFile(path: path, reason: String(cString: strerror(errno)))
        }
    }
}
