import Foundation
import SinGANCheckpoint
import SinGANNN
import SinGANTensor

/// Maps a `TrainedGrowingModel` onto `.sgn` chunks and back (format 2.0, family "consingan"; see
/// Docs/checkpoint-format.md, "ConSinGAN model layout").
///
/// Chunks: `generator/<parameter>` (the generator as of the last finished stage),
/// `stage/NN/real`, `stage/NN/reconstruction_input`, `resume/discriminator/<parameter>`, a
/// mid-stage snapshot under `snapshot/…` and `timings`. Every tensor's shape is the one the
/// settings imply; a required chunk nothing takes is refused.
public enum GrowingArchive {
    /// The format ConSinGAN models are written in (the first with the `family` member).
    public static let formatVersion = CheckpointFormatVersion(major: 2, minor: 0)
    /// The format of models with BatchNorm in the generator (2.1 adds `settings.batchNorm` and the
    /// `…norm.{weight,bias}` chunks; a 2.0 reader refuses those required chunks by name).
    public static let batchNormFormatVersion = CheckpointFormatVersion(major: 2, minor: 1)

    /// Encodes `model` with `annotations` and `inProgress` (the first unfinished stage's state).
    public static func archive(_ model: TrainedGrowingModel, creator: String, annotations: [String: String] = [:],
                               inProgress: GrowingSnapshot? = nil) throws -> CheckpointArchive {
        precondition(inProgress.map { $0.stageIndex == model.trainedStageCount } ?? true, "a snapshot is of the first unfinished stage")
        let header = GrowingHeader(
            config: model.config, settings: model.settings, profile: model.profile, imageHeight: model.originalSize.height,
            imageWidth: model.originalSize.width, finishedStages: model.trainedStageCount, noiseAmplitudes: model.noiseAmplitudes,
            reconstructionStates: model.reconstructionDraws.map { $0.map(RandomState.init) },
            randomState: model.random.state.map { String($0, radix: 16) }, randomSpare: model.random.spareNormal,
            snapshot: inProgress.map {
                GrowingSnapshotHeader(stage: $0.stageIndex, iterationsDone: $0.iterationsDone, noiseAmplitude: $0.noiseAmplitude,
                                      optimizerSteps: ($0.generatorOptimizers + [$0.discriminatorOptimizer]).map(\.step),
                                      reconstructionState: $0.reconstructionDraw.map(RandomState.init),
                                      randomState: $0.random.state.map { String($0, radix: 16) }, randomSpare: $0.random.spareNormal)
            })
        var archive = CheckpointArchive(creator: creator, header: [
            ModelArchive.familyKey: .string(ModelFamily.consingan.rawValue),
            GrowingHeader.member: try JSONValue(parsing: Array(JSONEncoder().encode(header))),
        ])
        archive.formatVersion = model.settings.batchNorm ? batchNormFormatVersion : formatVersion
        if !annotations.isEmpty { archive.header[PyramidArchive.annotationsKey] = .object(annotations.mapValues { .string($0) }) }
        if let generator = model.generator { PyramidArchive.put(generator, prefix: "generator/", into: &archive) }
        for k in 0..<model.trainedStageCount {
            archive.set(.tensor(model.reals[k]), named: stagePrefix(k) + "real")
            if model.reconstructionDraws[k] == nil {
                archive.set(.tensor(model.reconstructionInputs[k]), named: stagePrefix(k) + "reconstruction_input")
            }
        }
        if let discriminator = model.lastDiscriminator {
            PyramidArchive.put(discriminator, prefix: "resume/discriminator/", into: &archive, required: false)
        }
        if let inProgress {
            PyramidArchive.put(inProgress.generator, prefix: "snapshot/generator/", into: &archive, required: false)
            PyramidArchive.put(inProgress.discriminator, prefix: "snapshot/discriminator/", into: &archive, required: false)
            let states = inProgress.generatorOptimizers + [inProgress.discriminatorOptimizer]
            for (i, (state, parameters)) in zip(states, optimizerParameters(inProgress.generator, inProgress.discriminator,
                                                                             stage: inProgress.stageIndex, model: model)).enumerated() {
                for (j, parameter) in parameters.enumerated() {
                    let path = "snapshot/adam/\(i)/\(parameter.name)/"
                    archive.set(.tensor(state.firstMoments[j]), named: path + "m", required: false)
                    archive.set(.tensor(state.secondMoments[j]), named: path + "v", required: false)
                }
            }
            if inProgress.reconstructionDraw == nil {
                archive.set(.tensor(inProgress.reconstructionInput), named: "snapshot/reconstruction_input", required: false)
            }
        }
        TrainingTimes.put(model.secondsPerStage + (inProgress.map { [$0.seconds] } ?? []), into: &archive)
        return archive
    }

