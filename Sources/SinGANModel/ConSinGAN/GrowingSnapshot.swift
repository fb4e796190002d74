import SinGANTensor

/// A ConSinGAN stage in the middle of its training: everything a resumed run needs to continue
/// exactly as an uninterrupted one would.
public struct GrowingSnapshot: TrainingSnapshot {
    public let stageIndex: Int
    public let iterationsDone: Int
    /// The generator being trained (one body more than the finished stages) and the critic.
    public let generator: GrowingGenerator
    public let discriminator: PlainDiscriminator
    /// Adam's state of every generator parameter group (`GrowingTrainer.parameterGroups` order),
    /// then the critic's.
    public let generatorOptimizers: [OptimizerState]
    public let discriminatorOptimizer: OptimizerState
    /// σ of the stage (measured before its first iteration).
    public let noiseAmplitude: Float
    /// The stage's fixed reconstruction input.
    public let reconstructionInput: Tensor
    /// The random state `reconstructionInput` was drawn from, when it was drawn.
    public let reconstructionDraw: RandomSource?
    /// The random stream's state after `iterationsDone` iterations.
    public let random: RandomSource
    public var seconds: Double

    public init(stageIndex: Int, iterationsDone: Int, generator: GrowingGenerator, discriminator: PlainDiscriminator,
                generatorOptimizers: [OptimizerState], discriminatorOptimizer: OptimizerState, noiseAmplitude: Float,
                reconstructionInput: Tensor, reconstructionDraw: RandomSource?, random: RandomSource, seconds: Double) {
        self.stageIndex = stageIndex
        self.iterationsDone = iterationsDone
        self.generator = generator
        self.discriminator = discriminator
        self.generatorOptimizers = generatorOptimizers
        self.discriminatorOptimizer = discriminatorOptimizer
        self.noiseAmplitude = noiseAmplitude
        self.reconstructionInput = reconstructionInput
        self.reconstructionDraw = reconstructionDraw
        self.random = random
        self.seconds = seconds
    }
}
