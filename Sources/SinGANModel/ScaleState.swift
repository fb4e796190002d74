import SinGANTensor

/// Everything one trained scale contributes to generation.
public struct ScaleState {
    /// The scale's generator, in evaluation mode.
    public let generator: Generator
    /// σₙ: multiplies the noise added to the upsampled previous image (1 at the coarsest scale).
    public let noiseAmplitude: Float
    /// z*: the fixed reconstruction noise, padded ([1, 3, H+10, W+10]); zero above scale 0.
    public let reconstructionNoise: Tensor
    /// The training image at this scale, [1, 3, H, W] in [−1, 1].
    public let real: Tensor

    public init(generator: Generator, noiseAmplitude: Float, reconstructionNoise: Tensor, real: Tensor) {
        self.generator = generator
        self.noiseAmplitude = noiseAmplitude
        self.reconstructionNoise = reconstructionNoise
        self.real = real
    }

    /// Size of the scale's image.
    public var size: ImageSize { ImageSize(height: real.shape[2], width: real.shape[3]) }
}
