import ArgumentParser
import SinGANTensor

/// `--threads N`, shared by every command that computes: how many threads run the kernels.
public struct ThreadOption: ParsableArguments, Sendable {
    /// The largest count accepted (the pool's own limit).
    public static let maximum = 64

    @Option(help: ArgumentHelp("Threads for the computation (1–\(ThreadOption.maximum); default: one per processor core).",
                               valueName: "n"))
    public var threads: Int?

    public init() {}

    public func validate() throws {
        if let threads, !(1...Self.maximum).contains(threads) {
            throw ValidationError("--threads must be 1–\(Self.maximum) (got \(threads))")
        }
    }

    /// Sizes the kernels' thread pool; call before any computation. Without `--threads` the pool
    /// keeps one thread per core.
    public func apply() throws {
        guard let threads else { return }
        guard ParallelWorkers.request(threads) else {
            throw ValidationError("--threads \(threads) came too late: the computation already runs on \(ParallelWorkers.count) threads")
        }
    }
}
