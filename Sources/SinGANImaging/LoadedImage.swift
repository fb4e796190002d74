import SinGANTensor

/// An image read from a file, as SinGAN consumes it, plus what the conversion did.
public struct LoadedImage: Sendable, Equatable {
    /// RGB pixels, shape [1, 3, H, W], values in [0, 1] (8-bit level k becomes k / 255).
    public let image: Tensor
    /// Number of bands stored in the file (1 grey, 2 grey + alpha, 3 RGB, 4 RGBA or CMYK, …).
    public let originalBandCount: Int
    /// Bits per sample in the file: 8 or 16, or 0 for other sample formats (converted to 8-bit).
    public let sourceBitDepth: Int
    /// True when bands after the colour ones (normally alpha) were discarded. Alpha is dropped,
    /// not composited: the colour stored under transparent pixels is kept, as the official code
    /// does by keeping channels 0:3.
    public let droppedAlpha: Bool
    /// True when the file was greyscale; its single channel was copied into R, G and B.
    public let expandedFromGrey: Bool

    /// Image height in pixels.
    public var height: Int { image.shape[2] }
    /// Image width in pixels.
    public var width: Int { image.shape[3] }

    /// Wraps a loaded tensor and its facts.
    public init(image: Tensor, originalBandCount: Int, sourceBitDepth: Int, droppedAlpha: Bool,
                expandedFromGrey: Bool) {
        self.image = image
        self.originalBandCount = originalBandCount
        self.sourceBitDepth = sourceBitDepth
        self.droppedAlpha = droppedAlpha
        self.expandedFromGrey = expandedFromGrey
    }
}
