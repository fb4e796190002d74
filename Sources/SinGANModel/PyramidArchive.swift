import Foundation
import SinGANCheckpoint
import SinGANNN
import SinGANTensor

/// Maps a `TrainedPyramid` onto `.sgn` chunks and back (see Docs/checkpoint-format.md,
/// "SinGAN model layout").
///
/// Chunks: `scale/NN/generator/<parameter or buffer>`, `scale/NN/real`,
/// `scale/NN/reconstruction_noise`, `resume/discriminator/<name>` for the last finished scale,
/// `snapshot/…` for an unfinished scale saved mid-way (`ScaleSnapshot`), and `timings`. The JSON
/// header holds the configuration, profile, per-scale amplitudes and widths and the random state
/// (`ModelHeader`); an optional "annotations" object holds string notes from whoever derived the
/// model (e.g. which model and scale a paint-to-image cache was retrained from). Reading validates
/// every header number against its documented range, rebuilds every network from the
/// configuration, accepts a tensor only if its shape is exactly the one that network expects, and
/// refuses a required chunk it does not know.
public enum PyramidArchive {
    /// The header member holding `annotations`.
    static let annotationsKey = "annotations"

    /// Encodes `pyramid` as an archive, with `annotations` (string notes) in the header and
    /// `inProgress`, the unfinished scale's state, as a mid-scale snapshot.
    public static func archive(_ pyramid: TrainedPyramid, creator: String, annotations: [String: String] = [:],
                               inProgress: ScaleSnapshot? = nil) throws -> CheckpointArchive {
        precondition(inProgress.map { $0.scaleIndex == pyramid.scales.count } ?? true,
                     "a snapshot is of the first unfinished scale")
        let header = ModelHeader(
            config: pyramid.config, profile: pyramid.profile,
            imageHeight: pyramid.originalSize.height, imageWidth: pyramid.originalSize.width,
            finishedScales: pyramid.scales.count, noiseAmplitudes: pyramid.scales.map(\.noiseAmplitude),
            widths: pyramid.scales.map(\.generator.width), secondsPerScale: [],
            randomState: pyramid.random.state.map { String($0, radix: 16) }, randomSpare: pyramid.random.spareNormal,
            snapshot: inProgress.map(SnapshotChunks.header))
        var archive = CheckpointArchive(creator: creator, header: [
            ModelHeader.member: try JSONValue(parsing: Array(JSONEncoder().encode(header))),
        ])
        if !annotations.isEmpty { archive.header[annotationsKey] = .object(annotations.mapValues { .string($0) }) }
        for (n, scale) in pyramid.scales.enumerated() {
            let prefix = scalePrefix(n)
            put(scale.generator, prefix: prefix + "generator/", into: &archive)
            archive.set(.tensor(scale.real), named: prefix + "real")
            archive.set(.tensor(scale.reconstructionNoise), named: prefix + "reconstruction_noise")
        }
        if let discriminator = pyramid.lastDiscriminator {
            put(discriminator, prefix: "resume/discriminator/", into: &archive, required: false)
        }
        if let inProgress { SnapshotChunks.put(inProgress, into: &archive) }
        TrainingTimes.put(pyramid.secondsPerScale + (inProgress.map { [$0.seconds] } ?? []), into: &archive)
        return archive
    }

    /// Writes `pyramid` (and `inProgress`, see `archive`) to `path` atomically.
    public static func write(_ pyramid: TrainedPyramid, creator: String, annotations: [String: String] = [:],
                             inProgress: ScaleSnapshot? = nil, to path: String) throws {
        try CheckpointWriter.write(try archive(pyramid, creator: creator, annotations: annotations,
                                               inProgress: inProgress), to: path)
    }

    /// The annotations of the model at `path`, reading only its header (empty when it has none).
    public static func annotations(at path: String) throws -> [String: String] {
        let header = try CheckpointReader.readHeader(path: path).header
        return (header[annotationsKey]?.objectValue ?? [:]).compactMapValues(\.stringValue)
    }

    /// Reads a pyramid from `path`.
    public static func read(from path: String) throws -> TrainedPyramid {
        do {
            return try pyramid(from: try CheckpointReader.read(path: path))
        } catch let error as ModelFileError {
            throw ModelFileError.inFile(path: path, error)
        }
    }

