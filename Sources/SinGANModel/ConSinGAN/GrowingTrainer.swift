import Dispatch
import SinGANNN
import SinGANTensor

/// Trains a ConSinGAN model stage by stage (`train`, tohinz/ConSinGAN `training_generation.py`),
/// resuming from the stages (and the mid-stage snapshot) a `TrainedGrowingModel` already has.
public struct GrowingTrainer {
    /// Replayed draws for tests; nil draws from the model's random stream.
    public var draws: (any GrowingTrainingDraws)?

    public init(draws: (any GrowingTrainingDraws)? = nil) {
        self.draws = draws
    }

    /// A fresh, untrained model for `image` ([1, 3, H, W] in [−1, 1], original size).
    /// `profile`'s fixed settings (the animation profile's min size 20) are applied; its noise
    /// layout does not apply to ConSinGAN (ConSinGAN's animation mode is
    /// `settings.reconstructsFromNoise`).
    public func prepare(image: Tensor, config userConfig: TrainingConfig, settings: GrowingSettings,
                        profile: TrainingProfile = .standard) throws -> TrainedGrowingModel {
        let config = profile.applied(to: userConfig)
        let stages = try GrowingStages(imageSize: ImageSize(height: image.shape[2], width: image.shape[3]),
                                       stages: settings.stages, minSize: config.minSize, maxSize: config.maxSize)
        return TrainedGrowingModel(config: config, settings: settings, profile: profile, stages: stages,
                                   random: RandomSource(seed: config.seed))
    }

    /// Trains the remaining stages of `model` from `image` (the same original image). Returns false
    /// if the observer stopped training.
    @discardableResult
    public func train(_ model: TrainedGrowingModel, image: Tensor, observer: TrainingObserver) throws -> Bool {
        let reals = model.stages.reals(from: image)
        let settings = model.settings
        while !model.isComplete {
            let depth = model.trainedStageCount
            let size = model.stages.sizes[depth]
            observer.scaleStarted(index: depth, count: model.stages.sizes.count, height: size.height, width: size.width,
                                  channels: settings.width)
            let start = DispatchTime.now().uptimeNanoseconds
            let resumed = model.inProgress.flatMap { $0.stageIndex == depth ? $0 : nil }
            let earlierSeconds = resumed?.seconds ?? 0
            var random = resumed?.random ?? model.random
            let stage = GrowingStageTrainer(config: model.config, settings: settings, depth: depth,
                                            reals: Array(reals[...depth]), draws: draws)
            let generator: GrowingGenerator, discriminator: PlainDiscriminator, fixed: Tensor, amplitude: Float
            var fixedDraw: RandomSource?
            if let resumed {
                (generator, discriminator, fixed) = (resumed.generator, resumed.discriminator, resumed.reconstructionInput)
                fixedDraw = resumed.reconstructionDraw
                amplitude = resumed.noiseAmplitude
            } else {
                generator = model.generator?.copy() ?? GrowingGenerator(width: settings.width, layersPerStage: settings.layersPerStage,
                                                                        slope: settings.leakySlope, batchNorm: settings.batchNorm,
                                                                        random: &random)
                if depth > 0 { generator.addStage() }
                discriminator = PlainDiscriminator(width: settings.width, layers: settings.layersPerStage,
                                                   slope: settings.leakySlope, random: &random)
                if let last = model.lastDiscriminator { discriminator.copyWeights(from: last) }
                if depth == 0 && !settings.reconstructsFromNoise {
                    fixed = reals[0]
                } else {
                    fixedDraw = draws == nil ? random : nil
                    fixed = stage.normal(stage.shape(ofInputAt: depth), random: &random)
                }
                amplitude = stage.noiseAmplitude(generator: generator, fixed: model.reconstructionInputs + [fixed],
                                                 amplitudes: model.noiseAmplitudes)
            }
            let elapsed = { earlierSeconds + Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
            let finished = stage.train(
                generator: generator, discriminator: discriminator, fixed: model.reconstructionInputs + [fixed],
                amplitudes: model.noiseAmplitudes + [amplitude], firstIteration: resumed?.iterationsDone ?? 0,
                optimizerStates: resumed.map { $0.generatorOptimizers + [$0.discriminatorOptimizer] }, random: &random
            ) { iteration, losses, optimizersG, optimizerD, random in
                observer.iterationFinished(scale: depth, iteration: iteration, of: model.config.iterations, losses: losses) {
                    GrowingSnapshot(stageIndex: depth, iterationsDone: iteration + 1, generator: generator,
                                    discriminator: discriminator, generatorOptimizers: optimizersG.map(OptimizerState.init(of:)),
                                    discriminatorOptimizer: OptimizerState(of: optimizerD), noiseAmplitude: amplitude,
                                    reconstructionInput: fixed, reconstructionDraw: fixedDraw, random: random, seconds: elapsed())
                }
            }
            guard finished else { return false }
            let seconds = elapsed()
            model.generator = generator.copy()
            model.lastDiscriminator = discriminator
            model.noiseAmplitudes.append(amplitude)
            model.reconstructionInputs.append(fixed)
            model.reconstructionDraws.append(fixedDraw)
            model.reals.append(reals[depth])
            model.random = random
            model.inProgress = nil
            model.secondsPerStage.append(seconds)
            try observer.scaleFinished(index: depth, model: model, seconds: seconds)
        }
        return true
    }
}
