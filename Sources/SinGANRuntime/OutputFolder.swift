import Foundation

/// The missing-folder rule of every command: the folders on the way to an output file are
/// created when missing (`mkdir -p`), so `-o results/today/x.png` works without a `mkdir` first.
public enum OutputFolder {
    /// Creates the missing folders above `file`; returns those it created, outermost first.
    /// Throws a one-line error when one cannot be created (e.g. a file stands in the way).
    @discardableResult
    public static func create(for file: String) throws(OutputError) -> [String] {
        try createDirectory(parent(of: file))
    }

    /// Creates `directory` and its missing ancestors; returns those it created, outermost first.
    @discardableResult
    static func createDirectory(_ directory: String) throws(OutputError) -> [String] {
        var missing: [String] = []
        var current = directory
        while !current.isEmpty, current != "/", current != ".", !FileManager.default.fileExists(atPath: current) {
            missing.append(current)
            current = parent(of: current)
        }
        var created: [String] = []
        for path in missing.reversed() {
            if mkdir(path, 0o755) == 0 {
                created.append(path)
            } else if errno != EEXIST {
                throw .cannotCreateDirectory(path: path, reason: String(cString: strerror(errno)))
            }
        }
        return created
    }

    /// The folder part of `path`: "." for a bare name, "/" at the root.
    static func parent(of path: String) -> String { split(path).directory }

    /// (directory, last component); the directory is "." for a bare name and "/" at the root.
    static func split(_ path: String) -> (directory: String, name: String) {
        let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        guard let slash = trimmed.lastIndex(of: "/") else { return (".", trimmed) }
        let directory = String(trimmed[..<slash])
        return (directory.isEmpty ? "/" : directory, String(trimmed[trimmed.index(after: slash)...]))
    }
}
