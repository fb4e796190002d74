import Foundation
import SinGANImaging

/// An uploaded picture, stored under a name the server chooses, with the extension of what its
/// bytes are (not what the client called it) and checked by libvips before anything uses it.
enum UploadedImage {
    /// Writes `data` as `folder/name.EXT` and returns its path; throws a 400 when the bytes are not
    /// a JPEG, PNG, WebP, TIFF or GIF that libvips can read.
    static func store(_ data: Data, field: String, in folder: URL, name: String) throws -> String {
        guard let ext = sniffedExtension(data) else {
            throw StudioError.badRequest("\(field) is not an image (JPEG, PNG, WebP, TIFF or GIF)")
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("\(name).\(ext)")
        try data.write(to: url, options: .atomic)
        do {
            _ = try ImageFile.dimensions(of: url.path)
        } catch {
            try? FileManager.default.removeItem(at: url)
            // libvips' reason, naming the field instead of the server's path.
            throw StudioError.badRequest(String(describing: error).replacingOccurrences(of: url.path, with: field))
        }
        return url.path
    }

    /// The format the first bytes announce.
    static func sniffedExtension(_ data: Data) -> String? {
        let bytes = [UInt8](data.prefix(12))
        func starts(_ prefix: [UInt8]) -> Bool { bytes.starts(with: prefix) }
        if starts([0x89, 0x50, 0x4E, 0x47]) { return "png" }
        if starts([0xFF, 0xD8, 0xFF]) { return "jpg" }
        if bytes.count >= 12, starts(Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8) { return "webp" }
        if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) { return "tif" }
        if starts(Array("GIF8".utf8)) { return "gif" }
        return nil
    }
}
