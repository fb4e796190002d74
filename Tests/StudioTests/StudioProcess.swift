import Foundation

/// A real `singan-edit serve` on 127.0.0.1 with a free port, started by a test and stopped with
/// SIGINT (as Ctrl-C would) when the test is done.
final class StudioProcess: @unchecked Sendable {
    let process = Process()
    let models: URL
    private(set) var base: URL!
    private let output = Pipe()
    /// The server's stderr, in a file so that it never blocks on a full pipe.
    let errorLog: URL

    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("singan-edit")
    }

    /// Starts the server on `models` and waits until it prints its address.
    init(models: URL, extra: [String] = []) throws {
        self.models = models
        errorLog = URL(fileURLWithPath: NSTemporaryDirectory() + "studio-stderr-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: errorLog.path, contents: nil)
        process.executableURL = Self.binary
        process.arguments = ["serve", "--models", models.path, "--port", "0"] + extra
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: errorLog)
        try process.run()
        var seen = ""
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += String(decoding: chunk, as: UTF8.self)
            if let line = seen.split(separator: "\n").first(where: { $0.hasPrefix("studio: ") }) {
                base = URL(string: String(line.dropFirst("studio: ".count)))
                if seen.contains("models: ") { break }
            }
        }
        guard base != nil else {
            process.terminate()
            throw StudioTestError("the server did not start: \(seen) \((try? String(contentsOf: errorLog, encoding: .utf8)) ?? "")")
        }
    }

    var port: Int { base.port ?? 0 }

    /// SIGINT, then waits; returns the exit status.
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning { kill(process.processIdentifier, SIGINT) }
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit { if process.isRunning { process.terminate() } }
}

struct StudioTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
