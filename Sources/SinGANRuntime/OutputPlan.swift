import SinGANImaging
import SinGANModel

/// An image a plugin promises to write: where, and how large. The format follows the extension.
public struct PlannedImage: Sendable, Hashable {
    /// The destination path.
    public let path: String
    /// The image's size.
    public let size: ImageSize

    public init(path: String, size: ImageSize) {
        self.path = path
        self.size = size
    }

    /// The file format the extension names, or nil when it names none `ImageFile.save` writes.
    public var format: ImageFileFormat? { ImageFileFormat(path: path) }
}

/// Everything a run will write, known before it starts.
public struct OutputPlan: Sendable, Equatable {
    public let images: [PlannedImage]

    public init(_ images: [PlannedImage]) { self.images = images }
}

/// Why planned outputs cannot be written, each one line.
public enum OutputError: Error, Equatable, Sendable, CustomStringConvertible {
    case unsupportedFormat(path: String)
    case duplicatePath(String)
    case isDirectory(path: String)
    case parentNotDirectory(path: String, parent: String)
    case cannotCreateDirectory(path: String, reason: String)
    case unplanned(path: String)
    case sizeMismatch(path: String, got: [Int], planned: ImageSize)
    case notWritten([String])
    case commitFailed(path: String, reason: String)
    /// A planned file exists and `--force` was not given (`others`: how many more exist).
    case exists(path: String, others: Int)

    public var description: String {
        switch self {
        case .unsupportedFormat(let path):
            "cannot write \(path): use one of the extensions "
                + ImageFileFormat.supportedExtensions.map { ".\($0)" }.joined(separator: ", ")
        case .duplicatePath(let path):
            "\(path) would be written twice; choose different output names"
        case .isDirectory(let path):
            "cannot write \(path): it is a directory"
        case let .parentNotDirectory(path, parent):
            "cannot write \(path): \(parent) is not a directory"
        case let .cannotCreateDirectory(path, reason):
            "cannot create the directory \(path): \(reason)"
        case .unplanned(let path):
            "internal error: the plugin wrote \(path), which it did not plan"
        case let .sizeMismatch(path, got, planned):
            "internal error: \(path) came out \(got), but \(planned.width)×\(planned.height) was planned"
        case .notWritten(let paths):
            "internal error: the plugin did not write \(paths.joined(separator: ", "))"
        case let .commitFailed(path, reason):
            "could not move \(path) into place: \(reason)"
        case let .exists(path, others):
            "\(path)\(others > 0 ? " and \(others) more of the files to write" : "") already exist\(others > 0 ? "" : "s"); "
                + "use --force to overwrite"
        }
    }
}
