import Foundation
import SinGANCheckpoint
import SinGANModel

/// What `info --json` prints: the facts of the text report as one JSON object (sizes as
/// `[width, height]`, times in seconds, `null` for what is not trained yet).
struct ModelDescription: Encodable {
    struct Training: Encodable {
        let iterations: Int
        let alpha: Double
        let generatorLearningRate: Double
        let discriminatorLearningRate: Double
        let minSize: Int
        let maxSize: Int
        let seed: UInt64
        let seconds: Double
    }

    struct Scale: Encodable {
        let index: Int
        let size: [Int]
        let channels: Int
        let trained: Bool
        let noiseAmplitude: Double?
        let seconds: Double?
    }

    /// The unfinished scale saved as a mid-scale snapshot.
    struct Snapshot: Encodable {
        let scale: Int
        let iterationsDone: Int
        let iterations: Int
        let seconds: Double
    }

    let file: String
    let fileBytes: UInt64
    let format: String
    let creator: String
    let profile: String
    let imageSize: [Int]
    let trainedSize: [Int]
    let scaleCount: Int
    let trainedScales: Int
    let complete: Bool
    let scaleFactor: Double
    let nominalScaleFactor: Double
    let training: Training
    let scales: [Scale]
    let snapshot: Snapshot?
    /// The header's notes (e.g. `imported.from`), omitted when there are none.
    let annotations: [String: String]?

    init(_ pyramid: TrainedPyramid, summary: CheckpointSummary, path: String, annotations: [String: String] = [:]) {
        let c = pyramid.config, g = pyramid.geometry
        file = path
        fileBytes = summary.fileSize
        format = ".sgn \(summary.version)"
        creator = summary.creator
        profile = pyramid.profile.name
        imageSize = [g.imageSize.width, g.imageSize.height]
        trainedSize = [g.finestSize.width, g.finestSize.height]
        scaleCount = pyramid.scaleCount
        trainedScales = pyramid.scales.count
        complete = pyramid.isComplete
        scaleFactor = g.scaleFactor
        nominalScaleFactor = c.scaleFactor
        self.annotations = annotations.isEmpty ? nil : annotations
        training = Training(iterations: c.iterations, alpha: Double(c.alpha),
                            generatorLearningRate: Double(c.generatorLearningRate),
                            discriminatorLearningRate: Double(c.discriminatorLearningRate),
                            minSize: c.minSize, maxSize: c.maxSize, seed: c.seed,
                            seconds: pyramid.trainingSeconds)
        snapshot = pyramid.inProgress.map {
            Snapshot(scale: $0.scaleIndex, iterationsDone: $0.iterationsDone, iterations: c.iterations, seconds: $0.seconds)
        }
        scales = g.levelSizes.enumerated().map { n, size in
            let trained = n < pyramid.scales.count
            return Scale(index: n, size: [size.width, size.height], channels: c.width(atScale: n), trained: trained,
                         noiseAmplitude: trained ? Double(pyramid.scales[n].noiseAmplitude) : nil,
                         seconds: trained && n < pyramid.secondsPerScale.count ? pyramid.secondsPerScale[n] : nil)
        }
    }

    /// Pretty-printed JSON with sorted keys and a final newline.
    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }
}
