import SinGANTensor

/// A trained (or partly trained) SinGAN: the scales finished so far plus what is needed to
/// continue training. This is what a `.sgn` file holds.
public final class TrainedPyramid {
    /// The settings it was trained with (profile already applied).
    public let config: TrainingConfig
    public let profile: TrainingProfile
    /// The geometry of all scales, including those not trained yet.
    public let geometry: ScalePyramid
    /// Finished scales, coarsest first.
    public internal(set) var scales: [ScaleState]
    /// The discriminator of the last finished scale (its weights seed the next scale).
    public internal(set) var lastDiscriminator: Discriminator?
    /// The random stream's state after the last finished scale.
    public internal(set) var random: RandomSource
    /// Wall-clock seconds spent training each finished scale.
    public internal(set) var secondsPerScale: [Double]
    /// The first unfinished scale's state, when the model was saved in the middle of it.
    public internal(set) var inProgress: ScaleSnapshot?
    /// Size of the original training image.
    public var originalSize: ImageSize { geometry.imageSize }

    public init(config: TrainingConfig, profile: TrainingProfile, geometry: ScalePyramid,
                scales: [ScaleState] = [],
                lastDiscriminator: Discriminator? = nil, random: RandomSource, secondsPerScale: [Double] = []) {
        self.config = config
        self.profile = profile
        self.geometry = geometry
        self.scales = scales
        self.lastDiscriminator = lastDiscriminator
        self.random = random
        self.secondsPerScale = secondsPerScale
    }

    /// Number of scales in the full pyramid.
    public var scaleCount: Int { geometry.levelCount }
    /// Whether every scale is trained.
    public var isComplete: Bool { scales.count == scaleCount }
    /// Seconds spent training so far: the finished scales and the saved part of the unfinished one.
    public var trainingSeconds: Double { secondsPerScale.reduce(0, +) + (inProgress?.seconds ?? 0) }
    /// A copy whose scale `n` is `state` instead (same configuration, geometry, other scales and
    /// random state), e.g. a scale an application retrained. The copy is a derived model for
    /// generation: it has no resume discriminator.
    public func replacingScale(_ n: Int, with state: ScaleState) -> TrainedPyramid {
        precondition(scales.indices.contains(n) && state.size == scales[n].size,
                     "scale \(n) of size \(state.size) does not fit this pyramid")
        var replaced = scales
        replaced[n] = state
        return TrainedPyramid(config: config, profile: profile, geometry: geometry, scales: replaced,
                              random: random, secondsPerScale: secondsPerScale)
    }

    /// A sampler over the finished scales.
    public var sampler: PyramidSampler {
        PyramidSampler(scales: scales, scaleFactor: geometry.scaleFactor, noiseLayout: profile.noiseLayout)
    }
}
