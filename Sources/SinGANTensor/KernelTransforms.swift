import Synchronization

/// The Winograd kernel transforms of one convolution weight, each computed on first use and kept.
///
/// In training the same weight value is convolved many times between two optimizer steps (the
/// discriminator on real, fake and interpolated images, forward and through the transposed
/// convolution of every backward pass), and at small scales transforming the kernel costs as much
/// as the convolution. An instance belongs to one immutable weight value (the autodiff `Variable`
/// that holds it keeps one); passing it with any other weight gives wrong results.
public final class KernelTransforms: Sendable {
    private struct Kernels {
        var forward: [Float]?
        var transposed: [Float]?
    }
    private let cache = Mutex(Kernels())

    public init() {}

    /// G w Gᵀ of `weight` [Co, Ci, 3, 3], for `conv2d`.
    func forward(_ weight: Tensor) -> [Float] {
        kept(\.forward) { Self.transform(weight) }
    }

    /// The transform of the flipped, transposed `weight` [Ci, Co, 3, 3], for `conv2dTransposed`.
    func transposed(_ weight: Tensor) -> [Float] {
        kept(\.transposed) { Self.transform(weight.flippedTransposedKernel()) }
    }

    /// The kernel at `slot`, made by `make` (outside the lock) the first time.
    private func kept(_ slot: WritableKeyPath<Kernels, [Float]?>, _ make: () -> [Float]) -> [Float] {
        if let kernel = cache.withLock({ $0[keyPath: slot] }) { return kernel }
        let kernel = make()
        cache.withLock { $0[keyPath: slot] = kernel }
        return kernel
    }

    /// G w Gᵀ of any `weight` [Co, Ci, 3, 3] (F(4×4, 3×3), as `conv2d` uses).
    static func transform(_ weight: Tensor) -> [Float] {
        weight.withUnsafeBufferPointer {
            WinogradF4.transformedKernel($0.baseAddress!, outChannels: weight.shape[0], inChannels: weight.shape[1])
        }
    }
}
