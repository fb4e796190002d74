import Foundation

/// A model's log, `logs/NAME.log`: everything its trainings printed, appended attempt after
/// attempt (a preempted task appends again when it restarts). Each attempt starts with a header
/// line and ends, unless the process was killed, with an exit line, so the last attempt's outcome
/// can be read back.
public enum TrainingLog {
    static let attemptPrefix = "=== batch: attempt "
    static let exitPrefix = "=== batch: exit status "

    /// The line that opens an attempt, e.g. `=== batch: attempt at 2026-12-02T13:05:00Z on node1 (Slurm job 41_2): train … ===`.
    public static func attemptHeader(date: Date = Date(), host: String, job: String?, arguments: [String]) -> String {
        let time = ISO8601DateFormatter().string(from: date)
        let slurm = job.map { " (Slurm job \($0))" } ?? ""
        return "\(attemptPrefix)at \(time) on \(host)\(slurm): train \(arguments.joined(separator: " ")) ===\n"
    }

    /// The line that closes an attempt.
    public static func exitLine(status: Int32, seconds: Double) -> String {
        "\(exitPrefix)\(status) after \(String(format: "%.1f", seconds)) s ===\n"
    }

    /// The last attempt's `error:` message (without `error: `), if that attempt failed with one.
    public static func lastError(at path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        let attempt = lines.lastIndex { $0.hasPrefix(attemptPrefix) }.map { lines[$0...] } ?? lines[...]
        return attempt.last { $0.hasPrefix("error: ") }.map { String($0.dropFirst("error: ".count)) }
    }
}
