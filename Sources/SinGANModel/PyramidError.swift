/// Why a scale pyramid cannot be built for an image, with a one-line fix for the user.
///
/// The official SinGAN code does not reject these inputs; it crashes or silently builds a useless
/// pyramid (fixtures README item 7). This port refuses them instead:
///
/// * `.imageSmallerThanMinSize` — the image's short side is below `minSize`. The official code
///   builds a one-step "pyramid" whose scale factor is above 1 (20×30 → levels 25×38, 20×30), so
///   the coarsest level is *larger* than the finest.
/// * `.tooElongated` — the image is large enough, but after scaling its long side down to
///   `maxSize` the short side falls below `minSize`. The official code then has a scale factor above 1
///   (31×333 → levels 25×261, 24×250), or divides by zero (64×1024, stop scale 0), or returns an empty
///   pyramid (30×2000, negative stop scale).
/// * `.noCoarserScales` — the remaining rare case where the stop scale is 0 or negative although the
///   scaled image is large enough (e.g. 33×334: scaled to 25×250 but stop scale 0); the official code
///   divides by zero. A one-level pyramid has no scale factor and nothing to train coarse-to-fine,
///   so it is an error rather than a fallback.
/// * Invalid parameters, and super-resolution factors so small that the official schedule would use
///   zero upsampling steps (it divides by zero).
public enum PyramidError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The image has no pixels.
    case emptyImage(ImageSize)
    /// `minSize` is below 1.
    case invalidMinSize(Int)
    /// `maxSize` is below `minSize`.
    case maxSizeBelowMinSize(maxSize: Int, minSize: Int)
    /// The initial scale factor is not in (0, 1).
    case invalidScaleFactor(Double)
    /// The image's short side is below the minimum size.
    case imageSmallerThanMinSize(ImageSize, minSize: Int)
    /// Scaled to `maxSize`, the image (`scaled`) has a short side below `minSize`.
    /// `suggestedMaxSize` is the smallest max size that avoids it.
    case tooElongated(ImageSize, scaled: ImageSize, minSize: Int, maxSize: Int, suggestedMaxSize: Int)
    /// The stop scale is 0 or negative, so there is no coarser scale to build.
    case noCoarserScales(ImageSize, stopScale: Int, minSize: Int, maxSize: Int)
    /// The super-resolution factor gives no upsampling step (it must exceed 2^(1/6) ≈ 1.123).
    case superResolutionFactorTooSmall(Double)

    /// A one-line message: what is wrong and what to do.
    public var description: String {
        switch self {
        case .emptyImage(let size):
            return "image \(size) has no pixels; use a non-empty image"
        case .invalidMinSize(let minSize):
            return "minimum size \(minSize) px is invalid; use --min-size ≥ 1 (default 25)"
        case .maxSizeBelowMinSize(let maxSize, let minSize):
            return "maximum size \(maxSize) px is below the minimum size \(minSize) px; "
                + "use --max-size ≥ \(minSize) or --min-size ≤ \(maxSize)"
        case .invalidScaleFactor(let factor):
            return "scale factor \(factor) must be between 0 and 1 (exclusive); use e.g. --scale-factor 0.75"
        case .imageSmallerThanMinSize(let size, let minSize):
            return "image \(size) is smaller than the minimum size \(minSize) px; "
                + "use a larger image or --min-size ≤ \(size.shortSide)"
        case .tooElongated(let size, let scaled, let minSize, let maxSize, let suggestedMaxSize):
            return "image \(size) is too elongated: scaled to the maximum size \(maxSize) px it becomes "
                + "\(scaled), below the minimum size \(minSize) px; crop it, or use "
                + "--max-size ≥ \(suggestedMaxSize) or --min-size ≤ \(scaled.shortSide)"
        case .noCoarserScales(let size, let stopScale, let minSize, let maxSize):
            return "image \(size) gives no coarser scale (stop scale \(stopScale)) with minimum size "
                + "\(minSize) px and maximum size \(maxSize) px; use a smaller --min-size or a larger --max-size"
        case .superResolutionFactorTooSmall(let factor):
            return "super-resolution factor \(factor) is too small for any upsampling step; "
                + "use a factor of at least 1.13 (e.g. 2 or 4)"
        }
    }
}
