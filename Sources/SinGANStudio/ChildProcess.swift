import Foundation

/// One `singan-edit` run in its own process: a crash or a cancel cannot take the server down.
/// Stdout is handed over line by line as it comes; stderr is kept for the error line.
final class ChildProcess: @unchecked Sendable {
    /// How the process ended.
    struct Outcome: Sendable {
        let status: Int32
        let stdout: String
        let stderr: String

        /// The CLI's one-line error without its `error: ` prefix, or the last stderr line.
        var errorLine: String {
            let lines = stderr.split(whereSeparator: \.isNewline).map(String.init)
            if let error = lines.last(where: { $0.hasPrefix("error: ") }) { return String(error.dropFirst(7)) }
            return lines.last ?? "singan-edit exited with status \(status)"
        }
    }

    private let process = Process()
    private let lock = NSLock()
    private var started = false

    init(executable: URL, arguments: [String], directory: URL? = nil) {
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.standardInput = FileHandle.nullDevice
    }

    /// Starts the process and waits for it to end; `line` hears every stdout line.
    func run(line: @escaping @Sendable (String) -> Void = { _ in }) async throws -> Outcome {
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try lock.withLock {
            try process.run()
            started = true
        }
        return await withCheckedContinuation { continuation in
            let process = self.process
            Thread.detachNewThread {
                let stderr = Collected()
                let errorReader = Thread { stderr.data = err.fileHandleForReading.readDataToEndOfFile(); stderr.done.signal() }
                errorReader.start()
                var stdout = Data(), pending = Data()
                while case let chunk = out.fileHandleForReading.availableData, !chunk.isEmpty {
                    stdout.append(chunk)
                    pending.append(chunk)
                    while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                        line(String(decoding: pending[pending.startIndex..<newline], as: UTF8.self))
                        pending.removeSubrange(pending.startIndex...newline)
                    }
                }
                process.waitUntilExit()
                stderr.done.wait()
                continuation.resume(returning: Outcome(status: process.terminationStatus,
                                                       stdout: String(decoding: stdout, as: UTF8.self),
                                                       stderr: String(decoding: stderr.data, as: UTF8.self)))
            }
        }
    }

    /// Sends `signal` (SIGINT: training saves its snapshot and stops) if the process runs.
    func send(_ signal: Int32) {
        lock.withLock {
            if started && process.isRunning { kill(process.processIdentifier, signal) }
        }
    }

    private final class Collected: @unchecked Sendable {
        var data = Data()
        let done = DispatchSemaphore(value: 0)
    }
}
