import Foundation

/// Iterations per second over about the last `window` seconds of a scale, for the progress line's
/// rate and time left. A pause (Ctrl-Z, a suspended machine, a job stopped by its scheduler) or a change
/// in the machine's load stops counting once it is `window` seconds old; a mean over the whole scale
/// would carry a 10-minute pause into every estimate until the scale ends.
struct RecentPace {
    /// How far back the rate looks, in seconds.
    let window: TimeInterval
    /// (time, iterations done) marks, oldest first; the first is the newest one at least `window` old
    /// (or the scale's start), the base the rate is measured from.
    private var marks: [(time: Date, done: Int)] = []
    /// When the current scale (or this run's part of a resumed one) started.
    private var start = Date.distantPast

    init(window: TimeInterval = 60) {
        self.window = window
    }

    /// Starts a scale (or this run's part of a resumed one) at `time`.
    mutating func start(at time: Date) {
        (start, marks) = (time, [])
    }

    /// Notes that `done` iterations are done at `time`. The first call of a scale also marks the one
    /// iteration before at the scale's start (a resumed scale starts late); a mark closer than a sixteenth
    /// of the window to the last one kept is not kept, so a fast scale keeps a few dozen marks, not thousands.
    mutating func record(done: Int, at time: Date) {
        if marks.isEmpty { marks = [(start, done - 1)] }
        if let last = marks.last, time.timeIntervalSince(last.time) < window / 16 { return }
        marks.append((time, done))
        while marks.count > 2, time.timeIntervalSince(marks[1].time) >= window {
            marks.removeFirst()
        }
    }

    /// Iterations per second from the base mark to `done` at `now`; 0 before the first mark.
    func rate(done: Int, at now: Date) -> Double {
        guard let base = marks.first else { return 0 }
        return Double(done - base.done) / max(now.timeIntervalSince(base.time), 1e-9)
    }
}
