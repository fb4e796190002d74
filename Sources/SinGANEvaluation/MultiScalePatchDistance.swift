import SinGANModel
import SinGANRuntime
import SinGANTensor

/// The patch-distribution distance between generated images and one reference image (the training
/// image) at several pyramid levels: level ℓ is the image resized by 2^−ℓ with the project's bicubic
/// resize (the official `imresize`), so the levels are full size, ½ and ¼. At each level the
/// sliced Wasserstein distance between the two images' patch sets is measured (`PatchExtraction`,
/// `SlicedWasserstein`), in the [0, 1] range of saved images.
///
/// Levels whose reference is smaller than a patch are left out, so a very small image has fewer
/// levels. The reference's projections are computed once; every measured image reuses them.
public struct MultiScalePatchDistance: Sendable {
    /// Default number of levels.
    public static let defaultLevelCount = 3

    /// How patches are cut.
    public let extraction: PatchExtraction
    /// The directions patches are projected on.
    public let slicer: SlicedWasserstein
    /// The reference's size at each kept level, finest first.
    public let levelSizes: [ImageSize]
    private let referenceProjections: [SortedProjections]

    /// Prepares the comparison with `reference` (`[1, C, H, W]` in the model's range) at up to
    /// `levelCount` levels; the patch subset and the directions come from `seed`.
    public init(reference: Tensor, levelCount: Int = defaultLevelCount, patchSize: Int = PatchExtraction.defaultSize,
                maximumPatches: Int = PatchExtraction.defaultMaximumCount,
                directionCount: Int = SlicedWasserstein.defaultDirectionCount, seed: UInt64) {
        precondition(reference.rank == 4 && reference.shape[0] == 1, "a reference image [1, C, H, W], got \(reference.shape)")
        let extraction = PatchExtraction(size: patchSize, maximumCount: maximumPatches, seed: seed)
        let slicer = SlicedWasserstein(dimension: reference.shape[1] * patchSize * patchSize,
                                       directionCount: directionCount, seed: seed)
        let levels = Self.levels(of: reference, count: levelCount).prefix { extraction.fits(height: $0.shape[2], width: $0.shape[3]) }
        self.extraction = extraction
        self.slicer = slicer
        levelSizes = levels.map { ImageSize(height: $0.shape[2], width: $0.shape[3]) }
        referenceProjections = levels.map { slicer.project(extraction.patches(of: $0)) }
    }

    /// Number of levels measured (0 when the reference is smaller than one patch).
    public var levelCount: Int { levelSizes.count }

    /// The factor of level `ℓ`: 2^−ℓ.
    public static func factor(ofLevel level: Int) -> Double { 1 / Double(1 << level) }

    /// `image` at levels 0..<count, finest first, in [0, 1]: level ℓ is `BicubicResize` by 2^−ℓ
    /// (straight from the full image, as the official pyramid), then clamped to the saved range.
    public static func levels(of image: Tensor, count: Int) -> [Tensor] {
        (0..<count).map { level in
            PixelRange.display(fromModel: level == 0 ? image : BicubicResize.resize(image, scale: factor(ofLevel: level)))
        }
    }

    /// The SWD between `image` (`[1, C, H, W]` in the model's range, any size that holds a patch
    /// at every level) and the reference, one value per level, finest first.
    public func distances(to image: Tensor) -> [Double] {
        let levels = Self.levels(of: image, count: levelCount)
        return zip(levels, referenceProjections).map { level, reference in
            SlicedWasserstein.distance(slicer.project(extraction.patches(of: level)), reference)
        }
    }
}
