import SinGANModel
import SinGANRuntime
import SinGANTensor

/// Whether a trained stage has learned its image at all: its reconstruction G(z*) against the
/// distance of the image from a flat image of its own mean colour.
///
/// A GAN stage collapses when its generator drives its tanh output into saturation and draws one
/// colour whatever its input; the reconstruction loss then stays at the distance of the image from
/// that colour (the official ConSinGAN code does this on some images and seeds: Docs/evaluation.md).
/// A flat image of the mean colour is the best any constant can do, so a reconstruction more than
/// `collapseRatio` times as far from the image as that is no picture of it, unless it is within
/// `minimumCollapsedRMSE` of the image (a nearly flat photo, a sky or a wall, has a flat distance near 0
/// that any honest reconstruction exceeds). Distances are RMSE in the [0, 1] range of saved images, as
/// `evaluate` reports them.
public struct StageCollapse: Sendable, Equatable {
    /// RMSE of G(z*) from the training image.
    public let reconstructionRMSE: Double
    /// RMSE of the flat image of the training image's mean colour (per channel) from the image.
    public let flatRMSE: Double
    /// How many times the flat image's distance a reconstruction must exceed to count as collapsed:
    /// a trained stage's reconstruction is a small fraction of it, a saturated one's (collapsed, or a
    /// generator that has hardly trained) about 2–2.5 times it.
    public static let collapseRatio = 1.5
    /// The smallest reconstruction RMSE that can count as a collapse: a saturated stage is 0.28–0.56
    /// from its image in the collapses recorded (Docs/evaluation.md), a trained one 0.01–0.05.
    public static let minimumCollapsedRMSE = 0.1

    /// Compares `reconstruction` with `image` (both `[1, C, H, W]` in the model's [−1, 1] range).
    public init(reconstruction: Tensor, image: Tensor) {
        reconstructionRMSE = ReconstructionError.rootMeanSquare(reconstruction, image)
        flatRMSE = Self.flatDistance(PixelRange.display(fromModel: image))
    }

    /// The check of `model`'s newest trained stage.
    public init(newestStageOf model: any GenerativeModel) {
        self.init(reconstruction: model.trainedReconstruction(),
                  image: model.trainingImage(at: model.trainedStageCount - 1))
    }

    /// True when the reconstruction is more than `collapseRatio` times as far from the image as
    /// a flat image of its mean colour, and more than `minimumCollapsedRMSE` from it.
    public var isCollapsed: Bool {
        reconstructionRMSE > Self.collapseRatio * flatRMSE && reconstructionRMSE > Self.minimumCollapsedRMSE
    }

    /// √mean((x − mean of x's channel)²) over every pixel and channel of a `[1, C, H, W]` image: the
    /// RMSE of the flat image of its mean colour, measured as the reconstruction's is.
    static func flatDistance(_ image: Tensor) -> Double {
        Double(PixelRange.rootMeanSquareError(image, image.mean(axes: [2, 3]).expanded(to: image.shape)))
    }
}
