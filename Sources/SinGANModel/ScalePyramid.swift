import Foundation
import SinGANTensor

/// The multi-scale geometry of a SinGAN training pyramid, exactly as the official
/// `adjust_scales2image` (or `adjust_scales2image_SR`) followed by `imresize(real_, scale1)` and
/// `creat_reals_pyramid` (tamarott/SinGAN, `SinGAN/functions.py`).
///
/// With `sfi` the initial scale factor, `H×W` the image and Python's `math.log(x, b) = log(x)/log(b)`:
///
/// ```
/// numScales   = ceil(log(minSize / min(H, W)) / log(sfi)) + 1
/// scaleToStop = ceil(log(min(maxSize, max(H, W)) / max(H, W)) / log(sfi))
/// stopScale   = numScales - scaleToStop
/// scale1      = min(maxSize / max(H, W), 1);   finest = ceil(H·scale1) × ceil(W·scale1)
/// scaleFactor = (minSize / min(finest)) ^ (1 / stopScale)
/// level i     = ceil(finest · scaleFactor^(stopScale - i)),  i = 0 (coarsest) ... stopScale (finest)
/// ```
///
/// The `.superResolution` variant reproduces `adjust_scales2image_SR` with its quirks: `int()`
/// (truncation toward zero) instead of `ceil`, and `scaleToStop` divides by
/// `max(real_.shape[0], W) = W` (the batch axis instead of the height). Note that the official SR
/// function also overwrites `min_size` with 18; here the caller passes it
/// (`SuperResolutionSchedule.minSize`, or use `SuperResolutionSchedule.pyramid(for:maxSize:)`).
///
/// Degenerate geometry (image below the minimum size, too elongated, stop scale ≤ 0) throws a
/// `PyramidError` instead of reproducing the official crash or inverted pyramid; see that type.
public struct ScalePyramid: Sendable, Equatable {
    /// Which official geometry function to reproduce.
    public enum Variant: String, Sendable, Equatable, Codable {
        /// `adjust_scales2image` (training, editing, harmonisation, animation, ...).
        case standard
        /// `adjust_scales2image_SR` (SR.py), with its `int()` and width-only quirks.
        case superResolution
    }

    /// The official default minimum size of the coarsest level's short side (`--min_size`).
    public static let defaultMinSize = 25
    /// The official default maximum size of the finest level's long side (`--max_size`).
    public static let defaultMaxSize = 250
    /// The official default initial scale factor (`--scale_factor`).
    public static let defaultScaleFactor = 0.75

    /// Size of the original image.
    public let imageSize: ImageSize
    /// Minimum short side (of the coarsest level), in pixels.
    public let minSize: Int
    /// Maximum long side (of the finest level), in pixels.
    public let maxSize: Int
    /// The initial scale factor (`scale_factor_init`), used only to count scales.
    public let initialScaleFactor: Double
    /// The geometry variant.
    public let variant: Variant
    /// The official `num_scales`.
    public let numScales: Int
    /// The official `stop_scale`: index of the finest level (there are `stopScale + 1` levels).
    public let stopScale: Int
    /// The official `scale1`: the factor that brings the image's long side to at most `maxSize`.
    public let scale1: Double
    /// The re-derived scale factor between adjacent levels (`opt.scale_factor`).
    public let scaleFactor: Double
    /// Size of the image after the `scale1` resize (the finest level).
    public let finestSize: ImageSize
    /// Scale applied to the finest image for each level: `scaleFactor^(stopScale - i)`, coarsest first.
    public let levelScales: [Double]
    /// Size of each level, coarsest first; the last equals `finestSize`.
    public let levelSizes: [ImageSize]

    /// `numScales - stopScale` (the official local `scale2stop`).
    public var scaleToStop: Int { numScales - stopScale }
    /// Number of levels, `stopScale + 1`.
    public var levelCount: Int { levelSizes.count }
    /// Size of the coarsest level.
    public var coarsestSize: ImageSize { levelSizes[0] }

