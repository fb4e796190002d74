import Foundation
import SinGANModel
import SinGANTensor

extension Runtime {
    /// How an image is brought to the injection scale.
    public enum InjectionResize: Sendable {
        /// Down to the next coarser scale and back up, like a generated image arriving from
        /// there (the official harmonization, editing and paint-to-image without quantization).
        case downAndUp
        /// Straight to the scale's size (the official paint-to-image with quantization).
        case direct
    }

    /// `image` (`[1, 3, H, W]` in [−1, 1]) prepared for injection at scale `n`, at that scale's
    /// training size, as the official applications do:
    ///
    /// 1. an image whose size differs from the finest training size is resized to it
    ///    (`imresize_to_shape`);
    /// 2. `.downAndUp`: `imresize(·, sf^(N−n+1))`, cropped to scale n−1, `imresize(·, 1/sf)`,
    ///    cropped to scale n; `.direct`: `imresize(·, sf^(N−n))`, cropped to scale n
    ///    (N is the finest scale, sf the scale factor; an image that comes out a pixel short
    ///    is resized instead of cropped).
    ///
    /// Use the result as `GenerationRequest.injected` with `startScale: n`.
    public func injectionImage(from image: Tensor, at n: Int, resize: InjectionResize = .downAndUp) throws(GenerationError) -> Tensor {
        let lowest = resize == .downAndUp ? 1 : 0
        guard (lowest..<scaleCount).contains(n) else { throw .injectionScaleOutOfRange(n, lowest: lowest, scaleCount: scaleCount) }
        let finest = trainingSize
        var picture = image
        if image.shape != [1, 3, finest.height, finest.width] {
            picture = BicubicResize.resize(image, toHeight: finest.height, width: finest.width)
        }
        let coarser = n - lowest, sizes = trainingSizes
        picture = PyramidSampler.fit(BicubicResize.resize(picture, scale: pow(scaleFactor, Double(scaleCount - 1 - coarser))),
                                     height: sizes[coarser].height, width: sizes[coarser].width)
        guard resize == .downAndUp else { return picture }
        return PyramidSampler.fit(BicubicResize.resize(picture, scale: 1 / scaleFactor), height: sizes[n].height, width: sizes[n].width)
    }
}
