import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Training jobs: state, cancel, resume, the per-scale samples and the live progress as
/// Server-Sent Events (`GET /api/jobs/{id}/events`).
struct JobRoutes: Sendable {
    let queue: TrainingQueue

    func register(on router: Router<BasicRequestContext>) {
        router.get("/api/jobs") { _, _ in try JSONReply.encode(await queue.all()) }
        router.get("/api/jobs/:id") { _, context in
            try JSONReply.encode(try await queue.job(try context.parameters.require("id")))
        }
        router.delete("/api/jobs/:id") { _, context in
            try JSONReply.encode(try await queue.cancel(try context.parameters.require("id")), status: .accepted)
        }
        router.post("/api/jobs/:id/resume") { _, context in
            try JSONReply.encode(try await queue.resume(try context.parameters.require("id")), status: .accepted)
        }
        router.get("/api/jobs/:id/samples/:scale") { _, context in
            let scale = try context.parameters.require("scale", as: Int.self)
            return try StudioRoutes.file(URL(fileURLWithPath: try await queue.samplePath(job: try context.parameters.require("id"), scale: scale)))
        }
        router.get("/api/jobs/:id/events") { request, context in
            let id = try context.parameters.require("id")
            let lastSeen = request.headers[HTTPField.Name("Last-Event-ID")!].flatMap(Int.init)
                ?? request.uri.queryParameters.get("after").flatMap(Int.init) ?? 0
            _ = try await queue.job(id)
            return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-store"],
                            body: ResponseBody { writer in
                try await Self.stream(job: id, after: lastSeen, queue: queue, to: &writer)
            })
        }
    }

    /// Every event after `after`, then new ones as they come, until the job ends (or the server stops).
    private static func stream(job id: String, after: Int, queue: TrainingQueue, to writer: inout any ResponseBodyWriter) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var seen = after
        while true {
            let (events, ended) = try await queue.events(of: id, after: seen)
            for event in events {
                let json = String(decoding: try encoder.encode(event), as: UTF8.self)
                try await writer.write(ByteBuffer(string: "id: \(event.seq ?? 0)\nevent: \(event.event)\ndata: \(json)\n\n"))
                seen = event.seq ?? seen
            }
            if ended { break }
            try await Task.sleep(nanoseconds: 250_000_000)
        }
        try await writer.finish(nil)
    }
}
