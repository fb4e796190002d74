internal import CVips
import Foundation

/// Starts libvips once per process and turns its error buffer into Swift errors.
///
/// libvips keeps one error buffer per process, so messages of operations failing at the same
/// moment on different threads may be mixed; the error case itself is always right.
enum VipsRuntime {
    /// The outcome of the one-time start-up, computed lazily and thread-safely.
    private static let startup: Result<Void, ImagingError> = {
        if cvips_initialize() == 0 { return .success(()) }
        return .failure(.libvipsUnavailable(reason: takeErrorMessage()))
    }()

    /// Starts libvips if needed; throws when it cannot start.
    static func ensureStarted() throws(ImagingError) {
        try startup.get()
    }

    /// The pending libvips error text as one line, followed by the warnings libvips logged since
    /// (both are cleared).
    static func takeErrorMessage() -> String {
        let errors = lines(cvips_take_error_message())
        let warnings = takeWarnings().filter { !errors.contains($0) }
        let message = errors.isEmpty ? "unknown libvips error" : errors.joined(separator: "; ")
        return warnings.isEmpty ? message : message + " (libvips: " + warnings.joined(separator: "; ") + ")"
    }

    /// The warnings libvips logged since the last call (kept instead of printed; cleared).
    static func takeWarnings() -> [String] { lines(cvips_take_warnings()) }

    /// The non-empty, trimmed lines of a shim string, which is released.
    private static func lines(_ raw: UnsafeMutablePointer<CChar>?) -> [String] {
        guard let raw else { return [] }
        defer { cvips_free(raw) }
        return String(cString: raw)
            .split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    /// Runs a shim call that produces an image, wrapping the result or throwing `libvipsFailed`.
    static func make(
        _ operation: String, _ call: (UnsafeMutablePointer<OpaquePointer?>) -> Int32
    ) throws(ImagingError) -> VipsImage {
        try ensureStarted()
        var result: OpaquePointer?
        guard call(&result) == 0, let image = result else {
            throw .libvipsFailed(operation: operation, reason: takeErrorMessage())
        }
        return VipsImage(owning: image)
    }
}
