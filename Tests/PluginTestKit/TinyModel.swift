import Foundation
import SinGANImaging
import SinGANModel
import SinGANRuntime
import SinGANTensor

/// Tiny trained models for tests: a 42×34 synthetic picture, 4 SinGAN scales (or 6 ConSinGAN
/// stages of width 16) of 10 iterations (a few seconds in a release build). Each family and
/// profile is trained once per test process, on first use, and written to a temporary `.sgn`.
public enum TinyModel {
    /// The training picture's size (the model's finest size, since max size is its long side).
    public static let size = ImageSize(height: 34, width: 42)

    /// The path of the tiny model of `family` trained with `profile` (ConSinGAN has no
    /// super-resolution profile; its default model stands in).
    public static func path(for profile: TrainingProfile = .standard, family: ModelFamily = .singan) throws -> String {
        switch (family, profile.name) {
        case (.singan, TrainingProfile.animation.name): try animation.get()
        case (.singan, TrainingProfile.superResolution.name): try superResolution.get()
        case (.singan, _): try standard.get()
        case (.consingan, TrainingProfile.animation.name): try growingAnimation.get()
        case (.consingan, _): try growingStandard.get()
        }
    }

    private static let standard = Result { try train(.standard) }
    private static let animation = Result { try train(.animation) }
    private static let superResolution = Result { try train(.superResolution) }
    private static let growingStandard = Result { try trainGrowing(.standard) }
    private static let growingAnimation = Result { try trainGrowing(.animation) }

    /// A picture in [0, 1]: diagonal colour bands and a bright square, `[1, 3, 34, 42]`.
    public static func picture() -> Tensor {
        let (h, w) = (size.height, size.width)
        return Tensor(shape: [1, 3, h, w], scalars: (0..<3 * h * w).map { index in
            let channel = index / (h * w), y = index / w % h, x = index % w
            let band = Float((x + 2 * y + 5 * channel) / 7 % 3) * 0.3 + 0.1
            let square: Float = (12..<22).contains(y) && (16..<28).contains(x) ? 0.35 : 0
            return min(band + square, 1)
        })
    }

    /// A mask of the picture's size: white rectangle in the middle, black around it.
    public static func mask() -> Tensor {
        let (h, w) = (size.height, size.width)
        return Tensor(shape: [1, 3, h, w], scalars: (0..<3 * h * w).map { index in
            let y = index / w % h, x = index % w
            return (h / 4..<3 * h / 4).contains(y) && (w / 4..<3 * w / 4).contains(x) ? 1 : 0
        })
    }

    /// A fresh, empty temporary directory.
    public static func temporaryDirectory(_ label: String = "kit") -> String {
        let path = NSTemporaryDirectory() + "singan-\(label)-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The shared settings of every tiny model: the picture's long side, 10 iterations, seed 5.
    private static var config: TrainingConfig {
        var config = TrainingConfig()
        config.maxSize = size.width
        config.iterations = 10
        config.seed = 5
        return config
    }

    private static func train(_ profile: TrainingProfile) throws -> String {
        let image = PixelRange.model(fromDisplay: picture())
        let trainer = Trainer()
        let pyramid = try trainer.prepare(image: image, config: config, profile: profile)
        try trainer.train(pyramid, image: image, observer: SilentObserver())
        let path = temporaryDirectory("model") + "/tiny-\(profile.name).sgn"
        try PyramidArchive.write(pyramid, creator: "PluginTestKit", to: path)
        return path
    }

    /// The settings of the tiny ConSinGAN models: the default 6 stages at width 16.
    public static var growingSettings: GrowingSettings {
        var settings = GrowingSettings()
        settings.width = 16
        return settings
    }

    private static func trainGrowing(_ profile: TrainingProfile) throws -> String {
        var settings = growingSettings
        settings.reconstructsFromNoise = profile.name == TrainingProfile.animation.name
        let image = PixelRange.model(fromDisplay: picture())
        let model = try GrowingTrainer().prepare(image: image, config: config, settings: settings, profile: profile)
        try GrowingTrainer().train(model, image: image, observer: SilentObserver())
        let path = temporaryDirectory("model") + "/tiny-consingan-\(profile.name).sgn"
        try model.write(creator: "PluginTestKit", to: path)
        return path
    }
}

/// Ignores training progress.
final class SilentObserver: TrainingObserver {
    func scaleStarted(index: Int, count: Int, height: Int, width: Int, channels: Int) {}
    func iterationFinished(scale: Int, iteration: Int, of total: Int, losses: IterationLosses,
                           snapshot: () -> any TrainingSnapshot) -> Bool { true }
    func scaleFinished(index: Int, model: any GenerativeModel, seconds: Double) throws {}
}
