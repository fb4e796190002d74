import Foundation
import SinGANImaging
import SinGANModel
import SinGANTensor

/// Pictures the studio draws from a model file itself: the training image (thumbnail), a random
/// sample from the scales trained so far (after each finished scale) and the paint palette.
enum ModelPictures {
    /// The training image at the finest trained scale, as PNG at `destination`.
    static func writeTrainingImage(of modelPath: String, to destination: String) throws {
        let model = try ModelArchive.read(from: modelPath)
        guard model.trainedStageCount > 0 else { throw StudioError.notFound("no scale of \(modelPath) is trained yet") }
        try ImageFile.save(toPixels(model.trainingImage(at: model.trainedStageCount - 1)), to: destination)
    }

    /// A random sample of the scales trained so far (coarse to the last finished one), as PNG.
    static func writeSample(of modelPath: String, seed: UInt64, to destination: String) throws {
        let model = try ModelArchive.read(from: modelPath)
        guard model.trainedStageCount > 0 else { return }
        var random = RandomSource(seed: seed)
        try ImageFile.save(toPixels(model.previewSample(random: &random)), to: destination)
    }

    /// The colours `paint2img --quantize --start-scale scale` paints with: k-means (k = 5, the
    /// official `n_clusters`) of the training image at that scale, as `#rrggbb`.
    static func palette(of modelPath: String, scale: Int) throws -> [String] {
        let model = try ModelArchive.read(from: modelPath)
        guard (0..<model.trainedStageCount).contains(scale) else {
            throw StudioError.badRequest("scale \(scale) is outside 0–\(model.trainedStageCount - 1), the trained scales of this model")
        }
        return ColourQuantizer.centres(of: model.trainingImage(at: scale), clusters: 5).map { colour in
            "#" + (0..<3).map { String(format: "%02x", Int((min(max((colour[$0] + 1) / 2, 0), 1) * 255).rounded())) }.joined()
        }
    }

    /// [−1, 1] model pixels → [0, 1].
    private static func toPixels(_ image: Tensor) -> Tensor { image.map { ($0 + 1) / 2 } }
}
