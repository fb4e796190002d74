import ArgumentParser
import Foundation
import SinGANModel

/// `train --progress jsonl`: one JSON object a line on stdout for programs (the studio), while
/// `TrainingProgress` keeps saving snapshots and watching for Ctrl-C. Events, in order:
/// `{"event":"scale","scale":k,"scales":N,"width":W,"height":H}` when scale k (0-based) starts,
/// `{"event":"iteration",…,"iteration":i,"iterations":T,"d":…,"g":…,"rec":…,"itPerSecond":…,"eta":…,"etaAll":…}`
/// at most every 0.2 s and for the last iteration (`eta`: seconds left in the scale, `etaAll`: in the whole
/// training, estimated by `TrainingTimeLeft`), `{"event":"scaleDone",…,"seconds":…}` once it is saved,
/// and `{"event":"warning","scale":k,"scales":N,"message":…}` when a check of the training has something to
/// say (a collapsed scale, `CollapseWarning`).
/// When the reader goes away (the studio was killed), training saves and stops.
final class ProgressLines: TrainingObserver {
    private let inner: TrainingProgress
    private var scales = 0
    private var lastLine = Date.distantPast

    /// Writing to a closed stdout (the reading program ended) then fails instead of killing the
    /// process, and training stops as on Ctrl-C: it saves a snapshot first.
    init(_ inner: TrainingProgress) {
        self.inner = inner
        signal(SIGPIPE, SIG_IGN)
    }

    func scaleStarted(index: Int, count: Int, height: Int, width: Int, channels: Int) {
        inner.scaleStarted(index: index, count: count, height: height, width: width, channels: channels)
        scales = count
        lastLine = .distantPast
        emit(["event": "scale", "scale": index, "scales": count, "width": width, "height": height])
    }

    func iterationFinished(scale: Int, iteration: Int, of total: Int, losses: IterationLosses,
                           snapshot: () -> any TrainingSnapshot) -> Bool {
        guard inner.iterationFinished(scale: scale, iteration: iteration, of: total, losses: losses,
                                      snapshot: snapshot) else { return false }
        let now = Date(), done = iteration + 1
        guard done == total || now.timeIntervalSince(lastLine) >= 0.2 else { return true }
        lastLine = now
        let (rate, eta) = inner.pace(done: done, of: total, at: now)
        emit(["event": "iteration", "scale": scale, "scales": scales, "iteration": done, "iterations": total,
              "d": Double(losses.discriminator), "g": Double(losses.adversarial), "rec": Double(losses.reconstruction),
              "itPerSecond": rate, "eta": eta, "etaAll": inner.secondsLeftInTraining(rate: rate, eta: eta) ?? eta])
        return true
    }

    func scaleFinished(index: Int, model: any GenerativeModel, seconds: Double) throws {
        try inner.scaleFinished(index: index, model: model, seconds: seconds)
        emit(["event": "scaleDone", "scale": index, "scales": scales, "seconds": seconds])
    }

    /// A `warning` event about scale `scale` (0-based); `message` is one sentence or more, without a newline.
    func warning(scale: Int, message: String) {
        emit(["event": "warning", "scale": scale, "scales": scales, "message": message])
    }

    /// One line with sorted keys, flushed at once (stdout is a pipe).
    private func emit(_ fields: [String: Any]) {
        let finite = fields.mapValues { value -> Any in
            guard let number = value as? Double else { return value }
            return number.isFinite ? number : NSNull()
        }
        guard let data = try? JSONSerialization.data(withJSONObject: finite, options: [.sortedKeys]) else { return }
        do {
            try FileHandle.standardOutput.write(contentsOf: data + Data("\n".utf8))
        } catch {
            inner.interruption.set(signal: SIGPIPE)
        }
    }
}

/// The `train --progress` choices.
enum ProgressFormat: String, ExpressibleByArgument, CaseIterable {
    case text, jsonl
}