    /// Rebuilds a pyramid from an archive, validating every value before it is used.
    public static func pyramid(from archive: CheckpointArchive) throws -> TrainedPyramid {
        let header = try ModelHeader.decode(from: archive.header)
        let geometry: ScalePyramid
        do {
            geometry = try ScalePyramid(
                imageSize: ImageSize(height: header.imageHeight, width: header.imageWidth),
                minSize: header.config.minSize, maxSize: header.config.maxSize,
                scaleFactor: header.config.scaleFactor, variant: header.profile.geometry)
        } catch {
            throw ModelFileError.invalid("its pyramid geometry is invalid (\(error))")
        }
        let finished = header.finishedScales
        guard finished >= 0, finished <= geometry.levelCount, header.noiseAmplitudes.count == finished,
              header.widths.count == finished else {
            throw ModelFileError.invalid("the header lists an inconsistent number of scales")
        }
        let random = try ModelHeader.randomSource(words: header.randomState, spare: header.randomSpare,
                                                  what: "the model")
        let chunks = ChunkLedger(archive)
        var scales: [ScaleState] = []
        var unused = RandomSource(seed: 0)
        for n in 0..<finished {
            let width = header.config.width(atScale: n)
            guard header.widths[n] == width else { throw ModelFileError.invalid("scale \(n) has width \(header.widths[n]), expected \(width)") }
            let size = geometry.levelSizes[n]
            let generator = Generator(width: width, random: &unused)
            try chunks.take(generator, prefix: scalePrefix(n) + "generator/")
            generator.isTraining = false
            let real = try chunks.tensor(scalePrefix(n) + "real", shape: [1, 3, size.height, size.width])
            let noise = try chunks.tensor(scalePrefix(n) + "reconstruction_noise", shape: NoiseMaps.paddedShape(size))
            let amplitude = header.noiseAmplitudes[n]
            guard amplitude.isFinite, amplitude >= 0 else { throw ModelFileError.invalid("scale \(n) has noise amplitude \(amplitude)") }
            scales.append(ScaleState(generator: generator, noiseAmplitude: amplitude, reconstructionNoise: noise, real: real))
        }
        var discriminator: Discriminator?
        if finished > 0, chunks.contains("resume/discriminator/tail.weight") {
            let made = Discriminator(width: header.config.width(atScale: finished - 1), random: &unused)
            try chunks.take(made, prefix: "resume/discriminator/")
            discriminator = made
        }
        let inProgress = try header.snapshot.map {
            try SnapshotChunks.snapshot($0, from: chunks, config: header.config, geometry: geometry, finishedScales: finished)
        }
        let seconds = try TrainingTimes.read(from: chunks, header: header, finished: finished,
                                             hasSnapshot: inProgress != nil)
        try chunks.checkEveryRequiredChunkTaken()
        let pyramid = TrainedPyramid(config: header.config, profile: header.profile, geometry: geometry, scales: scales,
                                     lastDiscriminator: discriminator, random: random,
                                     secondsPerScale: Array(seconds.prefix(finished)))
        pyramid.inProgress = inProgress.map {
            var snapshot = $0
            snapshot.seconds = seconds.count > finished ? seconds[finished] : 0
            return snapshot
        }
        return pyramid
    }

    static func scalePrefix(_ n: Int) -> String { "scale/" + (n < 10 ? "0\(n)" : "\(n)") + "/" }

    static func put(_ layer: some Layer, prefix: String, into archive: inout CheckpointArchive, required: Bool = true) {
        for parameter in layer.parameters { archive.set(.tensor(parameter.value), named: prefix + parameter.name, required: required) }
        for (name, value) in layer.buffers.sorted(by: { $0.key < $1.key }) {
            archive.set(.tensor(value), named: prefix + name, required: required)
        }
    }
}

/// A `.sgn` file that is a valid container but not a valid SinGAN model.
public indirect enum ModelFileError: Error, CustomStringConvertible, Equatable {
    case missing(String)
    case invalid(String)
    /// A required chunk this version does not know (a newer version's, or damage).
    case unknownRequiredChunk(String)
    /// A model family this version does not know (a newer version's).
    case unknownFamily(String)
    case inFile(path: String, ModelFileError)

    public var description: String {
        switch self {
        case .missing(let what): "the model is incomplete: \(what) is missing; retrain or restore the file"
        case .invalid(let why): "the model is invalid: \(why); retrain or restore the file"
        case .unknownRequiredChunk(let name):
            "the model needs chunk '\(name)', which this version of singan-edit does not understand "
                + "(written by a newer version, or damaged); upgrade singan-edit or restore the file"
        case .unknownFamily(let name):
            "the model is of the family '\(name)', which this version of singan-edit does not know "
                + "(written by a newer version); upgrade singan-edit"
        case let .inFile(path, inner): "\(path): \(inner)"
        }
    }
}
