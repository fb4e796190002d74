import Foundation
import HTTPTypes
import Hummingbird

/// A refused request: an HTTP status and the one-line message the CLI would print, answered as
/// `{"error": "…"}`.
struct StudioError: HTTPResponseError, CustomStringConvertible {
    let status: HTTPResponse.Status
    let message: String

    init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message
    }

    var description: String { message }

    static func badRequest(_ message: String) -> StudioError { StudioError(.badRequest, message) }
    static func notFound(_ message: String) -> StudioError { StudioError(.notFound, message) }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try JSONReply.encode(["error": message])
        response.status = status
        return response
    }
}

/// JSON answers: sorted keys, no escaped slashes.
enum JSONReply {
    static func encode(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return raw(try encoder.encode(value), status: status)
    }

    /// `data`, already JSON.
    static func raw(_ data: Data, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
