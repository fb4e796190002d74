import Foundation
import SinGANModel

/// Prints training progress: one live line per scale on a terminal, plain lines in a pipe.
final class TrainingProgress: TrainingObserver {
    private let isTerminal = isatty(STDERR_FILENO) != 0
    private let quiet: Bool
    private let save: ((any TrainingSnapshot)?) throws -> Void
    private let snapshotInterval: TimeInterval
    /// The estimate of the whole training's time left, when the model's scales are known.
    private let timeLeft: TrainingTimeLeft?
    private var stage = 0
    private var stageCount = 0
    private var scaleLabel = ""
    private var lastPrint = Date.distantPast
    private var lastSave = Date()
    /// The rate over the last minute, for the progress line and the time left.
    private var recentPace = RecentPace()
    /// (scale, seconds per iteration at its end) of the last scale this run finished, for the time left.
    private var finishedPace: (scale: Int, secondsPerIteration: Double)?
    /// Set by the signal handler; checked after every iteration.
    let interruption: InterruptFlag
    /// (scale, iterations) of the last snapshot saved, if any.
    private(set) var savedSnapshot: (scale: Int, iterations: Int)?

    /// `save(nil)` writes the model with its finished scales, `save(snapshot)` with the unfinished
    /// scale too; snapshots are taken every `snapshotInterval` seconds and on interruption. With
    /// `timeLeft`, progress lines also say how long the whole training has left.
    init(quiet: Bool, interruption: InterruptFlag, snapshotInterval: TimeInterval, timeLeft: TrainingTimeLeft? = nil,
         save: @escaping ((any TrainingSnapshot)?) throws -> Void) {
        self.quiet = quiet
        self.timeLeft = timeLeft
        self.interruption = interruption
        self.snapshotInterval = snapshotInterval
        self.save = save
    }

    func scaleStarted(index: Int, count: Int, height: Int, width: Int, channels: Int) {
        scaleLabel = "scale \(index + 1)/\(count) \(width)×\(height) (\(channels) ch)"
        (stage, stageCount) = (index, count)
        recentPace.start(at: Date())
        lastPrint = .distantPast
    }

    func iterationFinished(scale: Int, iteration: Int, of total: Int, losses: IterationLosses,
                           snapshot: () -> any TrainingSnapshot) -> Bool {
        if interruption.isSet {
            saveSnapshot(snapshot())
            return false
        }
        let now = Date()
        recentPace.record(done: iteration + 1, at: now)
        if iteration + 1 == total {
            let rate = recentPace.rate(done: total, at: now)
            finishedPace = rate > 0 ? (scale, 1 / rate) : nil
        }
        if iteration + 1 < total, now.timeIntervalSince(lastSave) >= snapshotInterval {
            saveSnapshot(snapshot())
        }
        guard !quiet else { return true }
        let done = iteration + 1
        let interval = isTerminal ? 0.2 : 30
        guard done == total || now.timeIntervalSince(lastPrint) >= interval else { return true }
        lastPrint = now
        let (rate, eta) = pace(done: done, of: total, at: now)
        var line = String(format: "%@  it %d/%d  D %.3f  G %.3f  rec %.4f  %.2f it/s  ETA %@",
                          scaleLabel, done, total, losses.discriminator, losses.adversarial,
                          losses.reconstruction, rate, Self.duration(eta))
        if stage + 1 < stageCount, let all = secondsLeftInTraining(rate: rate, eta: eta) {
            line += " (all scales ~\(Self.duration(all)))"
        }
        if isTerminal {
            FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
            if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
        } else {
            FileHandle.standardError.write(Data("\(line)\n".utf8))
        }
        return true
    }

    /// Iterations per second over about the last minute of the iterations this run trained in the
    /// current scale (`RecentPace`; a resumed scale starts late), and the seconds left for the scale at
    /// that rate.
    func pace(done: Int, of total: Int, at now: Date) -> (rate: Double, eta: Double) {
        let rate = recentPace.rate(done: done, at: now)
        return (rate, Double(total - done) / max(rate, 1e-9))
    }

    /// The whole training's seconds left (`TrainingTimeLeft`, fitted through the previous scale's pace
    /// when this run trained it) at `rate` with `eta` left in this scale; nil without an estimate or before
    /// the scale has a pace.
    func secondsLeftInTraining(rate: Double, eta: Double) -> Double? {
        guard let timeLeft, rate > 0, eta.isFinite else { return nil }
        let previous = finishedPace.flatMap { $0.scale == stage - 1 ? $0.secondsPerIteration : nil }
        return timeLeft.seconds(stage: stage, secondsLeftInStage: eta, iterationsPerSecond: rate,
                                previousSecondsPerIteration: previous)
    }

    func scaleFinished(index: Int, model: any GenerativeModel, seconds: Double) throws {
        try save(nil)
        lastSave = Date()
        savedSnapshot = nil
        if !quiet {
            FileHandle.standardError.write(Data(String(format: "%@ done in %@, saved\n", scaleLabel, Self.duration(seconds)).utf8))
        }
    }

    /// Saves the unfinished scale; a failure is reported and training goes on (the file keeps
    /// its previous contents).
    private func saveSnapshot(_ snapshot: any TrainingSnapshot) {
        lastSave = Date()
        do {
            try save(snapshot)
            savedSnapshot = (snapshot.stageIndex, snapshot.iterationsDone)
        } catch {
            FileHandle.standardError.write(Data("\nwarning: could not save a snapshot: \(error)\n".utf8))
        }
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? "\(s / 3600)h\(String(format: "%02d", s % 3600 / 60))m"
            : s >= 60 ? "\(s / 60)m\(String(format: "%02d", s % 60))s" : "\(s)s"
    }
}
