/// Everything that can go wrong in SinGANImaging, each with a one-line message; the errors about
/// an input file also say what to do.
///
/// Paths are reported exactly as given by the caller. Messages that come from libvips are folded
/// onto one line.
public enum ImagingError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Nothing exists at the path.
    case fileNotFound(path: String)
    /// The path names a directory, not a file.
    case isADirectory(path: String)
    /// The file exists but holds zero bytes.
    case emptyFile(path: String)
    /// The file exists but cannot be opened for reading (e.g. permissions).
    case unreadableFile(path: String, reason: String)
    /// The file is not an image libvips can decode (unknown format, corrupt or truncated data).
    case notAnImage(path: String, reason: String)
    /// The output extension names no format this module writes.
    case unsupportedOutputFormat(path: String, fileExtension: String, supported: [String])
    /// Encoding or writing the output failed; no file was left at `path`.
    case saveFailed(path: String, reason: String)
    /// A tensor does not have the shape an operation needs.
    case invalidImageTensor(shape: [Int], expected: String)
    /// An argument is out of its allowed range.
    case invalidArgument(name: String, reason: String)
    /// libvips could not be started.
    case libvipsUnavailable(reason: String)
    /// A libvips operation failed.
    case libvipsFailed(operation: String, reason: String)

    /// A one-line, human-readable message naming the path or argument involved.
    public var description: String {
        switch self {
        case .fileNotFound(let path):
            return "no such file: \(path) — check the path"
        case .isADirectory(let path):
            return "is a directory, not an image file: \(path) — give the path of an image file"
        case .emptyFile(let path):
            return "empty file (0 bytes): \(path) — probably an interrupted copy or download; give a complete image"
        case .unreadableFile(let path, let reason):
            return "cannot read \(path): \(reason) — check its permissions"
        case .notAnImage(let path, let reason):
            return "not a readable image: \(path) (\(reason)) — give a PNG, JPEG, WebP, TIFF or other image libvips reads"
        case .unsupportedOutputFormat(let path, let fileExtension, let supported):
            let shown = fileExtension.isEmpty ? "no extension" : "extension '.\(fileExtension)'"
            return "cannot save \(path): \(shown) is not a supported format (use "
                + supported.map { ".\($0)" }.joined(separator: ", ") + ")"
        case .saveFailed(let path, let reason):
            return "could not save \(path): \(reason)"
        case .invalidImageTensor(let shape, let expected):
            return "image tensor has shape \(shape), expected \(expected)"
        case .invalidArgument(let name, let reason):
            return "invalid \(name): \(reason)"
        case .libvipsUnavailable(let reason):
            return "libvips could not be started: \(reason)"
        case .libvipsFailed(let operation, let reason):
            return "libvips \(operation) failed: \(reason)"
        }
    }
}
