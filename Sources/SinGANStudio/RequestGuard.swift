import Foundation
import HTTPTypes
import Hummingbird

/// Keeps other web sites and other machines from driving the studio:
/// - the `Host` header must name this server (a page on another site that rebinds its DNS name to
///   127.0.0.1 sends its own name, and is refused);
/// - a state-changing request (anything but GET/HEAD) whose `Origin` is another site is refused (a
///   plain HTML form elsewhere can POST to localhost without any CORS preflight);
/// - when a token is set, every `/api` call must carry it (`Authorization: Bearer …` or `?token=`).
/// No CORS headers are ever sent, so other origins cannot read the answers either.
struct RequestGuard<Context: RequestContext>: RouterMiddleware {
    let settings: StudioSettings
    /// The port the server really listens on (known once it runs, when `--port 0`).
    let port: @Sendable () -> Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let host = request.head.authority?.lowercased() ?? ""
        // On a wildcard address (0.0.0.0, ::) the machine's names are unknown; the token guards it.
        if !["0.0.0.0", "::"].contains(settings.host) {
            let authorities = allowedAuthorities()
            guard authorities.contains(host) else {
                throw StudioError(.forbidden, "the Host header must be this studio's address (\(authorities.first ?? ""))")
            }
        }
        if request.method != .get, request.method != .head, let origin = request.headers[.origin],
           !["http://\(host)", "https://\(host)"].contains(origin.lowercased()) {
            throw StudioError(.forbidden, "requests from another site (\(origin)) are refused")
        }
        if let token = settings.token, request.uri.path == "/api" || request.uri.path.hasPrefix("/api/") {
            let bearer = request.headers[.authorization].flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil }
            guard (bearer ?? request.uri.queryParameters.get("token")) == token else {
                throw StudioError(.unauthorized, "a valid token is required (printed by 'singan-edit serve' when it started)")
            }
        }
        return try await next(request, context)
    }

    /// "127.0.0.1:8080", "localhost:8080" and, for another `--host`, that name with the port.
    private func allowedAuthorities() -> [String] {
        let port = port()
        var hosts = [settings.host.contains(":") ? "[\(settings.host)]" : settings.host]
        if settings.isLoopback { hosts += ["127.0.0.1", "localhost", "[::1]"] }
        return Array(Set(hosts)).sorted().map { "\($0.lowercased()):\(port)" }
    }
}
