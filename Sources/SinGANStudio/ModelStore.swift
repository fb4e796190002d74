import Foundation

/// The models folder: every `NAME.sgn` is a model whose id is NAME. Ids are checked against a
/// strict pattern and only ever joined to the folder, so no request can name another path.
/// Descriptions come from `singan-edit info --json` (cached until the file changes), thumbnails
/// from the model's own training image.
actor ModelStore {
    let folder: URL
    /// `.studio/` inside the models folder: jobs, results, thumbnails.
    let studioFolder: URL
    private let executable: URL
    private var descriptions: [String: (stamp: FileStamp, json: Data)] = [:]

    init(folder: URL, executable: URL) throws {
        self.folder = folder
        self.executable = executable
        studioFolder = folder.appendingPathComponent(".studio", isDirectory: true)
        for sub in ["jobs", "results", "thumbnails", "uploads"] {
            try FileManager.default.createDirectory(at: studioFolder.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
    }

    /// Letters, digits, `-`, `_` and `.`, starting with a letter or digit, at most 64 characters.
    static func isValidID(_ id: String) -> Bool {
        guard let first = id.first, first.isASCII, first.isLetter || first.isNumber, id.count <= 64 else { return false }
        return id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) } && !id.contains("..")
    }

    /// The model file of `id` (which may not exist yet).
    nonisolated func path(of id: String) throws -> String {
        guard Self.isValidID(id) else { throw StudioError.badRequest("'\(id)' is not a valid model id (letters, digits, - _ .)") }
        return folder.appendingPathComponent(id + ".sgn").path
    }

    /// The path of an existing model, or a 404.
    nonisolated func existingPath(of id: String) throws -> String {
        let path = try path(of: id)
        guard FileManager.default.fileExists(atPath: path) else { throw StudioError.notFound("no model '\(id)' in the models folder") }
        return path
    }

    /// The ids of the models in the folder, sorted; the files the CLI keeps beside a model are left
    /// out: backups (`NAME.previous.sgn`) and paint2img's retrained scales (`NAME.paint-s2.sgn`).
    nonisolated func ids() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".sgn") && !$0.hasSuffix(".previous.sgn") }
            .map { String($0.dropLast(4)) }
            .filter { Self.isValidID($0) && $0.range(of: #"\.paint-s[0-9]+(-i[0-9]+)?$"#, options: .regularExpression) == nil }
            .sorted()
    }

    /// `{"id": …, "info": <info --json>, "thumbnail": url}`, or an entry with `error` when the
    /// file cannot be read (the CLI's message).
    func entry(for id: String) async -> Data {
        let thumbnail = "/api/models/\(id)/thumbnail"
        do {
            let info = try await description(of: id)
            return Data("{\"id\":\(quoted(id)),\"info\":".utf8) + info + Data(",\"thumbnail\":\(quoted(thumbnail))}".utf8)
        } catch {
            return Data("{\"error\":\(quoted(Self.message(error))),\"id\":\(quoted(id))}".utf8)
        }
    }

    /// What `singan-edit info --json` prints for the model.
    func description(of id: String) async throws -> Data {
        let path = try existingPath(of: id)
        let stamp = FileStamp(path: path)
        if let cached = descriptions[id], cached.stamp == stamp { return cached.json }
        let outcome = try await ChildProcess(executable: executable, arguments: ["info", "--json", path]).run()
        guard outcome.status == 0 else { throw StudioError.badRequest(outcome.errorLine) }
        let json = Data(outcome.stdout.trimmingCharacters(in: .whitespacesAndNewlines).utf8)
        descriptions[id] = (stamp, json)
        return json
    }

    /// The thumbnail PNG (the training image at its finest trained scale), made once per file version.
    func thumbnail(of id: String) throws -> URL {
        let path = try existingPath(of: id)
        let stamp = FileStamp(path: path)
        let url = studioFolder.appendingPathComponent("thumbnails/\(id)-\(stamp.key).png")
        if !FileManager.default.fileExists(atPath: url.path) {
            try ModelPictures.writeTrainingImage(of: path, to: url.path)
        }
        return url
    }

    static func message(_ error: any Error) -> String {
        (error as? StudioError)?.message ?? String(describing: error)
    }

    private func quoted(_ text: String) -> String {
        String(decoding: (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8), as: UTF8.self)
    }
}

/// A file's size and modification time: a changed stamp means a changed file.
struct FileStamp: Equatable, Sendable {
    let size: Int
    let modified: Double

    init(path: String) {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        size = (attributes?[.size] as? Int) ?? -1
        modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
    }

    var key: String { "\(size)-\(Int(modified * 1000))" }
}
