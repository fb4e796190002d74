import SinGANNN
import SinGANTensor

/// Adam's state between two steps: what a resumed optimiser needs to make the same updates.
public struct OptimizerState {
    /// Steps taken so far (the bias corrections depend on it).
    public let step: Int
    /// First- and second-moment estimates, one per parameter, in the parameters' order.
    public let firstMoments: [Tensor]
    public let secondMoments: [Tensor]

    public init(step: Int, firstMoments: [Tensor], secondMoments: [Tensor]) {
        self.step = step
        self.firstMoments = firstMoments
        self.secondMoments = secondMoments
    }

    /// The state of `optimizer` now.
    public init(of optimizer: Adam) {
        self.init(step: optimizer.step, firstMoments: optimizer.firstMoments, secondMoments: optimizer.secondMoments)
    }

    /// Puts this state into `optimizer` (whose parameters have the same shapes).
    public func restore(into optimizer: Adam) {
        optimizer.restore(step: step, firstMoments: firstMoments, secondMoments: secondMoments)
    }
}

/// A scale in the middle of its training (a mid-scale snapshot): everything a resumed run needs
/// to continue exactly as an uninterrupted one would, bit for bit.
public struct ScaleSnapshot {
    /// The scale being trained; always the first unfinished one.
    public let scaleIndex: Int
    /// Iterations finished so far (the next one to run has this index).
    public let iterationsDone: Int
    /// Both networks as they are after `iterationsDone` iterations (training mode).
    public let generator: Generator
    public let discriminator: Discriminator
    /// Both Adam optimisers; the learning-rate schedule follows from `iterationsDone`.
    public let generatorOptimizer: OptimizerState
    public let discriminatorOptimizer: OptimizerState
    /// σₙ, measured in the first iteration (1 at the coarsest scale).
    public let noiseAmplitude: Float
    /// The reconstruction noise z* and the reconstruction's previous image, both padded.
    public let reconstructionNoise: Tensor
    public let reconstructionPrevious: Tensor
    /// The random stream's state after `iterationsDone` iterations.
    public let random: RandomSource
    /// Wall-clock seconds spent on this scale so far (over every run that trained it).
    public var seconds: Double

    public init(scaleIndex: Int, iterationsDone: Int, generator: Generator, discriminator: Discriminator,
                generatorOptimizer: OptimizerState, discriminatorOptimizer: OptimizerState, noiseAmplitude: Float,
                reconstructionNoise: Tensor, reconstructionPrevious: Tensor, random: RandomSource, seconds: Double) {
        self.scaleIndex = scaleIndex
        self.iterationsDone = iterationsDone
        self.generator = generator
        self.discriminator = discriminator
        self.generatorOptimizer = generatorOptimizer
        self.discriminatorOptimizer = discriminatorOptimizer
        self.noiseAmplitude = noiseAmplitude
        self.reconstructionNoise = reconstructionNoise
        self.reconstructionPrevious = reconstructionPrevious
        self.random = random
        self.seconds = seconds
    }
}
