import Foundation
import SinGANTensor

/// The super-resolution schedule of the official SR.py (`calc_init_scale` and the inference chain).
///
/// ```
/// in_scale = (1/2)^(1/3);  iter_num = round(log(1/sr) / log(in_scale))   (half to even)
/// in_scale = sr^(1/iter_num);  scale_factor = scale_factor_init = 1/in_scale
/// ```
/// Training uses `ScalePyramid` with variant `.superResolution`, minimum size 18 and initial scale
/// factor `scaleFactor`. Inference upsamples the finest real `iterationCount` times by
/// `1/scaleFactor` and crops the result to `int(sr·H) × int(sr·W)` of the finest real.
public struct SuperResolutionSchedule: Sendable, Equatable {
    /// The minimum size `adjust_scales2image_SR` forces (`opt.min_size = 18`).
    public static let minSize = 18

    /// The requested super-resolution factor (`--sr_factor`, default 4).
    public let factor: Double
    /// Number of upsampling passes (`iter_num`): 3 for ×2, 6 for ×4, 9 for ×8.
    public let iterationCount: Int
    /// Upsampling per pass (`in_scale = factor^(1/iterationCount)`).
    public let inScale: Double

    /// The scale factor SR.py trains with (`1 / inScale`).
    public var scaleFactor: Double { 1 / inScale }
    /// The factor each inference pass resizes by, as SR.py computes it: `1 / scaleFactor`.
    public var upscaleStep: Double { 1 / scaleFactor }
    /// `inScale^iterationCount` (≈ `factor`; SR.py prints it).
    public var totalUpscale: Double { pow(inScale, Double(iterationCount)) }

    /// The official `calc_init_scale` for `factor`.
    /// - Throws: `PyramidError.superResolutionFactorTooSmall` when the factor gives no pass
    ///   (factor ≤ 2^(1/6) ≈ 1.123, or not finite); the official code divides by zero there.
    public init(factor: Double) throws(PyramidError) {
        guard factor.isFinite, factor > 1 else { throw .superResolutionFactorTooSmall(factor) }
        let initial = pow(1.0 / 2, 1.0 / 3)
        let passes = ScalePyramid.pythonLog(1 / factor, base: initial).rounded(.toNearestOrEven)
        guard passes >= 1, passes < 10_000 else { throw .superResolutionFactorTooSmall(factor) }
        self.factor = factor
        self.iterationCount = Int(passes)
        self.inScale = pow(factor, 1 / passes)
    }

    /// The training pyramid of SR.py for an image of `imageSize`: variant `.superResolution`,
    /// minimum size 18, initial scale factor `scaleFactor`.
    public func pyramid(for imageSize: ImageSize,
                        maxSize: Int = ScalePyramid.defaultMaxSize) throws(PyramidError) -> ScalePyramid {
        try ScalePyramid(imageSize: imageSize, minSize: Self.minSize, maxSize: maxSize,
                         scaleFactor: scaleFactor, variant: .superResolution)
    }

    /// Sizes of the inference chain: `iterationCount` successive `ceil(side · upscaleStep)` resizes
    /// starting from the finest real of size `finest` (the start is not included).
    public func chain(from finest: ImageSize) -> [ImageSize] {
        var sizes: [ImageSize] = []
        var current = finest
        for _ in 0..<iterationCount {
            current = BicubicResize.outputSize(of: current, scale: upscaleStep)
            sizes.append(current)
        }
        return sizes
    }

    /// The final crop SR.py applies: `int(factor·H) × int(factor·W)` of the finest real, clipped to
    /// the last chain size as Python slicing would.
    public func finalCrop(for finest: ImageSize) -> ImageSize {
        let last = chain(from: finest).last ?? finest
        return ImageSize(height: Swift.min(Int(factor * Double(finest.height)), last.height),
                         width: Swift.min(Int(factor * Double(finest.width)), last.width))
    }

    /// One inference pass on an image: `imresize(x, 1 / scaleFactor)`.
    public func upscale(_ x: Tensor) -> Tensor {
        BicubicResize.resize(x, scale: upscaleStep)
    }
}
