import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The JSON API of models, plugins and results (Docs/http-api.md); jobs are in `JobRoutes`.
struct StudioRoutes: Sendable {
    let settings: StudioSettings
    let store: ModelStore
    let queue: TrainingQueue
    let results: ResultStore
    let runner: PluginRunner
    let forms: [PluginForm]

    func register(on router: Router<BasicRequestContext>) {
        router.get("/api/plugins") { _, _ in try JSONReply.encode(forms) }

        router.get("/api/models") { _, _ in
            var entries: [Data] = []
            for id in store.ids() { entries.append(await store.entry(for: id)) }
            return JSONReply.raw(Data("[".utf8) + entries.joined(separator: Data(",".utf8)) + Data("]".utf8))
        }
        router.post("/api/models") { request, _ in
            let form = try await Self.multipart(request, limit: settings.uploadLimit)
            guard let photo = form.files["image"] else { throw StudioError.badRequest("the photo must be in a file field named 'image'") }
            let name = form.fields["name"].flatMap { $0.isEmpty ? nil : $0 } ?? Self.defaultModelName()
            return try JSONReply.encode(try await queue.submit(photo: photo, name: name, fields: form.fields), status: .accepted)
        }
        router.get("/api/models/:id") { _, context in
            let id = try context.parameters.require("id")
            _ = try store.existingPath(of: id)
            return JSONReply.raw(await store.entry(for: id))
        }
        router.delete("/api/models/:id") { _, context in
            let id = try context.parameters.require("id")
            let path = try store.existingPath(of: id)
            if await queue.all().contains(where: { $0.model == id && ($0.state == .queued || $0.state == .running) }) {
                throw StudioError(.conflict, "\(id) is being trained; cancel its job first")
            }
            try FileManager.default.removeItem(atPath: path)
            return try JSONReply.encode(["deleted": id])
        }
        router.get("/api/models/:id/thumbnail") { _, context in
            try Self.file(try await store.thumbnail(of: try context.parameters.require("id")))
        }
        router.get("/api/models/:id/palette") { request, context in
            let path = try store.existingPath(of: try context.parameters.require("id"))
            let scale = try Self.integer(request.uri.queryParameters.get("scale"), name: "scale") ?? 0
            let colours = try await Task.detached { try ModelPictures.palette(of: path, scale: scale) }.value
            return try JSONReply.encode(Palette(scale: scale, colours: colours))
        }
        router.get("/api/models/:id/results") { _, context in
            let id = try context.parameters.require("id")
            _ = try store.existingPath(of: id)
            return try JSONReply.encode(results.all(model: id))
        }
        router.post("/api/models/:id/run/:plugin") { request, context in
            let name = try context.parameters.require("plugin")
            guard let form = forms.first(where: { $0.name == name }) else {
                throw StudioError.notFound("no plugin '\(name)'; the plugins are \(forms.map(\.name).joined(separator: ", "))")
            }
            let id = try context.parameters.require("id")
            _ = try store.existingPath(of: id)
            let fields = try await Self.multipart(request, limit: settings.uploadLimit)
            return try JSONReply.encode(try await runner.run(form, model: id, request: fields))
        }

        router.get("/api/results") { _, _ in try JSONReply.encode(results.all()) }
        router.get("/api/results/:id") { _, context in
            try JSONReply.encode(try results.result(try context.parameters.require("id")))
        }
        router.delete("/api/results/:id") { _, context in
            let id = try context.parameters.require("id")
            try results.delete(id)
            return try JSONReply.encode(["deleted": id])
        }
        router.get("/api/results/:id/files/**") { _, context in
            let name = context.parameters.getCatchAll().joined(separator: "/")
            return try Self.file(try results.file(try context.parameters.require("id"), named: name), download: true)
        }
    }

    struct Palette: Encodable {
        let scale: Int
        let colours: [String]
    }

    /// The request's multipart body, at most `limit` bytes (413 beyond).
    static func multipart(_ request: Request, limit: Int) async throws -> MultipartForm {
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: limit)
        } catch {
            throw StudioError(.contentTooLarge, "the upload is larger than the limit of \(limit >> 20) MB (see serve --upload-limit)")
        }
        return try MultipartForm(body: Data(buffer: body), contentType: request.headers[.contentType])
    }

    static func integer(_ text: String?, name: String) throws -> Int? {
        guard let text, !text.isEmpty else { return nil }
        guard let value = Int(text) else { throw StudioError.badRequest("\(name) must be a whole number (got \(text))") }
        return value
    }

    /// "model-20261202-143005".
    static func defaultModelName() -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        formatter.timeZone = TimeZone(identifier: "UTC")
        return "model-" + formatter.string(from: Date())
    }

    /// A file's bytes with its content type.
    static func file(_ url: URL, download: Bool = false) throws -> Response {
        guard let data = FileManager.default.contents(atPath: url.path) else { throw StudioError.notFound("no file") }
        var headers: HTTPFields = [.contentType: contentType(of: url.pathExtension), .cacheControl: "no-store"]
        if download { headers[.contentDisposition] = "inline; filename=\"\(url.lastPathComponent)\"" }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func contentType(of ext: String) -> String {
        switch ext.lowercased() {
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "webp": "image/webp"
        case "gif": "image/gif"
        case "tif", "tiff": "image/tiff"
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "json": "application/json"
        default: "application/octet-stream"
        }
    }
}
