import Foundation
import SinGANCheckpoint
import SinGANNN
import SinGANTensor

/// Maps a `TrainedPyramid` onto `.sgn` chunks and back (see Docs/checkpoint-format.md,
/// "SinGAN model layout").
///
/// Chunks: `scale/NN/generator/<parameter or buffer>`, `scale/NN/real`,
/// `scale/NN/reconstruction_noise`, and `resume/discriminator/<name>` for the last finished
/// scale. The JSON header holds the configuration, profile, per-scale amplitudes and widths,
/// timings and the random state; an optional "annotations" object holds string notes from
/// whoever derived the model (e.g. which model and scale a paint-to-image cache was retrained
/// from). Reading rebuilds every network from the configuration and accepts a tensor only if its
/// shape is exactly the one that network expects.
public enum PyramidArchive {
    /// The header's "model" object.
    struct ModelHeader: Codable {
        var config: TrainingConfig
        var profile: TrainingProfile
        var imageHeight: Int
        var imageWidth: Int
        var finishedScales: Int
        var noiseAmplitudes: [Float]
        var widths: [Int]
        var secondsPerScale: [Double]
        /// xoshiro256** words as hexadecimal (JSON numbers cannot hold all 64-bit values).
        var randomState: [String]
        var randomSpare: Float?
    }

    /// The header member holding `annotations`.
    static let annotationsKey = "annotations"

    /// Encodes `pyramid` as an archive, with `annotations` (string notes) in the header.
    public static func archive(_ pyramid: TrainedPyramid, creator: String,
                               annotations: [String: String] = [:]) throws -> CheckpointArchive {
        let header = ModelHeader(
            config: pyramid.config, profile: pyramid.profile,
            imageHeight: pyramid.originalSize.height, imageWidth: pyramid.originalSize.width,
            finishedScales: pyramid.scales.count, noiseAmplitudes: pyramid.scales.map(\.noiseAmplitude),
            widths: pyramid.scales.map(\.generator.width), secondsPerScale: pyramid.secondsPerScale,
            randomState: pyramid.random.state.map { String($0, radix: 16) }, randomSpare: pyramid.random.spareNormal)
        var archive = CheckpointArchive(creator: creator, header: [
            "model": try JSONValue(parsing: Array(JSONEncoder().encode(header))),
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
        return archive
    }

    /// Writes `pyramid` to `path` atomically, with `annotations` in the header.
    public static func write(_ pyramid: TrainedPyramid, creator: String, annotations: [String: String] = [:],
                             to path: String) throws {
        try CheckpointWriter.write(try archive(pyramid, creator: creator, annotations: annotations), to: path)
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

    /// Rebuilds a pyramid from an archive, validating every shape.
    public static func pyramid(from archive: CheckpointArchive) throws -> TrainedPyramid {
        guard let model = archive.header["model"] else { throw ModelFileError.missing("the model header") }
        let header: ModelHeader
        do {
            header = try JSONDecoder().decode(ModelHeader.self, from: Data(try model.serialized()))
        } catch {
            throw ModelFileError.invalid("the model header does not parse (\(error))")
        }
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
        guard let random = RandomSource(state: header.randomState.compactMap { UInt64($0, radix: 16) },
                                        spareNormal: header.randomSpare) else {
            throw ModelFileError.invalid("the random state is invalid")
        }
        var scales: [ScaleState] = []
        var dummy = RandomSource(seed: 0)
        for n in 0..<finished {
            let width = header.config.width(atScale: n)
            guard header.widths[n] == width else { throw ModelFileError.invalid("scale \(n) has width \(header.widths[n]), expected \(width)") }
            let size = geometry.levelSizes[n]
            let generator = Generator(width: width, random: &dummy)
            try take(generator, prefix: scalePrefix(n) + "generator/", from: archive)
            generator.isTraining = false
            let real = try tensor(scalePrefix(n) + "real", shape: [1, 3, size.height, size.width], in: archive)
            let noise = try tensor(scalePrefix(n) + "reconstruction_noise",
                                   shape: [1, 3, size.height + 2 * NoiseMaps.padding, size.width + 2 * NoiseMaps.padding],
                                   in: archive)
            let amplitude = header.noiseAmplitudes[n]
            guard amplitude.isFinite, amplitude >= 0 else { throw ModelFileError.invalid("scale \(n) has noise amplitude \(amplitude)") }
            scales.append(ScaleState(generator: generator, noiseAmplitude: amplitude, reconstructionNoise: noise, real: real))
        }
        var discriminator: Discriminator?
        if finished > 0, archive.chunk(named: "resume/discriminator/tail.weight") != nil {
            let made = Discriminator(width: header.config.width(atScale: finished - 1), random: &dummy)
            try take(made, prefix: "resume/discriminator/", from: archive)
            discriminator = made
        }
        return TrainedPyramid(config: header.config, profile: header.profile, geometry: geometry, scales: scales,
                              lastDiscriminator: discriminator, random: random,
                              secondsPerScale: Array(header.secondsPerScale.prefix(finished)))
    }

    static func scalePrefix(_ n: Int) -> String { "scale/" + (n < 10 ? "0\(n)" : "\(n)") + "/" }

    static func put(_ layer: some Layer, prefix: String, into archive: inout CheckpointArchive, required: Bool = true) {
        for parameter in layer.parameters { archive.set(.tensor(parameter.value), named: prefix + parameter.name, required: required) }
        for (name, value) in layer.buffers.sorted(by: { $0.key < $1.key }) {
            archive.set(.tensor(value), named: prefix + name, required: required)
        }
    }

    static func take(_ layer: some Layer, prefix: String, from archive: CheckpointArchive) throws {
        for parameter in layer.parameters {
            parameter.value = try tensor(prefix + parameter.name, shape: parameter.value.shape, in: archive)
        }
        var buffers = layer.buffers
        for (name, value) in buffers { buffers[name] = try tensor(prefix + name, shape: value.shape, in: archive) }
        layer.buffers = buffers
    }

    static func tensor(_ name: String, shape: [Int], in archive: CheckpointArchive) throws -> Tensor {
        guard case .tensor(let value)? = archive.chunk(named: name)?.payload else { throw ModelFileError.missing(name) }
        guard value.shape == shape else { throw ModelFileError.invalid("\(name) has shape \(value.shape), expected \(shape)") }
        guard value.scalars.allSatisfy(\.isFinite) else { throw ModelFileError.invalid("\(name) holds non-finite values") }
        return value
    }
}

/// A `.sgn` file that is a valid container but not a valid SinGAN model.
public indirect enum ModelFileError: Error, CustomStringConvertible, Equatable {
    case missing(String)
    case invalid(String)
    case inFile(path: String, ModelFileError)

    public var description: String {
        switch self {
        case .missing(let what): "the model is incomplete: \(what) is missing; retrain or restore the file"
        case .invalid(let why): "the model is invalid: \(why); retrain or restore the file"
        case let .inFile(path, inner): "\(path): \(inner)"
        }
    }
}
