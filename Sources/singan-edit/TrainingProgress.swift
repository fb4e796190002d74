import Foundation
import SinGANModel

/// Prints training progress: one live line per scale on a terminal, plain lines in a pipe.
final class TrainingProgress: TrainingObserver {
    private let isTerminal = isatty(STDERR_FILENO) != 0
    private let quiet: Bool
    private let save: (TrainedPyramid) throws -> Void
    private var scaleStart = Date()
    private var scaleLabel = ""
    private var lastPrint = Date.distantPast
    /// Set by the SIGINT handler; checked after every iteration.
    let interruption: InterruptFlag

    init(quiet: Bool, interruption: InterruptFlag, save: @escaping (TrainedPyramid) throws -> Void) {
        self.quiet = quiet
        self.interruption = interruption
        self.save = save
    }

    func scaleStarted(index: Int, count: Int, height: Int, width: Int, channels: Int) {
        scaleLabel = "scale \(index + 1)/\(count) \(width)×\(height) (\(channels) ch)"
        scaleStart = Date()
        lastPrint = .distantPast
    }

    func iterationFinished(scale: Int, iteration: Int, of total: Int, losses: IterationLosses) -> Bool {
        if interruption.isSet { return false }
        guard !quiet else { return true }
        let now = Date()
        let done = iteration + 1
        let interval = isTerminal ? 0.2 : 30
        guard done == total || now.timeIntervalSince(lastPrint) >= interval else { return true }
        lastPrint = now
        let elapsed = now.timeIntervalSince(scaleStart)
        let rate = Double(done) / max(elapsed, 1e-9)
        let eta = Double(total - done) / max(rate, 1e-9)
        let line = String(format: "%@  it %d/%d  D %.3f  G %.3f  rec %.4f  %.2f it/s  ETA %@",
                          scaleLabel, done, total, losses.discriminator, losses.adversarial,
                          losses.reconstruction, rate, Self.duration(eta))
        if isTerminal {
            FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
            if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
        } else {
            FileHandle.standardError.write(Data("\(line)\n".utf8))
        }
        return true
    }

    func scaleFinished(index: Int, pyramid: TrainedPyramid, seconds: Double) throws {
        try save(pyramid)
        if !quiet {
            FileHandle.standardError.write(Data(String(format: "%@ done in %@, saved\n", scaleLabel, Self.duration(seconds)).utf8))
        }
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? "\(s / 3600)h\(String(format: "%02d", s % 3600 / 60))m"
            : s >= 60 ? "\(s / 60)m\(String(format: "%02d", s % 60))s" : "\(s)s"
    }
}

/// A flag set from a signal handler and read by the training loop.
final class InterruptFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
