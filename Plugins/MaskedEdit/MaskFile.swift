import SinGANImaging
import SinGANModel
import SinGANRuntime
import SinGANTensor

/// A mask file read by the documented rule: a pixel belongs to the region to change when it is
/// not black, i.e. any of its channels is at level 1 of 255 or above.
///
/// The mask becomes one grey plane, each pixel's brightest channel (in all three channels), before
/// it is resized and thresholded as the official `dilate_mask` does with channel 0. For a black
/// and white or grey mask that is exactly the official mask; a coloured one counts wherever it
/// is not black (the official code would look at its red channel only; see Docs/fidelity.md).
struct MaskFile {
    /// `[1, 3, H, W]` in [0, 1]: the brightest channel of every pixel, three times.
    let pixels: Tensor
    /// The file's size.
    let originalSize: ImageSize
    /// What the user should know about the file, when it is more than black and white.
    let notice: String?

    init(_ path: String, runtime: Runtime) throws {
        let (loaded, size) = try runtime.loadPixels(path)
        originalSize = size
        let image = loaded.image
        let plane = image.shape[2] * image.shape[3]
        let values = image.scalars
        var brightest = [Float](repeating: 0, count: plane)
        var coloured = false, grey = false
        for i in 0..<plane {
            let (r, g, b) = (values[i], values[plane + i], values[2 * plane + i])
            let high = max(r, g, b)
            brightest[i] = high
            if max(abs(r - g), abs(g - b)) > 0.5 / 255 { coloured = true }
            if high > 0.5 / 255 && high < 254.5 / 255 { grey = true }
        }
        pixels = Tensor(shape: image.shape, scalars: brightest + brightest + brightest)
        let kind = coloured ? "colours" : grey ? "grey levels" : nil
        notice = kind.map {
            "the mask \(path) has \($0), not only black and white; every pixel that is not black "
                + "(any channel at level 1 of 255 or above) counts as the region to change"
        }
    }
}