    /// Rebuilds a model from an archive, validating every value before it is used.
    public static func model(from archive: CheckpointArchive) throws -> TrainedGrowingModel {
        let header = try GrowingHeader.decode(from: archive.header)
        let settings = header.settings, config = header.config
        let stages: GrowingStages
        do {
            stages = try GrowingStages(imageSize: ImageSize(height: header.imageHeight, width: header.imageWidth),
                                       stages: settings.stages, minSize: config.minSize, maxSize: config.maxSize)
        } catch {
            throw ModelFileError.invalid("its stage geometry is invalid (\(error))")
        }
        let random = try ModelHeader.randomSource(words: header.randomState, spare: header.randomSpare, what: "the model")
        let chunks = ChunkLedger(archive)
        let finished = header.finishedStages
        var generator: GrowingGenerator?
        if finished > 0 {
            let made = emptyGenerator(settings, stages: finished)
            try chunks.take(made, prefix: "generator/")
            generator = made
        }
        var reals: [Tensor] = [], inputs: [Tensor] = [], draws: [RandomSource?] = []
        for k in 0..<finished {
            let size = stages.sizes[k]
            reals.append(try chunks.tensor(stagePrefix(k) + "real", shape: [1, 3, size.height, size.width]))
            let shape = settings.inputShape(at: k, size: size)
            if let state = header.reconstructionStates[k] {
                let start = try state.source("stage \(k)'s fixed noise")
                var draw = start
                inputs.append(draw.normal(shape))
                draws.append(start)
            } else {
                inputs.append(try chunks.tensor(stagePrefix(k) + "reconstruction_input", shape: shape))
                draws.append(nil)
            }
        }
        var discriminator: PlainDiscriminator?
        if finished > 0, chunks.contains("resume/discriminator/tail.weight") {
            let made = emptyDiscriminator(settings)
            try chunks.take(made, prefix: "resume/discriminator/")
            discriminator = made
        }
        let model = TrainedGrowingModel(config: config, settings: settings, profile: header.profile, stages: stages, generator: generator,
                                        noiseAmplitudes: header.noiseAmplitudes, reconstructionInputs: inputs,
                                        reconstructionDraws: draws, reals: reals,
                                        lastDiscriminator: discriminator, random: random)
        if let described = header.snapshot {
            model.inProgress = try snapshot(described, from: chunks, model: model)
        }
        let seconds = try TrainingTimes.read(from: chunks, fallback: [], expected: finished + (model.inProgress == nil ? 0 : 1))
        model.secondsPerStage = Array(seconds.prefix(finished))
        if var inProgress = model.inProgress {
            inProgress.seconds = seconds.count > finished ? seconds[finished] : 0
            model.inProgress = inProgress
        }
        try chunks.checkEveryRequiredChunkTaken()
        return model
    }

