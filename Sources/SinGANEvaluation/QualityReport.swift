import Foundation

/// The result of `ModelEvaluation.evaluate`: every measure plus the settings that produced it.
/// Encoded with `json()` for `singan-edit evaluate --json`; Docs/evaluation.md describes each field.
public struct QualityReport: Codable, Sendable, Equatable {
    /// The patch distance at one pyramid level.
    public struct Level: Codable, Sendable, Equatable {
        /// The level's size relative to the training image (1, 0.5, 0.25).
        public var factor: Double
        /// The training image's width at this level, in pixels.
        public var width: Int
        /// The training image's height at this level, in pixels.
        public var height: Int
        /// The mean over samples of the sliced Wasserstein distance to the training image's patches.
        public var swd: Double
    }

    /// The model file.
    public var model: String
    /// Number of generated samples.
    public var samples: Int
    /// The first scale with fresh noise (0 is the coarsest).
    public var startScale: Int
    /// The seed of the samples' noise.
    public var seed: UInt64
    /// The side of the compared patches.
    public var patchSize: Int
    /// The most patches compared per image and level.
    public var maximumPatches: Int
    /// The number of random projection directions.
    public var directions: Int
    /// The patch distance per level, finest first.
    public var levels: [Level]
    /// The mean of the levels' distances.
    public var meanSWD: Double
    /// Std across samples relative to the training image's std; nil (absent in JSON) when the
    /// training image is flat.
    public var diversity: Double?
    /// RMSE of G(z*) against the training image, in [0, 1] pixel values.
    public var reconstructionRMSE: Double
    /// Wall-clock seconds the evaluation took (generation and measures).
    public var seconds: Double

    private enum CodingKeys: String, CodingKey {
        case model, samples, startScale = "start_scale", seed, patchSize = "patch_size"
        case maximumPatches = "maximum_patches", directions, levels, meanSWD = "mean_swd", diversity
        case reconstructionRMSE = "reconstruction_rmse", seconds
    }

    public init(model: String, samples: Int, startScale: Int, seed: UInt64, patchSize: Int, maximumPatches: Int,
                directions: Int, levels: [Level], diversity: Double?, reconstructionRMSE: Double, seconds: Double) {
        self.model = model
        self.samples = samples
        self.startScale = startScale
        self.seed = seed
        self.patchSize = patchSize
        self.maximumPatches = maximumPatches
        self.directions = directions
        self.levels = levels
        self.meanSWD = levels.isEmpty ? 0 : levels.reduce(0) { $0 + $1.swd } / Double(levels.count)
        self.diversity = diversity
        self.reconstructionRMSE = reconstructionRMSE
        self.seconds = seconds
    }

    /// The report as pretty-printed JSON with snake_case keys in a fixed order (`mean_swd`,
    /// `reconstruction_rmse`, `start_scale`, …), ending in a newline.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }

    /// Reads a report written by `json()`.
    public static func decode(json: String) throws -> QualityReport {
        try JSONDecoder().decode(QualityReport.self, from: Data(json.utf8))
    }
}
