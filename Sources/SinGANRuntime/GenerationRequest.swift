import SinGANModel
import SinGANTensor

/// One generation pass through a trained pyramid (the official `SinGAN_generate`), described as
/// data: where it starts, what enters the start scale, which noise each scale gets and how large
/// the output is.
public struct GenerationRequest: Sendable {
    /// The first scale to run (0 = coarsest). Coarser scales are not run.
    public var startScale: Int
    /// The image entering the start scale, `[1, 3, H, W]` in [−1, 1] at that scale's output size
    /// (unpadded; the runtime pads it). Nil means zeros, as in random sampling.
    public var injected: Tensor?
    /// The noise each scale receives.
    public var noise: NoiseSchedule
    /// The output size, relative to the training size or exact.
    public var outputScale: OutputScale

    /// A request; the defaults give a random sample at the training size.
    public init(startScale: Int = 0, injected: Tensor? = nil, noise: NoiseSchedule = .fresh(from: 0),
                outputScale: OutputScale = .training) {
        self.startScale = startScale
        self.injected = injected
        self.noise = noise
        self.outputScale = outputScale
    }
}

/// Which noise map each scale receives.
public enum NoiseSchedule: Sendable {
    /// Reconstruction noise (z* at scale 0, zeros above) below scale `from`, fresh random noise
    /// from it on: the official `gen_start_scale`. `.fresh(from: 0)` is a plain random sample.
    case fresh(from: Int)
    /// Reconstruction noise at every scale: G(z*), the reconstruction of the training image.
    case reconstruction
    /// Caller-made padded noise maps, one per scale from the start scale on, each shaped
    /// `[1, 3, H+10, W+10]` for that scale's output size (see `Runtime.outputSizes(for:)`).
    case given([Tensor])
}

/// The size of a generated image.
public enum OutputScale: Sendable, Equatable {
    /// Per-axis factors applied to every scale's training size (`scale_v`, `scale_h`).
    case relative(vertical: Double, horizontal: Double)
    /// An exact finest size; coarser scales are scaled by the same per-axis factors.
    case exact(ImageSize)

    /// The training size.
    public static let training = OutputScale.relative(vertical: 1, horizontal: 1)

    /// The per-axis factors for a model whose finest scale has size `finest`.
    public func factors(finest: ImageSize) -> (vertical: Double, horizontal: Double) {
        switch self {
        case let .relative(vertical, horizontal):
            (vertical, horizontal)
        case .exact(let size):
            (Double(size.height) / Double(finest.height), Double(size.width) / Double(finest.width))
        }
    }
}