    /// Computes the pyramid geometry of an image of `imageSize`.
    ///
    /// - Parameters:
    ///   - minSize: minimum short side of the coarsest level (official default 25; 20 for animation,
    ///     18 for super-resolution).
    ///   - maxSize: maximum long side of the finest level (official default 250).
    ///   - scaleFactor: the initial scale factor `scale_factor_init` (default 0.75; SR uses
    ///     `1 / inScale`).
    ///   - variant: `.standard` or `.superResolution`.
    /// - Throws: `PyramidError` for invalid parameters and degenerate geometry.
    public init(imageSize: ImageSize, minSize: Int = ScalePyramid.defaultMinSize,
                maxSize: Int = ScalePyramid.defaultMaxSize,
                scaleFactor: Double = ScalePyramid.defaultScaleFactor,
                variant: Variant = .standard) throws(PyramidError) {
        guard imageSize.height > 0, imageSize.width > 0 else { throw .emptyImage(imageSize) }
        guard minSize >= 1 else { throw .invalidMinSize(minSize) }
        guard maxSize >= minSize else { throw .maxSizeBelowMinSize(maxSize: maxSize, minSize: minSize) }
        guard scaleFactor > 0, scaleFactor < 1 else { throw .invalidScaleFactor(scaleFactor) }
        guard imageSize.shortSide >= minSize else { throw .imageSmallerThanMinSize(imageSize, minSize: minSize) }

        let counts = Self.scaleCounts(imageSize, minSize: minSize, maxSize: maxSize,
                                      scaleFactor: scaleFactor, variant: variant)
        let scale1 = Self.scale1(imageSize, maxSize: maxSize)
        let finest = BicubicResize.outputSize(of: imageSize, scale: scale1)
        guard finest.shortSide >= minSize else {
            throw .tooElongated(imageSize, scaled: finest, minSize: minSize, maxSize: maxSize,
                                suggestedMaxSize: Self.smallestMaxSize(imageSize, from: maxSize, minSize: minSize))
        }
        guard counts.stopScale >= 1 else {
            throw .noCoarserScales(imageSize, stopScale: counts.stopScale, minSize: minSize, maxSize: maxSize)
        }

        let factor = pow(Double(minSize) / Double(finest.shortSide), 1.0 / Double(counts.stopScale))
        let scales = (0...counts.stopScale).map { pow(factor, Double(counts.stopScale - $0)) }

        self.imageSize = imageSize
        self.minSize = minSize
        self.maxSize = maxSize
        self.initialScaleFactor = scaleFactor
        self.variant = variant
        self.numScales = counts.numScales
        self.stopScale = counts.stopScale
        self.scale1 = scale1
        self.scaleFactor = factor
        self.finestSize = finest
        self.levelScales = scales
        self.levelSizes = scales.map { BicubicResize.outputSize(of: finest, scale: $0) }
    }

    /// The finest real image: `image` resized by `scale1` (the official `imresize(real_, scale1)`).
    ///
    /// `image` must be `[N, C, H, W]` with `H×W == imageSize`.
    public func finestReal(from image: Tensor) -> Tensor {
        precondition(image.rank == 4 && image.shape[2] == imageSize.height && image.shape[3] == imageSize.width,
                     "image of shape \(image.shape) does not match the pyramid's \(imageSize)")
        return BicubicResize.resize(image, scale: scale1)
    }

    /// The real-image pyramid, coarsest first (the official `creat_reals_pyramid`): each level is
    /// `imresize(finest, scaleFactor^(stopScale - i))`, resized directly from the finest real, which is
    /// `image` resized by `scale1`. Shapes equal `levelSizes`. All channels are kept.
    public func reals(from image: Tensor) -> [Tensor] {
        let finest = finestReal(from: image)
        return levelScales.map { BicubicResize.resize(finest, scale: $0) }
    }

    // MARK: - Official formulas

    /// Python's `math.log(x, base)`.
    static func pythonLog(_ x: Double, base: Double) -> Double { log(x) / log(base) }

    /// `num_scales` and `stop_scale` of the official function for `variant`.
    static func scaleCounts(_ size: ImageSize, minSize: Int, maxSize: Int, scaleFactor: Double,
                            variant: Variant) -> (numScales: Int, stopScale: Int) {
        let short = Double(size.shortSide), long = size.longSide
        let toMin = pythonLog(Double(minSize) / short, base: scaleFactor)
        let numScales: Int, scaleToStop: Int
        switch variant {
        case .standard:
            numScales = Int(toMin.rounded(.up)) + 1
            scaleToStop = Int(pythonLog(Double(Swift.min(maxSize, long)) / Double(long), base: scaleFactor)
                .rounded(.up))
        case .superResolution:
            numScales = Int(toMin.rounded(.towardZero)) + 1
            // max(real_.shape[0], real_.shape[3]) = max(batch 1, W): the official quirk.
            let divisor = Double(Swift.max(1, size.width))
            scaleToStop = Int(pythonLog(Double(Swift.min(maxSize, long)) / divisor, base: scaleFactor)
                .rounded(.towardZero))
        }
        return (numScales, numScales - scaleToStop)
    }

    /// The official `scale1 = min(max_size / max(H, W), 1)`.
    static func scale1(_ size: ImageSize, maxSize: Int) -> Double {
        Swift.min(Double(maxSize) / Double(size.longSide), 1)
    }

    /// The smallest max size ≥ `maxSize` whose `scale1` resize keeps the short side ≥ `minSize`
    /// (at worst the image's own long side, where `scale1` is 1).
    private static func smallestMaxSize(_ size: ImageSize, from maxSize: Int, minSize: Int) -> Int {
        var candidate = maxSize
        while candidate < size.longSide,
              BicubicResize.outputSize(of: size, scale: scale1(size, maxSize: candidate)).shortSide < minSize {
            candidate += 1
        }
        return candidate
    }
}
