import SinGANAutodiff
import SinGANNN
import SinGANTensor

/// Losses of one training iteration, for progress reports.
public struct IterationLosses: Sendable, Equatable {
    /// −D(real) + D(fake) + gradient penalty, last discriminator step.
    public var discriminator: Float
    /// −D(fake), last generator step.
    public var adversarial: Float
    /// α·MSE(G(z*), real), last generator step.
    public var reconstruction: Float
}

/// Trains one scale's generator and discriminator (`train_single_scale`), modern-PyTorch style:
/// the fake is recomputed for every generator step.
public struct ScaleTrainer {
    public let config: TrainingConfig
    public let profile: TrainingProfile
    /// Index of the scale being trained (0 = coarsest).
    public let scaleIndex: Int
    /// The scale's training image, [1, 3, H, W].
    public let real: Tensor
    /// Already trained coarser scales.
    public let sampler: PyramidSampler
    /// An application's change to every previous image this scale trains on: the random `prev`
    /// and the reconstruction `z_prev`, zero-padded, after the noise amplitude has been measured
    /// on the unchanged reconstruction. Nil leaves them alone (the official recipe);
    /// paint-to-image passes its colour quantizer (the official `train_paint`).
    public let previousImageTransform: ((Tensor) -> Tensor)?

    public init(config: TrainingConfig, profile: TrainingProfile, scaleIndex: Int, real: Tensor, sampler: PyramidSampler,
                previousImageTransform: ((Tensor) -> Tensor)? = nil) {
        self.config = config
        self.profile = profile
        self.scaleIndex = scaleIndex
        self.real = real
        self.sampler = sampler
        self.previousImageTransform = previousImageTransform
    }

    /// Runs all iterations, or the rest of them after `snapshot` (whose networks and random state
    /// the caller passes in as `generator`, `discriminator` and `random`). `onIteration(i, losses,
    /// snapshot)` is called after each; `snapshot()` captures the scale's state at that point (for a
    /// mid-scale save), and returning false stops early (the scale is then not finished and
    /// nothing is returned).
    public func train(generator: Generator, discriminator: Discriminator, random: inout RandomSource,
                      resumingFrom snapshot: ScaleSnapshot? = nil,
                      onIteration: (Int, IterationLosses, () -> ScaleSnapshot) -> Bool) -> ScaleState? {
        train(generator: generator, discriminator: discriminator, random: &random, resumingFrom: snapshot, draws: nil,
              onIteration: onIteration)
    }

