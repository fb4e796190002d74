import Dispatch
import Foundation

/// Turns Ctrl-C into a flag the training loop checks, so it stops between iterations after
/// the finished scales are safely on disk. A second Ctrl-C exits at once.
enum InterruptHandler {
    static func install(_ flag: InterruptFlag) -> DispatchSourceSignal {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler {
            if flag.isSet { exit(130) }
            flag.set()
            FileHandle.standardError.write(Data("\nstopping after this iteration (Ctrl-C again to quit now)…\n".utf8))
        }
        source.resume()
        return source
    }
}
