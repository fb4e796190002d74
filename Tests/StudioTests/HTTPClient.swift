import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A bare HTTP/1.1 client on a loopback socket, so tests control every header (Host, Origin,
/// Authorization) and see a streamed answer as it arrives.
enum HTTP {
    struct Reply {
        let status: Int
        let headers: [String: String]
        let body: Data
        /// When each piece of the raw answer arrived, with the text seen so far.
        let arrivals: [(time: Date, seen: String)]

        var text: String { String(decoding: body, as: UTF8.self) }
        func json() throws -> Any { try JSONSerialization.jsonObject(with: body) }
        func object() throws -> [String: Any] {
            guard let object = try json() as? [String: Any] else { throw StudioTestError("not a JSON object: \(text)") }
            return object
        }
        func array() throws -> [[String: Any]] {
            guard let array = try json() as? [[String: Any]] else { throw StudioTestError("not a JSON array: \(text)") }
            return array
        }
        /// The `{"error": …}` message.
        var error: String? { (try? object())?["error"] as? String }
    }

    static func request(port: Int, _ method: String, _ path: String, headers: [String: String] = [:],
                        body: Data? = nil, host: String? = nil, timeout: Int = 300) throws -> Reply {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw StudioTestError("socket failed") }
        defer { close(fd) }
        var time = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw StudioTestError("cannot connect to port \(port)") }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: \(host ?? "127.0.0.1:\(port)")\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(body?.count ?? 0)\r\n\r\n"
        let request = Data(head.utf8) + (body ?? Data())
        var sent = 0
        while sent < request.count {
            let n = request.withUnsafeBytes { send(fd, $0.baseAddress! + sent, request.count - sent, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { break } // the server may answer (413) and close before reading it all
            sent += n
        }
        var raw = Data(), arrivals: [(Date, String)] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            raw.append(contentsOf: buffer[0..<n])
            arrivals.append((Date(), String(decoding: raw, as: UTF8.self)))
        }
        return try parse(raw, arrivals: arrivals)
    }

    private static func parse(_ raw: Data, arrivals: [(Date, String)]) throws -> Reply {
        guard let end = raw.range(of: Data("\r\n\r\n".utf8)) else { throw StudioTestError("no HTTP answer: \(String(decoding: raw, as: UTF8.self))") }
        let lines = String(decoding: raw[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        guard let statusLine = lines.first, let status = Int(statusLine.split(separator: " ")[1]) else {
            throw StudioTestError("bad status line")
        }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            if let colon = line.firstIndex(of: ":") {
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        var body = Data(raw[end.upperBound...])
        if headers["transfer-encoding"]?.contains("chunked") == true { body = dechunked(body) }
        return Reply(status: status, headers: headers, body: body, arrivals: arrivals)
    }

    private static func dechunked(_ data: Data) -> Data {
        var out = Data(), index = data.startIndex
        while let lineEnd = data.range(of: Data("\r\n".utf8), in: index..<data.endIndex) {
            let size = Int(String(decoding: data[index..<lineEnd.lowerBound], as: UTF8.self)
                .split(separator: ";")[0], radix: 16) ?? 0
            if size == 0 { break }
            out.append(data[lineEnd.upperBound..<min(lineEnd.upperBound + size, data.endIndex)])
            index = min(lineEnd.upperBound + size + 2, data.endIndex)
        }
        return out
    }

    /// A multipart/form-data body: text fields and files.
    static func multipart(fields: [String: String] = [:], files: [String: Data] = [:]) -> (body: Data, contentType: String) {
        let boundary = "studio-test-\(UUID().uuidString)"
        var body = Data()
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for (name, data) in files.sorted(by: { $0.key < $1.key }) {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"../../\(name).png\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
            body += data + Data("\r\n".utf8)
        }
        body += Data("--\(boundary)--\r\n".utf8)
        return (body, "multipart/form-data; boundary=\(boundary)")
    }

    /// POSTs a multipart form.
    static func post(port: Int, _ path: String, fields: [String: String] = [:], files: [String: Data] = [:],
                     headers: [String: String] = [:], host: String? = nil) throws -> Reply {
        let form = multipart(fields: fields, files: files)
        return try request(port: port, "POST", path, headers: headers.merging(["Content-Type": form.contentType]) { a, _ in a },
                           body: form.body, host: host)
    }
}
