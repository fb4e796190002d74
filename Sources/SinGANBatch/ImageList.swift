import Foundation

/// Reads the images of a batch from a folder (its image files, sorted by name), a file of paths
/// (one per line; blank lines and lines starting with `#` are skipped) or a CSV file with a
/// header and per-image options (`CSVImageList`). Relative paths in a list are relative to the
/// list's folder. Every error names the list file and line.
public enum ImageList {
    /// The file extensions a folder's images may have (lower case).
    public static let imageExtensions: Set<String> = ["png", "jpg", "jpeg", "webp", "tif", "tiff", "gif"]

    public static func read(_ path: String) throws -> [BatchImage] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw BatchError("no such file or folder: \(path) — give a folder of images, a file of paths or a CSV file")
        }
        let images: [BatchImage]
        if isDirectory.boolValue {
            images = try folder(path)
        } else {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw BatchError("cannot read \(path) — check its permissions")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw BatchError("\(path) is not a text file — give a folder of images, a file of paths or a CSV file")
            }
            let base = absolutePath(directory(of: path))
            images = path.lowercased().hasSuffix(".csv")
                ? try CSVImageList.parse(text, file: path, baseFolder: base)
                : try pathList(text, file: path, baseFolder: base)
            if images.isEmpty { throw BatchError("\(path) lists no images") }
        }
        try checkUniqueNames(images)
        return images
    }

    /// The image files directly in `path`, sorted by name.
    static func folder(_ path: String) throws -> [BatchImage] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw BatchError("cannot list the folder \(path): \(error.localizedDescription)")
        }
        let folder = absolutePath(path)
        let images = names.filter { !$0.hasPrefix(".") && imageExtensions.contains(fileExtension($0)) }.sorted()
            .map { BatchImage(name: stem($0), image: folder + "/" + $0, source: path) }
        guard !images.isEmpty else {
            throw BatchError("the folder \(path) holds no images (\(imageExtensions.sorted().map { "." + $0 }.joined(separator: ", ")))")
        }
        return images
    }

    /// One path per line.
    static func pathList(_ text: String, file: String, baseFolder: String) throws -> [BatchImage] {
        var images: [BatchImage] = []
        for (index, rawLine) in lines(text).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let location = "\(file):\(index + 1)"
            images.append(BatchImage(name: stem(line), image: try existingImage(line, baseFolder: baseFolder, location: location),
                                     source: location))
        }
        return images
    }

    /// The absolute path of the listed image, which must be a file.
    static func existingImage(_ listed: String, baseFolder: String, location: String) throws -> String {
        let path = listed.hasPrefix("/") ? listed : baseFolder + "/" + listed
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw BatchError("\(location): no such image: \(listed)")
        }
        guard !isDirectory.boolValue else { throw BatchError("\(location): \(listed) is a folder, not an image file") }
        return URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// Two images with one name would train the same model file.
    static func checkUniqueNames(_ images: [BatchImage]) throws {
        var first: [String: BatchImage] = [:]
        for image in images {
            guard !image.name.isEmpty, !image.name.hasPrefix(".") else {
                throw BatchError("\(image.source): \(image.image) has no name to give its model; rename the file")
            }
            if let earlier = first[image.name] {
                throw BatchError("\(image.source): \(lastComponent(image.image)) and \(lastComponent(earlier.image)) (\(earlier.source)) "
                                 + "would both train models/\(image.name).sgn; rename one of them")
            }
            first[image.name] = image
        }
    }

    static func lines(_ text: String) -> [String] {
        // "\r\n" is one Character, a newline like "\n".
        text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
    }

    /// `path` made absolute against the current folder, without `.` and `..` components.
    public static func absolutePath(_ path: String) -> String {
        URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath + "/"))
            .standardizedFileURL.path
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The last component of `path`.
    public static func lastComponent(_ path: String) -> String {
        path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
    }

    static func fileExtension(_ name: String) -> String {
        name.lastIndex(of: ".").map { String(name[name.index(after: $0)...]).lowercased() } ?? ""
    }

    /// The file name without folder and extension.
    static func stem(_ path: String) -> String {
        let name = lastComponent(path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }
}
