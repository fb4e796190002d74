/// Every training setting, with the official defaults (tamarott/SinGAN `config.py`).
public struct TrainingConfig: Sendable, Codable, Equatable {
    /// Longest side of the finest scale (`--max_size 250`).
    public var maxSize = 250
    /// Shortest side of the coarsest scale (`--min_size 25`).
    public var minSize = 25
    /// Nominal ratio between scales before it is re-derived (`--scale_factor 0.75`).
    public var scaleFactor = 0.75
    /// Iterations per scale (`--niter 2000`).
    public var iterations = 2000
    /// Reconstruction loss weight (`--alpha 10`).
    public var alpha: Float = 10
    /// Generator learning rate (`--lr_g 0.0005`).
    public var generatorLearningRate: Float = 0.0005
    /// Discriminator learning rate (`--lr_d 0.0005`).
    public var discriminatorLearningRate: Float = 0.0005
    /// Adam β₁ (`--beta1 0.5`); β₂ is PyTorch's default 0.999.
    public var beta1: Float = 0.5
    /// Learning-rate decay at the milestone (`--gamma 0.1`).
    public var gamma: Float = 0.1
    /// Fraction of the iterations after which the rate decays (`milestones=[1600]` of 2000).
    public var decayAt = 0.8
    /// Gradient-penalty weight (`--lambda_grad 0.1`).
    public var gradientPenaltyWeight: Float = 0.1
    /// Discriminator and generator steps per iteration (`--Dsteps 3`, `--Gsteps 3`).
    public var discriminatorSteps = 3
    public var generatorSteps = 3
    /// Noise amplitude relative to the reconstruction RMSE (`--noise_amp 0.1`).
    public var noiseAmplitude: Float = 0.1
    /// Channels of the first scales (`--nfc 32`); doubled every 4 scales up to `maxWidth`.
    public var baseWidth = 32
    public var maxWidth = 128
    /// Seed of every random draw (initialisation, noise, interpolation).
    public var seed: UInt64 = 1

    public init() {}

    /// Hidden channels at scale `n`: min(32·2^⌊n/4⌋, 128).
    public func width(atScale n: Int) -> Int { min(baseWidth << (n / 4), maxWidth) }

    /// The iteration at which the learning rate drops (1600 of 2000).
    public var decayIteration: Int { Int((Double(iterations) * decayAt).rounded(.down)) }
}
