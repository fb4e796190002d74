import Foundation

/// What one plugin run made, kept in `.studio/results/ID/` (`result.json`, the uploaded inputs and
/// the outputs) until deleted: the model's history.
struct StudioResult: Codable, Sendable {
    let id: String
    let model: String
    let plugin: String
    /// The options as given (seed included), for repeating the run.
    let parameters: [String: String]
    let created: Date
    /// Download URLs of the outputs.
    let files: [String]
    /// Download URLs of the uploaded inputs, by field name.
    let inputs: [String: String]
    /// What the command printed (the written files and the plugin's notes).
    let lines: [String]
    /// The equivalent command line, with the studio's paths.
    let command: [String]
}

/// The results folder: results are addressed by id, and a file only by a name listed in its
/// result, never by a path from the request.
struct ResultStore: Sendable {
    let folder: URL

    static func newID() -> String {
        let stamp = ISO8601DateFormatter.string(from: Date(), timeZone: .gmt, formatOptions: [.withYear, .withMonth, .withDay])
        return "r-\(stamp)-" + UUID().uuidString.lowercased().prefix(8)
    }

    func directory(of id: String) throws -> URL {
        guard ModelStore.isValidID(id) else { throw StudioError.badRequest("'\(id)' is not a valid result id") }
        return folder.appendingPathComponent(id, isDirectory: true)
    }

    func save(_ result: StudioResult) throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        try encoder.encode(result).write(to: try directory(of: result.id).appendingPathComponent("result.json"), options: .atomic)
    }

    func result(_ id: String) throws -> StudioResult {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        guard let data = FileManager.default.contents(atPath: try directory(of: id).appendingPathComponent("result.json").path),
              let result = try? decoder.decode(StudioResult.self, from: data) else {
            throw StudioError.notFound("no result '\(id)'")
        }
        return result
    }

    /// Every result, newest first; only those of `model` when given.
    func all(model: String? = nil) -> [StudioResult] {
        let ids = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return ids.compactMap { try? result($0) }.filter { model == nil || $0.model == model }.sorted { $0.created > $1.created }
    }

    /// The file of result `id` whose download URL ends in `name` (outputs and inputs only).
    func file(_ id: String, named name: String) throws -> URL {
        let result = try result(id)
        let url = Self.fileURL(id: id, relative: name)
        guard result.files.contains(url) || result.inputs.values.contains(url) else {
            throw StudioError.notFound("result '\(id)' has no file '\(name)'")
        }
        return try directory(of: id).appendingPathComponent(name)
    }

    func delete(_ id: String) throws {
        _ = try result(id)
        try FileManager.default.removeItem(at: try directory(of: id))
    }

    /// The files under `directory` (relative paths, sorted), `result.json` and inputs left out.
    static func outputs(in directory: URL) -> [String] {
        let base = directory.standardizedFileURL.path + "/"
        let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey])
        var names: [String] = []
        while let url = walker?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(base.count))
            if relative != "result.json" && !relative.hasPrefix("inputs/") { names.append(relative) }
        }
        return names.sorted()
    }

    static func fileURL(id: String, relative: String) -> String { "/api/results/\(id)/files/\(relative)" }
}
