import Foundation
import SinGANTensor

/// ConSinGAN's stage sizes (`adjust_scales2image` + `create_reals_pyramid`, tohinz/ConSinGAN
/// `functions.py`, generation mode):
///
/// ```
/// scale1      = min(maxSize / max(H, W), 1);  finest = ceil(H·scale1) × ceil(W·scale1)
/// N           = stages − 1
/// scaleFactor = (minSize / min(finest)) ^ (1 / N)
/// stage i < N = imresize(finest, scaleFactor ^ ((N − 1) / ln N · ln(N − i) + 1));  stage N = finest
/// ```
/// More stages land at low resolution than with SinGAN's geometric spacing (188-px side: 25, 31, 42,
/// 63, 126, 188).
public struct GrowingStages: Sendable, Equatable {
    /// Size of the original image.
    public let imageSize: ImageSize
    /// `scale1`: the factor that brings the long side to at most `maxSize`.
    public let scale1: Double
    /// The official `scale_factor`.
    public let scaleFactor: Double
    /// The factor each stage applies to the finest image, coarsest first (the last is 1).
    public let stageScales: [Double]
    /// Size of each stage, coarsest first.
    public let sizes: [ImageSize]

    /// The stages of an image of `imageSize`.
    /// - Throws: `PyramidError` when the image is smaller than `minSize` or too elongated for it.
    public init(imageSize: ImageSize, stages: Int, minSize: Int, maxSize: Int) throws(PyramidError) {
        precondition(GrowingSettings.stageRange.contains(stages), "stages \(stages)")
        guard imageSize.height > 0, imageSize.width > 0 else { throw .emptyImage(imageSize) }
        guard minSize >= 1 else { throw .invalidMinSize(minSize) }
        guard maxSize >= minSize else { throw .maxSizeBelowMinSize(maxSize: maxSize, minSize: minSize) }
        guard imageSize.shortSide >= minSize else { throw .imageSmallerThanMinSize(imageSize, minSize: minSize) }
        let scale1 = ScalePyramid.scale1(imageSize, maxSize: maxSize)
        let finest = BicubicResize.outputSize(of: imageSize, scale: scale1)
        guard finest.shortSide >= minSize else {
            throw .tooElongated(imageSize, scaled: finest, minSize: minSize, maxSize: maxSize, suggestedMaxSize: imageSize.longSide)
        }
        let n = Double(stages - 1)
        let factor = pow(Double(minSize) / Double(finest.shortSide), 1 / n)
        let scales = (0..<(stages - 1)).map { i in pow(factor, (n - 1) / log(n) * log(n - Double(i)) + 1) } + [1]
        self.imageSize = imageSize
        self.scale1 = scale1
        self.scaleFactor = factor
        self.stageScales = scales
        self.sizes = scales.dropLast().map { BicubicResize.outputSize(of: finest, scale: $0) } + [finest]
    }

    /// The training image of every stage, coarsest first: `image` (original size) resized by
    /// `scale1`, then each stage resized from that (the finest is the resized image itself).
    public func reals(from image: Tensor) -> [Tensor] {
        precondition(image.shape[2] == imageSize.height && image.shape[3] == imageSize.width, "image size")
        let finest = BicubicResize.resize(image, scale: scale1)
        return stageScales.dropLast().map { BicubicResize.resize(finest, scale: $0) } + [finest]
    }
}
