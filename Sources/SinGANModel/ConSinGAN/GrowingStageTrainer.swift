import Foundation
import SinGANAutodiff
import SinGANNN
import SinGANTensor

/// The random draws of ConSinGAN training that tests may replay (the official code's noise maps
/// and penalty mixing factors); nil draws them from the training's `RandomSource`.
public protocol GrowingTrainingDraws: AnyObject {
    /// The next standard-normal map of `shape`.
    func normal(_ shape: [Int], random: inout RandomSource) -> Tensor
    /// The next mixing factor a ~ U(0, 1) of the gradient penalty.
    func mixingFactor(random: inout RandomSource) -> Float
}

/// Trains one ConSinGAN stage (`train_single_scale`, tohinz/ConSinGAN `training_generation.py`):
/// the last `concurrentStages` bodies together with learning rates scaled by `learningRateScale`
/// per stage back, the head while fewer stages than that exist, the tail always; per iteration one
/// noise draw, `discriminatorSteps` critic steps (the fake recomputed each time) and one generator
/// backward followed by `generatorSteps` optimiser steps on that same gradient.
struct GrowingStageTrainer {
    let config: TrainingConfig
    let settings: GrowingSettings
    /// The stage being trained.
    let depth: Int
    /// Training images of stages 0…depth.
    let reals: [Tensor]
    let draws: (any GrowingTrainingDraws)?

    var sizes: [ImageSize] { reals.map { ImageSize(height: $0.shape[2], width: $0.shape[3]) } }

    /// The generator's optimiser groups in the official order: the trained bodies (coarsest first),
    /// the head while depth < concurrentStages, the tail; each with its base learning rate.
    func parameterGroups(of generator: GrowingGenerator) -> [(parameters: [Parameter], rate: Float)] {
        let trained = Array(generator.bodies.suffix(settings.concurrentStages))
        let base = config.generatorLearningRate, scale = settings.learningRateScale
        var groups = trained.enumerated().map { index, body in
            (body.flatMap(\.parameters), base * pow(scale, Float(trained.count - 1 - index)))
        }
        if depth < settings.concurrentStages { groups.append((generator.head.parameters, base * pow(scale, Float(depth)))) }
        groups.append((generator.tail.parameters, base))
        return groups
    }

    /// The official schedule: ×gamma at `decayAt·iterations` when that is a whole number (PyTorch's
    /// `MultiStepLR` never reaches a fractional milestone).
    func schedule(base: Float) -> MultiStepSchedule {
        let milestone = Double(config.iterations) * config.decayAt
        return MultiStepSchedule(baseRate: base, milestones: milestone == milestone.rounded() ? [Int(milestone)] : [],
                                 gamma: config.gamma)
    }

    /// σ of this stage: 1 at stage 0, else noiseAmplitude·RMSE(G(fixed inputs, σ_depth = 0), real).
    func noiseAmplitude(generator: GrowingGenerator, fixed: [Tensor], amplitudes: [Float]) -> Float {
        guard depth > 0 else { return 1 }
        let reconstruction = generator.generate(fixed, sizes: sizes, amplitudes: amplitudes + [0])
        return config.noiseAmplitude * (reconstruction - reals[depth]).pow(2).mean().scalar.squareRoot()
    }

