import Foundation

/// Plugin runs, one at a time, with at most `limit` waiting: a request beyond that is refused at
/// once (503) rather than piling up.
actor GenerationGate {
    private let limit: Int
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) { self.limit = limit }

    /// Waits for the turn of the caller, who must `leave()` afterwards.
    func enter() async throws {
        guard busy else {
            busy = true
            return
        }
        guard waiting.count < limit else {
            throw StudioError(.serviceUnavailable, "the studio is busy: \(limit) requests are already waiting; try again later")
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func leave() {
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
    }

    /// Requests waiting for their turn.
    var queued: Int { waiting.count }
}
