import Foundation

/// While a batch model trains (its output going to its log), shows the log's latest line on one
/// live terminal line: `[2/5] hubble: scale 3/8 … it 400/2000 … ETA 20m11s`.
final class LiveLogLine: @unchecked Sendable {
    private let queue = DispatchQueue(label: "batch.live-log-line")
    private let timer: DispatchSourceTimer
    private let terminal: Int32

    /// Starts following `log` under `label`, writing to a copy of the current stderr (a terminal).
    init(label: String, log: String) {
        terminal = dup(STDERR_FILENO)
        timer = DispatchSource.makeTimerSource(queue: queue)
        let width = max(40, Int(ProcessInfo.processInfo.environment["COLUMNS"] ?? "") ?? 100) - 1
        timer.schedule(deadline: .now(), repeating: 1)
        timer.setEventHandler { [terminal] in
            let line = "\(label): " + (Self.lastLine(of: log) ?? "starting…")
            let text = "\r\u{1B}[K" + String(line.prefix(width))
            _ = Array(text.utf8).withUnsafeBytes { write(terminal, $0.baseAddress, $0.count) }
        }
        timer.resume()
    }

    /// Stops following and clears the line.
    func stop() {
        timer.cancel()
        queue.sync {}  // a handler that was running has finished

        let clear = Array("\r\u{1B}[K".utf8)
        _ = clear.withUnsafeBytes { write(terminal, $0.baseAddress, $0.count) }
        close(terminal)
    }

    /// The last non-empty line of the file's last 4 KiB, without the batch's own marker lines.
    static func lastLine(of path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        try? handle.seek(toOffset: size > 4096 ? size - 4096 : 0)
        let tail = String(decoding: (try? handle.readToEnd()) ?? Data(), as: UTF8.self)
        return tail.split(whereSeparator: \.isNewline).last { !$0.hasPrefix("===") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            .map(String.init)
    }
}
