import Foundation
import Hummingbird
import NIOCore

/// The page: the HTML, CSS and JavaScript files in `Page/`, bundled with the binary (no build
/// step, no CDN: the studio works offline).
enum PageAssets {
    /// File name → bytes, read once.
    static let files: [String: Data] = {
        guard let folder = Bundle.module.url(forResource: "Page", withExtension: nil),
              let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [:] }
        return Dictionary(uniqueKeysWithValues: names.compactMap { name in
            FileManager.default.contents(atPath: folder.appendingPathComponent(name).path).map { (name, $0) }
        })
    }()

    static func register(on router: Router<BasicRequestContext>) {
        router.get("/") { _, _ in try response(for: "index.html") }
        router.get("/:file") { _, context in try response(for: try context.parameters.require("file")) }
    }

    private static func response(for name: String) throws -> Response {
        guard let data = files[name] else { throw StudioError.notFound("no page file '\(name)'") }
        let ext = (name as NSString).pathExtension
        return Response(status: .ok, headers: [.contentType: StudioRoutes.contentType(of: ext), .cacheControl: "no-cache"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
