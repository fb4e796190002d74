import SinGANTensor

/// Application-specific training variants, supplied by the application instead of branching
/// inside the trainer.
///
/// - `default`: the official random-sample recipe.
/// - `animation`: "noise padding": noise maps are drawn at the padded size instead of being
///   zero-padded, and min size 20.
/// - `superResolution`: α = 100, min size 18 and the SR pyramid geometry.
public struct TrainingProfile: Sendable, Codable, Equatable {
    /// How noise reaches the generator's padded input.
    public enum NoiseLayout: String, Sendable, Codable {
        /// Drawn at the image size and zero-padded by 5 (official default).
        case zeroPadded
        /// Drawn at the padded size (official `animation_train`).
        case drawnPadded
    }

    /// Stable name stored in checkpoints.
    public var name: String
    public var noiseLayout: NoiseLayout
    /// Which pyramid geometry to use.
    public var geometry: ScalePyramid.Variant
    /// Settings this profile fixes, applied over the user's configuration.
    public var alpha: Float?
    public var minSize: Int?
    public var scaleFactor: Double?

    public init(name: String, noiseLayout: NoiseLayout = .zeroPadded, geometry: ScalePyramid.Variant = .standard,
                alpha: Float? = nil, minSize: Int? = nil, scaleFactor: Double? = nil) {
        self.name = name
        self.noiseLayout = noiseLayout
        self.geometry = geometry
        self.alpha = alpha
        self.minSize = minSize
        self.scaleFactor = scaleFactor
    }

    /// The official recipe.
    public static let standard = TrainingProfile(name: "default")
    /// Animation's noise padding (min size 20).
    public static let animation = TrainingProfile(name: "animation", noiseLayout: .drawnPadded, minSize: 20)

    /// Super-resolution (`SR.py`): α = 100, min size 18, the SR geometry and the scale factor
    /// 1/2^(1/3)-ish that makes ×4 six equal upscaling steps.
    public static let superResolution = TrainingProfile(
        name: "super-resolution", geometry: .superResolution, alpha: 100,
        minSize: SuperResolutionSchedule.minSize,
        scaleFactor: (try? SuperResolutionSchedule(factor: 4).scaleFactor) ?? 0.793700526)

    /// `config` with this profile's fixed settings applied.
    public func applied(to config: TrainingConfig) -> TrainingConfig {
        var result = config
        if let alpha { result.alpha = alpha }
        if let minSize { result.minSize = minSize }
        if let scaleFactor { result.scaleFactor = scaleFactor }
        return result
    }
}
