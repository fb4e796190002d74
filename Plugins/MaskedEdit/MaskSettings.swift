import SinGANImaging
import SinGANModel

/// How much the mask of `edit` and `harmonize` grows and softens: the disk radius of the
/// dilation and the σ of the Gaussian blur, in pixels of the model's finest scale.
///
/// The official scripts use a fixed disk (20 px for editing, 7 for harmonization) and σ 5 for
/// 250-px models. A smaller model covers the same picture with fewer pixels, so the defaults
/// scale with its long side below 250 px (a 128-px model: 10 / 4 px and σ 2.56), which keeps the
/// regenerated band the same share of the picture; from 250 px on they are the official values.
/// `--mask-dilate` and `--mask-blur` set them outright. A deliberate difference, see Docs/fidelity.md.
struct MaskSettings: Equatable {
    /// The long side at which the official values hold.
    static let officialLongSide = 250
    /// The official blur.
    static let officialSigma = 5.0
    /// The smallest default σ (the blur must stay positive on the tiniest models).
    static let smallestSigma = 0.5

    /// The dilation's disk radius.
    let radius: Int
    /// The blur's σ.
    let sigma: Double

    /// The defaults for `purpose` on a model whose finest scale is `size`, overridden by
    /// `radius` and `sigma` when given.
    init(purpose: MaskDilation.Purpose, modelSize size: ImageSize, radius: Int? = nil, sigma: Double? = nil) {
        let share = min(1, Double(size.longSide) / Double(Self.officialLongSide))
        self.radius = radius ?? Int((Double(purpose.diskRadius) * share).rounded())
        self.sigma = sigma ?? max(Self.smallestSigma, Self.officialSigma * share)
    }
}
