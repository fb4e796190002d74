import SinGANTensor

/// A trained (or partly trained) ConSinGAN model: the growing generator as of its last finished
/// stage, each finished stage's noise amplitude, reconstruction input and training image, and
/// what is needed to continue training.
public final class TrainedGrowingModel {
    /// The shared settings (iterations, learning rates, loss weights, sizes, seed).
    public let config: TrainingConfig
    /// ConSinGAN's own settings.
    public let settings: GrowingSettings
    /// The training profile (default, or animation: min size 20 and a noise reconstruction input).
    public let profile: TrainingProfile
    /// Every stage's size, trained or not.
    public let stages: GrowingStages
    /// The generator with one body per finished stage (nil before the first is finished).
    public internal(set) var generator: GrowingGenerator?
    /// σ of each finished stage (1 at stage 0).
    public internal(set) var noiseAmplitudes: [Float]
    /// Each finished stage's fixed reconstruction input: the coarsest training image at stage 0,
    /// fixed noise `[1, w, H+2·layers, W+2·layers]` above.
    public internal(set) var reconstructionInputs: [Tensor]
    /// For each finished stage, the random state its fixed noise was drawn from (nil for the
    /// coarsest image, or noise that was not drawn from a `RandomSource`): the archive stores the
    /// state instead of the tensor, which at 250 px would be most of the file.
    public internal(set) var reconstructionDraws: [RandomSource?]
    /// Each finished stage's training image.
    public internal(set) var reals: [Tensor]
    /// The critic of the last finished stage (the next stage's critic starts from it).
    public internal(set) var lastDiscriminator: PlainDiscriminator?
    /// The random stream's state after the last finished stage.
    public internal(set) var random: RandomSource
    /// Seconds spent on each finished stage.
    public internal(set) var secondsPerStage: [Double]
    /// The first unfinished stage's state, when saved in the middle of it.
    public internal(set) var inProgress: GrowingSnapshot?

    public init(config: TrainingConfig, settings: GrowingSettings, profile: TrainingProfile = .standard,
                stages: GrowingStages, generator: GrowingGenerator? = nil,
                noiseAmplitudes: [Float] = [], reconstructionInputs: [Tensor] = [], reconstructionDraws: [RandomSource?]? = nil,
                reals: [Tensor] = [],
                lastDiscriminator: PlainDiscriminator? = nil, random: RandomSource, secondsPerStage: [Double] = []) {
        self.config = config
        self.settings = settings
        self.profile = profile
        self.stages = stages
        self.generator = generator
        self.noiseAmplitudes = noiseAmplitudes
        self.reconstructionInputs = reconstructionInputs
        self.reconstructionDraws = reconstructionDraws ?? Array(repeating: nil, count: reconstructionInputs.count)
        self.reals = reals
        self.lastDiscriminator = lastDiscriminator
        self.random = random
        self.secondsPerStage = secondsPerStage
    }

    /// Whether every stage is trained.
    public var isComplete: Bool { noiseAmplitudes.count == stages.sizes.count }
    /// Size of the original training image.
    public var originalSize: ImageSize { stages.imageSize }
}
