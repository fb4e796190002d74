import SinGANTensor

/// Runs the trained coarser scales to produce the input of the next one (`draw_concat`).
public struct PyramidSampler {
    /// Trained scales, coarsest first.
    public let scales: [ScaleState]
    /// Ratio between consecutive scales (the re-derived factor, < 1).
    public let scaleFactor: Double
    public let noiseLayout: TrainingProfile.NoiseLayout

    public init(scales: [ScaleState], scaleFactor: Double, noiseLayout: TrainingProfile.NoiseLayout) {
        self.scales = scales
        self.scaleFactor = scaleFactor
        self.noiseLayout = noiseLayout
    }

    /// Which noise the coarser scales receive.
    public enum Mode {
        /// Fresh random noise (grey at scale 0).
        case random
        /// The fixed reconstruction noise z* (zeros above scale 0).
        case reconstruction
    }

    /// The upsampled output of all trained scales, cropped to `target` (H, W) of the next scale.
    /// With no trained scales this is zeros of `target` size.
    public func previousImage(for target: ImageSize, mode: Mode, random: inout RandomSource) -> Tensor {
        guard !scales.isEmpty else { return Tensor.zeros([1, 3, target.height, target.width]) }
        let finest = finestOutput(mode: mode, random: &random)
        return Self.fit(BicubicResize.resize(finest, scale: 1 / scaleFactor), height: target.height, width: target.width)
    }

    /// The output of the last trained scale: a random sample (`.random`) or the reconstruction
    /// of the training image (`.reconstruction`).
    public func finestOutput(mode: Mode, random: inout RandomSource) -> Tensor {
        precondition(!scales.isEmpty, "no trained scales")
        return generate(from: 0, initial: nil, sizes: scales.map(\.size), random: &random) { k, size, random in
            switch mode {
            case .random: freshNoise(at: k, size: size, random: &random)
            case .reconstruction: reconstructionNoise(at: k, size: size)
            }
        }
    }

    /// Crops the top-left `height`×`width` (as the official slicing does); an image that came out
    /// smaller than that is resized to it instead of failing.
    public static func fit(_ image: Tensor, height: Int, width: Int) -> Tensor {
        if image.shape[2] == height && image.shape[3] == width { return image }
        if image.shape[2] >= height && image.shape[3] >= width {
            return image.cropped(origin: [0, 0, 0, 0], size: [1, image.shape[1], height, width])
        }
        return BicubicResize.resize(image, toHeight: height, width: width)
    }
}
