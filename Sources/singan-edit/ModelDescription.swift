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
    let family: String
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

    init(_ model: any TrainableModel, summary: CheckpointSummary, path: String, annotations: [String: String] = [:]) {
        let c = model.config, sizes = model.stageSizes, finest = sizes[sizes.count - 1]
        file = path
        fileBytes = summary.fileSize
        format = ".sgn \(summary.version)"
        family = model.family.rawValue
        creator = summary.creator
        profile = model.profile.name
        imageSize = [model.originalSize.width, model.originalSize.height]
        trainedSize = [finest.width, finest.height]
        scaleCount = sizes.count
        trainedScales = model.trainedStageCount
        complete = model.isComplete
        scaleFactor = model.derivedScaleFactor
        nominalScaleFactor = c.scaleFactor
        self.annotations = annotations.isEmpty ? nil : annotations
        training = Training(iterations: c.iterations, alpha: Double(c.alpha),
                            generatorLearningRate: Double(c.generatorLearningRate),
                            discriminatorLearningRate: Double(c.discriminatorLearningRate),
                            minSize: c.minSize, maxSize: c.maxSize, seed: c.seed,
                            seconds: model.trainingSeconds)
        snapshot = model.savedSnapshot.map {
            Snapshot(scale: $0.stageIndex, iterationsDone: $0.iterationsDone, iterations: c.iterations, seconds: $0.seconds)
        }
        scales = sizes.enumerated().map { n, size in
            let trained = n < model.trainedStageCount
            return Scale(index: n, size: [size.width, size.height], channels: model.generatorWidth(at: n), trained: trained,
                         noiseAmplitude: trained ? Double(model.noiseAmplitudes[n]) : nil,
                         seconds: trained && n < model.secondsPerStage.count ? model.secondsPerStage[n] : nil)
        }
    }

    /// Pretty-printed JSON with sorted keys and a final newline.
    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }
}
