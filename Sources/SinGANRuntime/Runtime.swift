import SinGANModel
import SinGANTensor

/// A loaded, fully trained model plus the seeded random stream that generation draws from.
///
/// It generates from any start scale, with or without an injected image, with reconstruction or
/// fresh noise per scale and at any per-axis output size (`generate(_:)`), exactly as the
/// official `SinGAN_generate`. It knows nothing about the applications built on it.
public final class Runtime {
    /// The largest output the runtime generates, in pixels of the finest scale.
    public static let maximumOutputPixels = 4_000_000

    /// The model.
    public let pyramid: TrainedPyramid
    /// Where the model was read from (used in messages).
    public let modelPath: String
    /// The seed the random stream started from.
    public let seed: UInt64
    /// The stream every fresh noise map is drawn from, in order: the same seed, model and
    /// sequence of requests give the same images.
    public var random: RandomSource
    /// Receives the one-line notices plugins send with `notice(_:)` (the CLI prints them on
    /// stderr as they come); nil drops them.
    public var noticeHandler: ((String) -> Void)?
    private let sampler: PyramidSampler
    /// Where fresh noise comes from (drawn from `random` unless a test replays recorded maps).
    public var noiseSource: any NoiseSource = DrawnNoise()

    /// Wraps a trained pyramid; throws unless every scale is trained.
    public init(pyramid: TrainedPyramid, modelPath: String, seed: UInt64) throws(GenerationError) {
        guard pyramid.isComplete, !pyramid.scales.isEmpty else {
            throw .incompleteModel(path: modelPath, trained: pyramid.scales.count, total: pyramid.scaleCount)
        }
        self.pyramid = pyramid
        self.modelPath = modelPath
        self.seed = seed
        self.random = RandomSource(seed: seed)
        self.sampler = pyramid.sampler
    }

    /// Reads the `.sgn` model at `path`.
    public convenience init(contentsOf path: String, seed: UInt64) throws {
        try self.init(pyramid: PyramidArchive.read(from: path), modelPath: path, seed: seed)
    }

    /// Tells the user something they should know about the run (an input was resized, a scale
    /// is being retrained), one line, through `noticeHandler`.
    public func notice(_ message: String) { noticeHandler?(message) }

    /// A runtime over `pyramid` (e.g. this model with a scale retrained) that continues this
    /// one's random stream and sends its notices to the same handler.
    public func deriving(_ pyramid: TrainedPyramid) throws(GenerationError) -> Runtime {
        let derived = try Runtime(pyramid: pyramid, modelPath: modelPath, seed: seed)
        derived.random = random
        derived.noiseSource = noiseSource
        derived.noticeHandler = noticeHandler
        return derived
    }

    // MARK: - The model

    /// Number of scales (all trained).
    public var scaleCount: Int { pyramid.scales.count }
    /// Training image size of every scale, coarsest first.
    public var trainingSizes: [ImageSize] { pyramid.scales.map(\.size) }
    /// Size of the finest scale, the size of a sample at scale 1.
    public var trainingSize: ImageSize { pyramid.scales[scaleCount - 1].size }
    /// The training image at scale `k`, `[1, 3, H, W]` in [−1, 1].
    public func trainingImage(at k: Int) -> Tensor { pyramid.scales[k].real }
    /// The ratio between consecutive scales (< 1).
    public var scaleFactor: Double { pyramid.geometry.scaleFactor }
    /// The profile the model was trained with.
    public var profile: TrainingProfile { pyramid.profile }

    // MARK: - Generation

    /// The output size of every scale for `scale`, after checking it is usable.
    public func outputSizes(for scale: OutputScale) throws(GenerationError) -> [ImageSize] {
        let (vertical, horizontal) = scale.factors(finest: trainingSize)
        for factor in [vertical, horizontal] where !(factor.isFinite && factor > 0) { throw .invalidFactor(factor) }
        let sizes = sampler.outputSizes(vertical: vertical, horizontal: horizontal)
        if let k = sizes.firstIndex(where: { $0.height < 1 || $0.width < 1 }) { throw .outputTooSmall(scale: k, size: sizes[k]) }
        let finest = sizes[scaleCount - 1]
        guard finest.height * finest.width <= Self.maximumOutputPixels else {
            throw .outputTooLarge(finest, limit: Self.maximumOutputPixels)
        }
        return sizes
    }

    /// Checks `request` against the model without generating; returns every scale's output size.
    @discardableResult
    public func validate(_ request: GenerationRequest) throws(GenerationError) -> [ImageSize] {
        let start = request.startScale
        guard (0..<scaleCount).contains(start) else { throw .startScaleOutOfRange(start, scaleCount: scaleCount) }
        let sizes = try outputSizes(for: request.outputScale)
        if let injected = request.injected,
           injected.shape != [1, 3, sizes[start].height, sizes[start].width] {
            throw .injectedSizeMismatch(got: injected.shape, expected: sizes[start], scale: start)
        }
        switch request.noise {
        case .fresh(let from):
            if start == 0 && from > 0 { try requireTrainingSize(sizes) }
        case .reconstruction:
            if start == 0 { try requireTrainingSize(sizes) }
        case .given(let maps):
            guard maps.count == scaleCount - start else { throw .noiseMapCount(got: maps.count, expected: scaleCount - start) }
            for (offset, map) in maps.enumerated() {
                let size = sizes[start + offset], pad = 2 * NoiseMaps.padding
                let expected = [1, 3, size.height + pad, size.width + pad]
                if map.shape != expected { throw .noiseMapMismatch(scale: start + offset, got: map.shape, expected: expected) }
            }
        }
        return sizes
    }

    /// z* exists only at the training size of scale 0.
    private func requireTrainingSize(_ sizes: [ImageSize]) throws(GenerationError) {
        guard sizes[0] == trainingSizes[0] else {
            throw .reconstructionNeedsTrainingSize(requested: sizes[scaleCount - 1], training: trainingSizes[0])
        }
    }

    /// Generates one image, `[1, 3, H, W]` in about [−1, 1] (not clamped), drawing fresh noise
    /// from `random`.
    public func generate(_ request: GenerationRequest) throws(GenerationError) -> Tensor {
        let sizes = try validate(request)
        let sampler = self.sampler, source = noiseSource, layout = profile.noiseLayout
        return sampler.generate(from: request.startScale, initial: request.injected, sizes: sizes,
                                random: &random) { k, size, random in
            switch request.noise {
            case .fresh(let from) where k >= from:
                source.noise(scale: k, size: size, grey: k == 0, layout: layout, random: &random)
            case .fresh, .reconstruction:
                sampler.reconstructionNoise(at: k, size: size)
            case .given(let maps):
                maps[k - request.startScale]
            }
        }
    }

    /// G(z*): the model's reconstruction of the training image at the training size.
    public func reconstruction() throws(GenerationError) -> Tensor {
        try generate(GenerationRequest(noise: .reconstruction))
    }

    /// A fresh noise map for scale `k` at `size`, drawn from `random` in the model's noise layout
    /// (for plugins that build their own `NoiseSchedule.given` maps).
    public func freshNoise(at k: Int, size: ImageSize) -> Tensor {
        noiseSource.noise(scale: k, size: size, grey: k == 0, layout: profile.noiseLayout, random: &random)
    }

    /// The reconstruction noise map of scale `k` at `size` (z* at scale 0, which exists only at
    /// the training size; zeros above).
    public func reconstructionNoise(at k: Int, size: ImageSize) -> Tensor {
        sampler.reconstructionNoise(at: k, size: size)
    }
}