    /// Runs the iterations from `firstIteration`; `onIteration(i, losses, snapshot)` after each,
    /// false stops (returns false). The optimisers' states are restored from `optimizerStates`
    /// (generator groups then critic) when resuming.
    func train(generator: GrowingGenerator, discriminator: PlainDiscriminator, fixed: [Tensor], amplitudes: [Float],
               firstIteration: Int, optimizerStates: [OptimizerState]?, random: inout RandomSource,
               onIteration: (Int, IterationLosses, [Adam], Adam, RandomSource) -> Bool) -> Bool {
        let groups = parameterGroups(of: generator)
        let optimizersG = groups.map { Adam($0.parameters, learningRate: $0.rate, beta1: config.beta1) }
        let schedulesG = groups.map { schedule(base: $0.rate) }
        let optimizerD = Adam(discriminator.parameters, learningRate: config.discriminatorLearningRate, beta1: config.beta1)
        let scheduleD = schedule(base: config.discriminatorLearningRate)
        if let optimizerStates {
            for (state, optimizer) in zip(optimizerStates, optimizersG + [optimizerD]) { state.restore(into: optimizer) }
        }
        // Frozen stages' weights stay constant for the whole stage: one constant leaf each, so their
        // convolution kernels are transformed once, not at every forward pass.
        let trainedIDs = Set(groups.flatMap { $0.parameters.map(ObjectIdentifier.init) })
        let frozen = Dictionary(uniqueKeysWithValues: generator.parameters.filter { !trainedIDs.contains(ObjectIdentifier($0)) }
            .map { (ObjectIdentifier($0), Variable($0.value)) })
        let leaf: (Parameter) -> Variable = { frozen[ObjectIdentifier($0)] ?? $0.variable }
        let real = reals[depth], realVariable = Variable(real)
        let fixedVariables = fixed.map { Variable($0) }
        let (sizes, weightD) = (sizes, config.gradientPenaltyWeight)

        for iteration in firstIteration..<config.iterations {
            for (optimizer, schedule) in zip(optimizersG, schedulesG) { optimizer.learningRate = schedule.rate(atEpoch: iteration) }
            optimizerD.learningRate = scheduleD.rate(atEpoch: iteration)
            let noise = (0...depth).map { k in normal(shape(ofInputAt: k), random: &random) }
            var losses = IterationLosses(discriminator: 0, adversarial: 0, reconstruction: 0)
            // The official code recomputes the fake in each critic step (under no_grad but the last), from
            // the same noise and the same generator: the same value three times. It is computed once,
            // with the graph the generator's adversarial loss needs.
            var fakeVariable: Variable? = generator(noise.map { Variable($0) }, sizes: sizes, amplitudes: amplitudes, leaf: leaf)
            let fake = fakeVariable!.value
            for _ in 0..<config.discriminatorSteps {
                let parameters = discriminator.parameters.map(\.variable)
                let realScore = ScaleTrainer.gradient(wrt: parameters) { -discriminator(realVariable).mean() }
                let fakeScore = ScaleTrainer.gradient(wrt: parameters) { discriminator(Variable(fake)).mean() }
                let a = draws?.mixingFactor(random: &random) ?? random.nextUniform()
                let penalty = ScaleTrainer.gradient(wrt: parameters) {
                    GradientPenalty.penalty({ discriminator($0) }, real: real, fake: fake, mixing: a, weight: weightD)
                }
                optimizerD.update(ScaleTrainer.sum(realScore.gradient, fakeScore.gradient, penalty.gradient))
                losses.discriminator = realScore.value + fakeScore.value + penalty.value
            }
            let trained = groups.flatMap { $0.parameters.map(\.variable) }
            let adversarial = ScaleTrainer.gradient(wrt: trained) { -discriminator(fakeVariable!).mean() }
            fakeVariable = nil
            let reconstruction = ScaleTrainer.gradient(wrt: trained) {
                (generator(fixedVariables, sizes: sizes, amplitudes: amplitudes, leaf: leaf) - realVariable).squared().mean() * config.alpha
            }
            let gradient = ScaleTrainer.sum(adversarial.gradient, reconstruction.gradient)
            for _ in 0..<config.generatorSteps {
                var offset = 0
                for optimizer in optimizersG {
                    optimizer.update(Array(gradient[offset..<(offset + optimizer.parameters.count)]))
                    offset += optimizer.parameters.count
                }
            }
            losses.adversarial = adversarial.value
            losses.reconstruction = reconstruction.value
            if !onIteration(iteration, losses, optimizersG, optimizerD, random) { return false }
        }
        return true
    }

    /// Stage k's input shape at its training size.
    func shape(ofInputAt k: Int) -> [Int] { settings.inputShape(at: k, size: sizes[k]) }

    /// A standard-normal map, drawn or replayed.
    func normal(_ shape: [Int], random: inout RandomSource) -> Tensor {
        draws?.normal(shape, random: &random) ?? random.normal(shape)
    }
}
