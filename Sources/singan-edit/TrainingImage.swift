import Foundation
import SinGANImaging
import SinGANModel
import SinGANTensor

/// Loading and preparing the picture for training, and checking a resumed model belongs to it.
enum TrainingImage {
    /// The long side of a reduced image, in multiples of `--max-size`: the official bicubic then
    /// still resizes by 1/4 to the finest scale.
    static let reducedLongSidePerMaxSize = 4

    /// The image at `path` as [1, 3, H, W] in [−1, 1], reduced when it is larger than
    /// `ImageFile.largestFullSizeImage`; smaller images load at full size, so the pyramid is resized
    /// from the original image exactly as in the official code. `notice` hears about the reduction
    /// and a dropped alpha channel.
    static func load(_ path: String, maxSize: Int, notice: (String) -> Void) throws -> Tensor {
        let (width, height) = try ImageFile.dimensions(of: path)
        guard let longSide = reducedLongSide(width: width, height: height, maxSize: maxSize) else {
            return try normalized(announcingAlpha(ImageFile.load(path), path: path, notice: notice))
        }
        let loaded = try ImageFile.load(path, longSideAtMost: longSide)
        notice("\(path) is \(width)×\(height) (\(String(format: "%.1f", Double(width * height) / 1e6)) megapixels); "
               + "reduced to \(loaded.width)×\(loaded.height) while loading, \(reducedLongSidePerMaxSize) × --max-size")
        return normalized(announcingAlpha(loaded, path: path, notice: notice))
    }

    /// The long side to reduce a `width` × `height` image to, or nil to load it at full size:
    /// `reducedLongSidePerMaxSize` × `maxSize`, at most as many pixels as `ImageFile.largestFullSizeImage`.
    static func reducedLongSide(width: Int, height: Int, maxSize: Int) -> Int? {
        guard width * height > ImageFile.largestFullSizeImage else { return nil }
        let (long, short) = (Double(max(width, height)), Double(min(width, height)))
        let fitting = Int((Double(ImageFile.largestFullSizeImage) * long / short).squareRoot())
        return min(reducedLongSidePerMaxSize * maxSize, fitting)
    }

    private static func announcingAlpha(_ loaded: LoadedImage, path: String, notice: (String) -> Void) -> Tensor {
        if loaded.droppedAlpha { notice("\(path) has an alpha channel; it is ignored.") }
        return loaded.image
    }

    /// [0, 1] pixels → the official normalisation clamp((x − 0.5)·2, −1, 1).
    static func normalized(_ pixels: Tensor) -> Tensor {
        pixels.map { min(max(($0 - 0.5) * 2, -1), 1) }
    }

    /// Throws unless `image` is the one `model` was being trained on: same size and, once a stage
    /// is trained, the same finest trained stage image.
    static func checkMatches(_ model: any TrainableModel, image: Tensor, path: String) throws {
        let size = model.originalSize
        let sameSize = image.shape[2] == size.height && image.shape[3] == size.width
        let trained = model.trainedStageCount
        let samePixels = sameSize && (trained == 0 || model.trainingImages(from: image)[trained - 1] == model.trainingImage(at: trained - 1))
        guard samePixels else {
            throw CommandFailure("\(path) is not the image this model was trained on; resume with the same image.")
        }
    }
}