    /// The snapshot `header` describes, checked against `model`.
    private static func snapshot(_ header: GrowingSnapshotHeader, from chunks: ChunkLedger,
                                 model: TrainedGrowingModel) throws(ModelFileError) -> GrowingSnapshot {
        let stage = model.trainedStageCount, config = model.config
        guard header.stage == stage, stage < model.stages.sizes.count else {
            throw .invalid("the snapshot is of stage \(header.stage), but the first unfinished stage is \(stage)")
        }
        guard (1...config.iterations).contains(header.iterationsDone) else {
            throw .invalid("the snapshot's iteration count \(header.iterationsDone) is not 1–\(config.iterations)")
        }
        guard header.noiseAmplitude.isFinite, header.noiseAmplitude >= 0 else {
            throw .invalid("the snapshot's noise amplitude is \(header.noiseAmplitude)")
        }
        let random = try ModelHeader.randomSource(words: header.randomState, spare: header.randomSpare, what: "the snapshot")
        let generator = emptyGenerator(model.settings, stages: stage + 1)
        let discriminator = emptyDiscriminator(model.settings)
        try chunks.take(generator, prefix: "snapshot/generator/")
        try chunks.take(discriminator, prefix: "snapshot/discriminator/")
        let groups = optimizerParameters(generator, discriminator, stage: stage, model: model)
        let expectedSteps = groups.indices.map { $0 == groups.count - 1 ? header.iterationsDone * config.discriminatorSteps
                                                                        : header.iterationsDone * config.generatorSteps }
        guard header.optimizerSteps == expectedSteps else {
            throw .invalid("the snapshot's optimizer step counts do not match its iteration count")
        }
        var states: [OptimizerState] = []
        for (i, parameters) in groups.enumerated() {
            var first: [Tensor] = [], second: [Tensor] = []
            for parameter in parameters {
                let path = "snapshot/adam/\(i)/\(parameter.name)/"
                first.append(try chunks.tensor(path + "m", shape: parameter.value.shape))
                let v = try chunks.tensor(path + "v", shape: parameter.value.shape)
                guard v.scalars.allSatisfy({ $0 >= 0 }) else { throw .invalid("\(path)v holds negative values") }
                second.append(v)
            }
            states.append(OptimizerState(step: header.optimizerSteps[i], firstMoments: first, secondMoments: second))
        }
        let shape = model.noiseShape(at: stage, size: model.stages.sizes[stage])
        let draw = try header.reconstructionState?.source("the snapshot's fixed noise")
        let input: Tensor
        if var drawing = draw {
            input = drawing.normal(shape)
        } else {
            input = try chunks.tensor("snapshot/reconstruction_input", shape: shape)
        }
        return GrowingSnapshot(stageIndex: stage, iterationsDone: header.iterationsDone, generator: generator,
                               discriminator: discriminator, generatorOptimizers: Array(states.dropLast()),
                               discriminatorOptimizer: states[states.count - 1], noiseAmplitude: header.noiseAmplitude,
                               reconstructionInput: input, reconstructionDraw: draw, random: random, seconds: 0)
    }

    /// The parameters of each optimiser of stage `stage`'s training: the generator's groups, then the critic.
    private static func optimizerParameters(_ generator: GrowingGenerator, _ discriminator: PlainDiscriminator, stage: Int,
                                            model: TrainedGrowingModel) -> [[Parameter]] {
        let trainer = GrowingStageTrainer(config: model.config, settings: model.settings, depth: stage, reals: [], draws: nil)
        return trainer.parameterGroups(of: generator).map(\.parameters) + [discriminator.parameters]
    }

    private static func emptyGenerator(_ settings: GrowingSettings, stages: Int) -> GrowingGenerator {
        var unused = RandomSource(seed: 0)
        let generator = GrowingGenerator(width: settings.width, layersPerStage: settings.layersPerStage,
                                         slope: settings.leakySlope, batchNorm: settings.batchNorm, random: &unused)
        while generator.stageCount < stages { generator.addStage() }
        return generator
    }

    private static func emptyDiscriminator(_ settings: GrowingSettings) -> PlainDiscriminator {
        var unused = RandomSource(seed: 0)
        return PlainDiscriminator(width: settings.width, layers: settings.layersPerStage, slope: settings.leakySlope, random: &unused)
    }

    static func stagePrefix(_ k: Int) -> String { "stage/" + (k < 10 ? "0\(k)" : "\(k)") + "/" }
}
