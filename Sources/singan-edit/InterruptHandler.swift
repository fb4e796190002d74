import Dispatch
import Foundation

/// Turns Ctrl-C (SIGINT) and SIGTERM (a scheduler's preemption, `kill`) into a flag the training
/// loop checks after every iteration: it then saves the unfinished scale as a snapshot and exits.
/// A second signal exits at once.
enum InterruptHandler {
    static func install(_ flag: InterruptFlag) -> [DispatchSourceSignal] {
        [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if flag.isSet { exit(128 + number) }
                flag.set(signal: number)
                FileHandle.standardError.write(Data(
                    "\nsaving after this iteration (\(number == SIGINT ? "Ctrl-C" : "SIGTERM") again to quit now)…\n".utf8))
            }
            source.resume()
            return source
        }
    }
}

/// A flag set from a signal handler and read by the training loop.
final class InterruptFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var received: Int32?
    var isSet: Bool { lock.withLock { received != nil } }
    /// The signal that set it.
    var signal: Int32? { lock.withLock { received } }
    func set(signal: Int32) { lock.withLock { if received == nil { received = signal } } }
}
