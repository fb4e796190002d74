import SinGANModel
import SinGANTensor

/// A loaded, fully trained model of any family plus the seeded random stream that generation
/// draws from.
///
/// It generates from any start stage, with or without an injected image, with reconstruction or
/// fresh noise per stage and at any per-axis output size (`generate(_:)`), as the model's family
/// does it (`GenerativeModel`; for SinGAN exactly the official `SinGAN_generate`). It knows nothing
/// about the applications built on it, nor about the family's network layout.
public final class Runtime {
    /// The largest output the runtime generates, in pixels of the finest scale.
    public static let maximumOutputPixels = 4_000_000

    /// The model.
    public let model: any GenerativeModel
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
    /// Where fresh noise comes from (drawn from `random` unless a test replays recorded maps).
    public var noiseSource: any NoiseSource = DrawnNoise()

    /// Wraps a trained model; throws unless every stage is trained.
    public init(model: any GenerativeModel, modelPath: String, seed: UInt64) throws(GenerationError) {
        let total = model.stageSizes.count
        guard model.trainedStageCount == total, total > 0 else {
            throw .incompleteModel(path: modelPath, trained: model.trainedStageCount, total: total)
        }
        self.model = model
        self.modelPath = modelPath
        self.seed = seed
        self.random = RandomSource(seed: seed)
    }

    /// Reads the `.sgn` model at `path`, of any family.
    public convenience init(contentsOf path: String, seed: UInt64) throws {
        try self.init(model: ModelArchive.read(from: path), modelPath: path, seed: seed)
    }

    /// Tells the user something they should know about the run (an input was resized, a scale
    /// is being retrained), one line, through `noticeHandler`.
    public func notice(_ message: String) { noticeHandler?(message) }

    /// A runtime over `model` (e.g. this model with a scale retrained) that continues this
    /// one's random stream and sends its notices to the same handler.
    public func deriving(_ model: any GenerativeModel) throws(GenerationError) -> Runtime {
        let derived = try Runtime(model: model, modelPath: modelPath, seed: seed)
        derived.random = random
        derived.noiseSource = noiseSource
        derived.noticeHandler = noticeHandler
        return derived
    }

    // MARK: - The model

    /// Number of stages (scales), all trained.
    public var scaleCount: Int { model.trainedStageCount }
    /// Training image size of every stage, coarsest first.
    public var trainingSizes: [ImageSize] { model.stageSizes }
    /// Size of the finest stage, the size of a sample at scale 1.
    public var trainingSize: ImageSize { trainingSizes[scaleCount - 1] }
    /// The training image at stage `k`, `[1, 3, H, W]` in [−1, 1].
    public func trainingImage(at k: Int) -> Tensor { model.trainingImage(at: k) }
    /// The profile the model was trained with.
    public var profile: TrainingProfile { model.profile }
    /// The settings the model was trained with.
    public var config: TrainingConfig { model.config }

    /// The model's SinGAN scale pyramid, for applications that retrain or repeat one scale; a
    /// model of another family is refused with one line naming `feature`.
    public func scalePyramid(for feature: String) throws(GenerationError) -> TrainedPyramid {
        guard let pyramid = model.scalePyramid else { throw .unsupportedByFamily(feature: feature, family: model.family) }
        return pyramid
    }

    // MARK: - Generation

    /// The output size of every scale for `scale`, after checking it is usable.
    public func outputSizes(for scale: OutputScale) throws(GenerationError) -> [ImageSize] {
        let (vertical, horizontal) = scale.factors(finest: trainingSize)
        for factor in [vertical, horizontal] where !(factor.isFinite && factor > 0) { throw .invalidFactor(factor) }
        let sizes = model.outputSizes(vertical: vertical, horizontal: horizontal)
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
        if let injected = request.injected {
            let expected = model.injectionSize(start: start, sizes: sizes)
            guard injected.shape == [1, 3, expected.height, expected.width] else {
                throw .injectedSizeMismatch(got: injected.shape, expected: expected, scale: start)
            }
        }
        let freshFrom: Int
        switch request.noise {
        case .fresh(let from):
            freshFrom = from
        case .reconstruction:
            freshFrom = Int.max
        case .given(let maps):
            freshFrom = start
            guard maps.count == scaleCount - start else { throw .noiseMapCount(got: maps.count, expected: scaleCount - start) }
            for (offset, map) in maps.enumerated() {
                let expected = model.noiseShape(at: start + offset, size: sizes[start + offset])
                if map.shape != expected { throw .noiseMapMismatch(scale: start + offset, got: map.shape, expected: expected) }
            }
        }
        for k in model.stagesUsingReconstruction(start: start, freshFrom: freshFrom, injected: request.injected != nil)
        where model.reconstructionNoise(at: k, size: sizes[k]) == nil {
            throw .reconstructionNeedsTrainingSize(requested: sizes[scaleCount - 1], training: trainingSizes[k])
        }
        return sizes
    }

    /// Generates one image, `[1, 3, H, W]` in about [−1, 1] (not clamped), drawing fresh noise
    /// from `random`.
    public func generate(_ request: GenerationRequest) throws(GenerationError) -> Tensor {
        let sizes = try validate(request)
        let model = self.model, source = noiseSource
        return model.generate(from: request.startScale, initial: request.injected, sizes: sizes,
                              random: &random) { k, size, random in
            switch request.noise {
            case .fresh(let from) where k >= from:
                source.noise(scale: k, shape: model.noiseShape(at: k, size: size), random: &random) {
                    model.freshNoise(at: k, size: size, random: &$0)
                }
            case .fresh, .reconstruction:
                model.reconstructionNoise(at: k, size: size)!
            case .given(let maps):
                maps[k - request.startScale]
            }
        }
    }

    /// G(z*): the model's reconstruction of the training image at the training size.
    public func reconstruction() throws(GenerationError) -> Tensor {
        try generate(GenerationRequest(noise: .reconstruction))
    }

    /// A fresh noise map for stage `k` at `size`, drawn from `random` as the model draws it
    /// (for plugins that build their own `NoiseSchedule.given` maps).
    public func freshNoise(at k: Int, size: ImageSize) -> Tensor {
        let model = self.model
        return noiseSource.noise(scale: k, shape: model.noiseShape(at: k, size: size), random: &random) {
            model.freshNoise(at: k, size: size, random: &$0)
        }
    }

    /// The reconstruction input of stage `k` at `size`; throws where it exists only at the
    /// training size and `size` differs.
    public func reconstructionNoise(at k: Int, size: ImageSize) throws(GenerationError) -> Tensor {
        guard let map = model.reconstructionNoise(at: k, size: size) else {
            throw .reconstructionNeedsTrainingSize(requested: size, training: trainingSizes[k])
        }
        return map
    }
}
