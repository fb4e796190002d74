import SinGANCheckpoint
import SinGANNN
import SinGANTensor

/// How a `ScaleSnapshot` is stored: the header's "snapshot" member (`SnapshotHeader`) and the
/// chunks `snapshot/generator/…`, `snapshot/discriminator/…`,
/// `snapshot/adam/{generator,discriminator}/<parameter>/{m,v}`, `snapshot/reconstruction_noise`
/// and `snapshot/reconstruction_previous`. None is required: generation never needs them, so a
/// reader that does not know snapshots still samples from the finished scales.
enum SnapshotChunks {
    static let prefix = "snapshot/"

    static func header(_ snapshot: ScaleSnapshot) -> SnapshotHeader {
        SnapshotHeader(scale: snapshot.scaleIndex, iterationsDone: snapshot.iterationsDone,
                       noiseAmplitude: snapshot.noiseAmplitude,
                       generatorOptimizerSteps: snapshot.generatorOptimizer.step,
                       discriminatorOptimizerSteps: snapshot.discriminatorOptimizer.step,
                       randomState: snapshot.random.state.map { String($0, radix: 16) },
                       randomSpare: snapshot.random.spareNormal)
    }

    static func put(_ snapshot: ScaleSnapshot, into archive: inout CheckpointArchive) {
        PyramidArchive.put(snapshot.generator, prefix: prefix + "generator/", into: &archive, required: false)
        PyramidArchive.put(snapshot.discriminator, prefix: prefix + "discriminator/", into: &archive, required: false)
        put(snapshot.generatorOptimizer, of: snapshot.generator, name: "generator", into: &archive)
        put(snapshot.discriminatorOptimizer, of: snapshot.discriminator, name: "discriminator", into: &archive)
        archive.set(.tensor(snapshot.reconstructionNoise), named: prefix + "reconstruction_noise", required: false)
        archive.set(.tensor(snapshot.reconstructionPrevious), named: prefix + "reconstruction_previous", required: false)
    }

    private static func put(_ state: OptimizerState, of layer: some Layer, name: String,
                            into archive: inout CheckpointArchive) {
        for (i, parameter) in layer.parameters.enumerated() {
            let path = prefix + "adam/\(name)/\(parameter.name)/"
            archive.set(.tensor(state.firstMoments[i]), named: path + "m", required: false)
            archive.set(.tensor(state.secondMoments[i]), named: path + "v", required: false)
        }
    }

    /// The snapshot `header` describes, every value checked against the model it belongs to.
    static func snapshot(_ header: SnapshotHeader, from chunks: ChunkLedger, config: TrainingConfig,
                         geometry: ScalePyramid, finishedScales: Int) throws(ModelFileError) -> ScaleSnapshot {
        guard header.scale == finishedScales, finishedScales < geometry.levelCount else {
            throw .invalid("the snapshot is of scale \(header.scale), but the first unfinished scale is \(finishedScales)")
        }
        guard (1...config.iterations).contains(header.iterationsDone) else {
            throw .invalid("the snapshot's iteration count \(header.iterationsDone) is not 1–\(config.iterations)")
        }
        let maximumSteps = (header.iterationsDone, config.discriminatorSteps, config.generatorSteps)
        guard header.discriminatorOptimizerSteps == maximumSteps.0 * maximumSteps.1,
              header.generatorOptimizerSteps == maximumSteps.0 * maximumSteps.2 else {
            throw .invalid("the snapshot's optimizer step counts do not match its iteration count")
        }
        guard header.noiseAmplitude.isFinite, header.noiseAmplitude >= 0 else {
            throw .invalid("the snapshot's noise amplitude is \(header.noiseAmplitude)")
        }
        let random = try ModelHeader.randomSource(words: header.randomState, spare: header.randomSpare,
                                                  what: "the snapshot")
        let width = config.width(atScale: header.scale)
        var unused = RandomSource(seed: 0)
        let generator = Generator(width: width, random: &unused)
        let discriminator = Discriminator(width: width, random: &unused)
        try chunks.take(generator, prefix: prefix + "generator/")
        try chunks.take(discriminator, prefix: prefix + "discriminator/")
        let padded = NoiseMaps.paddedShape(geometry.levelSizes[header.scale])
        return ScaleSnapshot(
            scaleIndex: header.scale, iterationsDone: header.iterationsDone,
            generator: generator, discriminator: discriminator,
            generatorOptimizer: try optimizerState(of: generator, name: "generator",
                                                   step: header.generatorOptimizerSteps, from: chunks),
            discriminatorOptimizer: try optimizerState(of: discriminator, name: "discriminator",
                                                       step: header.discriminatorOptimizerSteps, from: chunks),
            noiseAmplitude: header.noiseAmplitude,
            reconstructionNoise: try chunks.tensor(prefix + "reconstruction_noise", shape: padded),
            reconstructionPrevious: try chunks.tensor(prefix + "reconstruction_previous", shape: padded),
            random: random, seconds: 0)
    }

    private static func optimizerState(of layer: some Layer, name: String, step: Int,
                                       from chunks: ChunkLedger) throws(ModelFileError) -> OptimizerState {
        var first: [Tensor] = [], second: [Tensor] = []
        for parameter in layer.parameters {
            let path = prefix + "adam/\(name)/\(parameter.name)/"
            first.append(try chunks.tensor(path + "m", shape: parameter.value.shape))
            let v = try chunks.tensor(path + "v", shape: parameter.value.shape)
            guard v.scalars.allSatisfy({ $0 >= 0 }) else { throw .invalid("\(path)v holds negative values") }
            second.append(v)
        }
        return OptimizerState(step: step, firstMoments: first, secondMoments: second)
    }
}
