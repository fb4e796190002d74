import Foundation

/// Runs the built `singan-edit` binary (it sits beside the test bundle) and captures its output.
enum CommandRunner {
    struct Output {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("singan-edit")
    }

    /// Runs `singan-edit arguments…` in `directory` and waits for it to exit. With
    /// `interruptWhen`, `signal` (SIGINT unless given) is sent as soon as the stderr seen so far
    /// satisfies it.
    static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:],
                    signal: Int32 = SIGINT, interruptWhen: (@Sendable (String) -> Bool)? = nil) throws -> Output {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdoutBox = DataBox()
        let reader = Thread { stdoutBox.data = out.fileHandleForReading.readDataToEndOfFile(); stdoutBox.done.signal() }
        reader.start()
        var stderr = Data()
        var interrupted = false
        while case let chunk = err.fileHandleForReading.availableData, !chunk.isEmpty {
            stderr.append(chunk)
            if !interrupted, let interruptWhen, interruptWhen(String(decoding: stderr, as: UTF8.self)) {
                kill(process.processIdentifier, signal)
                interrupted = true
            }
        }
        process.waitUntilExit()
        stdoutBox.done.wait()
        return Output(status: process.terminationStatus, stdout: String(decoding: stdoutBox.data, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Output collected on another thread.
    final class DataBox: @unchecked Sendable {
        var data = Data()
        let done = DispatchSemaphore(value: 0)
    }

    /// A fresh empty directory.
    static func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("singan-cli-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes a small structured PNG (stripes and a disc) through the CLI-independent imaging module.
    static func writeTestImage(to url: URL, width: Int = 42, height: Int = 34) throws {
        var pixels = [Float](repeating: 0, count: 3 * width * height)
        for c in 0..<3 { for y in 0..<height { for x in 0..<width {
            let stripes: Float = (x / 4 + y / 6 + c) % 2 == 0 ? 0.8 : 0.3
            let disc: Float = (x - 20) * (x - 20) + (y - 15) * (y - 15) < 40 ? 0.2 : 0
            pixels[(c * height + y) * width + x] = min(1, stripes + disc)
        } } }
        try ImageWriting.save(pixels: pixels, width: width, height: height, to: url.path)
    }
}
