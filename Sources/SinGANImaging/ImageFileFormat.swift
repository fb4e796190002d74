/// The still-image formats `ImageFile.save` writes, chosen by the file extension (any case).
public enum ImageFileFormat: String, CaseIterable, Sendable {
    /// PNG, lossless, zlib level 6.
    case png
    /// JPEG at quality 95 (lossy).
    case jpeg
    /// WebP at quality 95 (lossy).
    case webp
    /// TIFF with lossless deflate compression.
    case tiff
    /// GIF (a 256-colour palette is computed, so colours are approximated).
    case gif

    /// Extensions accepted for saving, lower case, without the dot.
    public static let supportedExtensions = ["png", "jpg", "jpeg", "webp", "tif", "tiff", "gif"]

    /// The format named by the extension of `path`, or nil when it is missing or unsupported.
    public init?(path: String) {
        switch Self.fileExtension(of: path).lowercased() {
        case "png": self = .png
        case "jpg", "jpeg": self = .jpeg
        case "webp": self = .webp
        case "tif", "tiff": self = .tiff
        case "gif": self = .gif
        default: return nil
        }
    }

    /// The text after the last dot of the last path component ("" when there is none).
    public static func fileExtension(of path: String) -> String {
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return String(name[name.index(after: dot)...])
    }

    /// The libvips saver suffix, with this module's options.
    var saverSuffix: String {
        switch self {
        case .png: return ".png"
        case .jpeg: return ".jpg[Q=95]"
        case .webp: return ".webp[Q=95]"
        case .tiff: return ".tif[compression=deflate]"
        case .gif: return ".gif"
        }
    }
}
