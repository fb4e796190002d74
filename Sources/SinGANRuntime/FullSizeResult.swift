import SinGANImaging
import SinGANModel
import SinGANTensor

/// Results at the input's own size (`paint2img`, `edit`, `harmonize`): the model generates at its
/// training size, and the regenerated pixels are brought to the photo's size with libvips's
/// Lanczos-3 resampler. Applying the model's finest generator again and again as in
/// super-resolution was measured against it (`UpscaleComparisonTests`, Docs/fidelity.md) and
/// comes out no closer to the real photo, while its cost and memory grow with the photo's pixels
/// (a 4000×3000 result would need gigabytes of activations), so it is not used.
extension Runtime {
    /// The size a result is written at: the input's own size, unless `modelSize` asks for the
    /// model's (the official scripts' size) or the input has more than
    /// `ImageFile.largestFullSizeImage` pixels (then the model's size, with a notice at run time).
    public func resultSize(forInput input: ImageSize, modelSize: Bool) -> ImageSize {
        modelSize || !Self.fitsFullSize(input) ? trainingSize : input
    }

    /// Whether an input of `size` can be given back at its own size.
    public static func fitsFullSize(_ size: ImageSize) -> Bool {
        size.height * size.width <= ImageFile.largestFullSizeImage
    }

    /// Reports an input too large for a result at its own size, once, when it was asked for.
    public func noticeIfReduced(_ input: InputImage, name: String, modelSize: Bool) {
        guard !modelSize, !Self.fitsFullSize(input.originalSize) else { return }
        let limit = Double(ImageFile.largestFullSizeImage) / 1e6
        notice("\(name) has more than \(String(format: "%.1f", limit)) megapixels; the result is written at the model's "
               + "size \(trainingSize.width)×\(trainingSize.height) (shrink it to get a result at its own size)")
    }

    /// `generated` (`[1, 3, h, w]` at the training size, in the model's [−1, 1]) in [0, 1] at
    /// `size`, resampled with libvips's Lanczos-3.
    public func upscaled(_ generated: Tensor, to size: ImageSize) throws -> Tensor {
        let display = PixelRange.display(fromModel: generated)
        return try ImageResampler.resize(display, width: size.width, height: size.height)
    }
}
