import Foundation

/// A `multipart/form-data` body (RFC 7578): text fields and uploaded files by field name. The
/// client's file names are ignored; only the bytes are kept.
struct MultipartForm: Sendable {
    /// Text fields (the last value of each name).
    private(set) var fields: [String: String] = [:]
    /// File fields: the bytes of each upload.
    private(set) var files: [String: Data] = [:]

    /// Parses `body` with the boundary named in `contentType`; throws a 400 for anything malformed.
    init(body: Data, contentType: String?) throws {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data"),
              let boundaryParameter = contentType.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) })
                .first(where: { $0.lowercased().hasPrefix("boundary=") }) else {
            throw StudioError.badRequest("the request must be multipart/form-data")
        }
        let boundary = boundaryParameter.dropFirst("boundary=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        let delimiter = Data("--\(boundary)".utf8)
        var position = body.startIndex
        guard let first = body.range(of: delimiter, in: position..<body.endIndex) else {
            throw StudioError.badRequest("the multipart body has no part")
        }
        position = first.upperBound
        let separator = Data("\r\n".utf8) + delimiter
        while true {
            // After a delimiter: "--" ends the body, CRLF starts a part.
            if body[position...].starts(with: Data("--".utf8)) { break }
            guard body[position...].starts(with: Data("\r\n".utf8)) else { throw StudioError.badRequest("malformed multipart body") }
            position += 2
            guard let headerEnd = body.range(of: Data("\r\n\r\n".utf8), in: position..<body.endIndex),
                  let next = body.range(of: separator, in: headerEnd.upperBound..<body.endIndex) else {
                throw StudioError.badRequest("malformed multipart body")
            }
            let headers = String(decoding: body[position..<headerEnd.lowerBound], as: UTF8.self)
            let content = Data(body[headerEnd.upperBound..<next.lowerBound])
            try add(headers: headers, content: content)
            position = next.upperBound
        }
    }

    private mutating func add(headers: String, content: Data) throws {
        guard let disposition = headers.split(separator: "\r\n")
            .first(where: { $0.lowercased().hasPrefix("content-disposition:") }) else {
            throw StudioError.badRequest("a multipart part has no Content-Disposition")
        }
        let parameters = Self.parameters(of: String(disposition))
        guard let name = parameters["name"], !name.isEmpty else { throw StudioError.badRequest("a multipart part has no name") }
        if parameters["filename"] != nil {
            files[name] = content
        } else {
            fields[name] = String(decoding: content, as: UTF8.self)
        }
    }

    /// `name="x"; filename="y"` → ["name": "x", "filename": "y"].
    private static func parameters(of header: String) -> [String: String] {
        var result: [String: String] = [:]
        for piece in header.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { continue }
            result[pair[0].lowercased()] = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return result
    }
}
