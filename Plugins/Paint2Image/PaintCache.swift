import Foundation
import SinGANModel

/// Where `paint2img --quantize` keeps a retrained scale so that the next run does not retrain:
/// a complete `.sgn` beside the model, `MODEL.paint-sN.sgn` (`MODEL.paint-sN-iK.sgn` when the
/// retraining ran K iterations instead of the model's own), holding the model with scale N
/// replaced. Its header annotations name the source model's fingerprint (a hash of every tensor
/// generation reads), the scale, the iterations and the recipe version; the file is used only
/// when all of them match the model at hand, and then only its scale N is taken.
struct PaintCache {
    /// Bumped whenever the retraining recipe changes, so older caches are retrained (2: an emptied
    /// k-means cluster is relocated as scikit-learn does, which can change the colours).
    static let recipe = "2"

    /// The cache file.
    let path: String
    /// What the cache's header must say to be used.
    let annotations: [String: String]

    init(modelPath: String, fingerprint: String, scale: Int, iterations: Int, modelIterations: Int) {
        let stem = modelPath.hasSuffix(".sgn") ? String(modelPath.dropLast(4)) : modelPath
        path = stem + ".paint-s\(scale)" + (iterations == modelIterations ? "" : "-i\(iterations)") + ".sgn"
        annotations = [
            "paint.source-fingerprint": fingerprint,
            "paint.scale": String(scale),
            "paint.iterations": String(iterations),
            "paint.recipe": Self.recipe,
        ]
    }

    /// The cached retrained scale, or nil when there is no cache, it cannot be read, or it was
    /// made from another model, scale, iteration count or recipe.
    func scaleState(fitting model: TrainedPyramid) -> ScaleState? {
        guard FileManager.default.fileExists(atPath: path),
              let found = try? PyramidArchive.annotations(at: path),
              annotations.allSatisfy({ found[$0.key] == $0.value }),
              let cached = try? PyramidArchive.read(from: path),
              let scale = Int(annotations["paint.scale"] ?? ""),
              cached.isComplete, cached.scales.count == model.scales.count,
              cached.scales[scale].size == model.scales[scale].size,
              cached.scales[scale].generator.width == model.scales[scale].generator.width else { return nil }
        return cached.scales[scale]
    }

    /// Writes `retrained` (the model with the scale replaced) to the cache, atomically.
    func store(_ retrained: TrainedPyramid) throws {
        try PyramidArchive.write(retrained, creator: "singan-edit paint2img", annotations: annotations, to: path)
    }
}