    /// `train(generator:discriminator:random:resumingFrom:onIteration:)` with `draws` replacing
    /// `random`'s noise maps and penalty mixing factors by replayed ones (tests); nil draws them
    /// from `random`.
    public func train(generator: Generator, discriminator: Discriminator, random: inout RandomSource,
                      resumingFrom snapshot: ScaleSnapshot? = nil, draws: (any TrainingDraws)?,
                      onIteration: (Int, IterationLosses, () -> ScaleSnapshot) -> Bool) -> ScaleState? {
        let (h, w) = (real.shape[2], real.shape[3])
        let coarsest = scaleIndex == 0
        let realVariable = Variable(real)
        let optimizerD = Adam(discriminator.parameters, learningRate: config.discriminatorLearningRate, beta1: config.beta1)
        let optimizerG = Adam(generator.parameters, learningRate: config.generatorLearningRate, beta1: config.beta1)
        let scheduleD = MultiStepSchedule(baseRate: config.discriminatorLearningRate,
                                          milestones: [config.decayIteration], gamma: config.gamma)
        let scheduleG = MultiStepSchedule(baseRate: config.generatorLearningRate,
                                          milestones: [config.decayIteration], gamma: config.gamma)
        let zeroImage = NoiseMaps.pad(Tensor.zeros([1, 3, h, w]))
        let transform = previousImageTransform ?? { $0 }
        var reconstructionNoise = zeroImage
        var reconstructionPrevious = transform(zeroImage)
        var noiseAmplitude: Float = 1
        if let snapshot {
            snapshot.generatorOptimizer.restore(into: optimizerG)
            snapshot.discriminatorOptimizer.restore(into: optimizerD)
            noiseAmplitude = snapshot.noiseAmplitude
            reconstructionNoise = snapshot.reconstructionNoise
            reconstructionPrevious = snapshot.reconstructionPrevious
        }
        generator.isTraining = true
        discriminator.isTraining = true

        for iteration in (snapshot?.iterationsDone ?? 0)..<config.iterations {
            optimizerD.learningRate = scheduleD.rate(atEpoch: iteration)
            optimizerG.learningRate = scheduleG.rate(atEpoch: iteration)
            if coarsest {
                reconstructionNoise = noise(height: h, width: w, grey: true, draws: draws, random: &random)
            }
            let freshNoise = noise(height: h, width: w, grey: coarsest, draws: draws, random: &random)

            var losses = IterationLosses(discriminator: 0, adversarial: 0, reconstruction: 0)
            var noise = freshNoise, previous = zeroImage
            for step in 0..<config.discriminatorSteps {
                if iteration == 0 && step == 0 && !coarsest {
                    let reconstruction = sampler.previousImage(for: ImageSize(height: h, width: w), mode: .reconstruction, random: &random)
                    noiseAmplitude = config.noiseAmplitude * Self.rootMeanSquare(real - reconstruction)
                    reconstructionPrevious = transform(NoiseMaps.pad(reconstruction))
                }
                previous = transform(NoiseMaps.pad(sampler.previousImage(for: ImageSize(height: h, width: w), mode: .random, random: &random)))
                noise = coarsest ? freshNoise : freshNoise * noiseAmplitude + previous
                let fake = generator(Variable(noise), Variable(previous)).value
                // Each term is differentiated on its own and its graph released before the next is
                // built, as the official code's three backward() calls: the peak memory is the
                // largest graph (the penalty's double backward), not the sum of the three.
                let parameters = discriminator.parameters.map(\.variable)
                let penalty = Self.gradient(wrt: parameters) { gradientPenalty(discriminator, real: real, fake: fake, draws: draws, random: &random) }
                let realScore = Self.gradient(wrt: parameters) { -discriminator(realVariable).mean() }
                let fakeScore = Self.gradient(wrt: parameters) { discriminator(Variable(fake)).mean() }
                optimizerD.update(Self.sum(penalty.gradient, realScore.gradient, fakeScore.gradient))
                losses.discriminator = realScore.value + fakeScore.value + penalty.value
            }

            let reconstructionInput = Variable(reconstructionNoise * noiseAmplitude + reconstructionPrevious)
            for _ in 0..<config.generatorSteps {
                let parameters = generator.parameters.map(\.variable)
                let adversarial = Self.gradient(wrt: parameters) {
                    -discriminator(generator(Variable(noise), Variable(previous))).mean()
                }
                let reconstruction = Self.gradient(wrt: parameters) {
                    (generator(reconstructionInput, Variable(reconstructionPrevious)) - realVariable).squared().mean() * config.alpha
                }
                optimizerG.update(Self.sum(adversarial.gradient, reconstruction.gradient))
                losses.adversarial = adversarial.value
                losses.reconstruction = reconstruction.value
            }
            let snapshotNow = { [reconstructionNoise, reconstructionPrevious, noiseAmplitude, random] in
                ScaleSnapshot(scaleIndex: scaleIndex, iterationsDone: iteration + 1, generator: generator,
                              discriminator: discriminator, generatorOptimizer: OptimizerState(of: optimizerG),
                              discriminatorOptimizer: OptimizerState(of: optimizerD), noiseAmplitude: noiseAmplitude,
                              reconstructionNoise: reconstructionNoise, reconstructionPrevious: reconstructionPrevious,
                              random: random, seconds: 0)
            }
            if !onIteration(iteration, losses, snapshotNow) { return nil }
        }
        generator.isTraining = false
        discriminator.isTraining = false
        return ScaleState(generator: generator, noiseAmplitude: noiseAmplitude,
                          reconstructionNoise: reconstructionNoise, real: real)
    }

    /// λ·mean((‖∇x̂ D(x̂)‖₂ over channels − 1)²) at x̂ = a·real + (1−a)·fake, a ~ U(0, 1): the
    /// official per-pixel penalty, differentiable in D's weights.
    func gradientPenalty(_ critic: Discriminator, real: Tensor, fake: Tensor, draws: (any TrainingDraws)? = nil,
                         random: inout RandomSource) -> Variable {
        let a = draws?.mixingFactor(random: &random) ?? random.nextUniform()
        return GradientPenalty.penalty({ critic($0) }, real: real, fake: fake, mixing: a, weight: config.gradientPenaltyWeight)
    }

    /// A fresh padded noise map, drawn from `random` or replayed from `draws`.
    private func noise(height: Int, width: Int, grey: Bool, draws: (any TrainingDraws)?, random: inout RandomSource) -> Tensor {
        if let draws { return draws.noise(height: height, width: width, grey: grey, layout: profile.noiseLayout, random: &random) }
        return NoiseMaps.draw(height: height, width: width, grey: grey, layout: profile.noiseLayout, random: &random)
    }

    static func rootMeanSquare(_ x: Tensor) -> Float { x.pow(2).mean().scalar.squareRoot() }

    /// The gradient of the scalar `loss()` wrt `parameters`, and its value. The loss's graph lives
    /// only inside this call and is freed node by node as the backward pass goes.
    static func gradient(wrt parameters: [Variable], of loss: () -> Variable) -> (gradient: [Tensor], value: Float) {
        let value = loss()
        return (gradients(of: value, wrt: parameters, releasingGraph: true).map(\.value), value.value.scalar)
    }

    /// Element-wise sum of per-term gradient lists.
    static func sum(_ first: [Tensor], _ rest: [Tensor]...) -> [Tensor] {
        rest.reduce(first) { total, term in zip(total, term).map { $0 + $1 } }
    }
}
