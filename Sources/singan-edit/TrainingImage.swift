import SinGANModel
import SinGANTensor

/// Preparing a loaded picture for training, and checking a resumed model belongs to it.
enum TrainingImage {
    /// [0, 1] pixels → the official normalisation clamp((x − 0.5)·2, −1, 1).
    static func normalized(_ pixels: Tensor) -> Tensor {
        pixels.map { min(max(($0 - 0.5) * 2, -1), 1) }
    }

    /// Throws unless `image` is the one `pyramid` was being trained on.
    static func checkMatches(_ pyramid: TrainedPyramid, image: Tensor, path: String) throws {
        let size = pyramid.originalSize
        let sameSize = image.shape[2] == size.height && image.shape[3] == size.width
        let samePixels = sameSize && (pyramid.scales.last.map {
            pyramid.geometry.reals(from: image)[pyramid.scales.count - 1] == $0.real
        } ?? true)
        guard samePixels else {
            throw CommandFailure("\(path) is not the image this model was trained on; resume with the same image.")
        }
    }
}
