import SinGANModel

/// Why a model cannot be used or a generation request cannot run, as one line that says what to do.
public enum GenerationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The model is not fully trained.
    case incompleteModel(path: String, trained: Int, total: Int)
    /// The start scale is not one of the model's scales.
    case startScaleOutOfRange(Int, scaleCount: Int)
    /// An image cannot be prepared for injection at this scale.
    case injectionScaleOutOfRange(Int, lowest: Int, scaleCount: Int)
    /// The injected image does not have the start scale's output size.
    case injectedSizeMismatch(got: [Int], expected: ImageSize, scale: Int)
    /// A scale factor is not a positive finite number.
    case invalidFactor(Double)
    /// Some scale's output would have no pixels.
    case outputTooSmall(scale: Int, size: ImageSize)
    /// The output has more pixels than the runtime allows.
    case outputTooLarge(ImageSize, limit: Int)
    /// Reconstruction noise below the fresh-noise scale needs the training size at scale 0.
    case reconstructionNeedsTrainingSize(requested: ImageSize, training: ImageSize)
    /// Caller-made noise maps do not match the scales they are for.
    case noiseMapMismatch(scale: Int, got: [Int], expected: [Int])
    /// The wrong number of caller-made noise maps.
    case noiseMapCount(got: Int, expected: Int)
    /// The application needs something the model's family does not have.
    case unsupportedByFamily(feature: String, family: ModelFamily)

    public var description: String {
        switch self {
        case let .incompleteModel(path, trained, total):
            "\(path) has only \(trained) of \(total) scales trained; finish it with 'singan-edit train IMAGE -o \(path) --resume'"
        case let .startScaleOutOfRange(scale, count):
            "start scale \(scale) is outside this model's scales 0–\(count - 1) (0 is the coarsest)"
        case let .injectionScaleOutOfRange(scale, lowest, count):
            "injection scale \(scale) is outside \(lowest)–\(count - 1) for this model (0 is the coarsest)"
        case let .injectedSizeMismatch(got, expected, scale):
            "the injected image has shape \(got), but scale \(scale) generates \(expected); resize it to that scale first"
        case .invalidFactor(let factor):
            "output scale factor \(factor) must be a positive number"
        case let .outputTooSmall(scale, size):
            "the output is too small: scale \(scale) would be \(size.width)×\(size.height) px; choose a larger size"
        case let .outputTooLarge(size, limit):
            "the output \(size.width)×\(size.height) px is larger than the \(limit / 1_000_000) megapixels the runtime allows; choose a smaller size"
        case let .reconstructionNeedsTrainingSize(requested, training):
            "the reconstruction noise z* exists only at the training size (coarsest scale \(training.width)×\(training.height)), "
                + "not \(requested.width)×\(requested.height); draw fresh noise from scale 0 or keep the training size"
        case let .noiseMapMismatch(scale, got, expected):
            "the noise map for scale \(scale) has shape \(got), expected \(expected)"
        case let .noiseMapCount(got, expected):
            "\(got) noise maps were given for \(expected) scales"
        case let .unsupportedByFamily(feature, family):
            "\(feature) needs a SinGAN model (one generator per scale); this model is of the \(family.displayName) family"
        }
    }
}
