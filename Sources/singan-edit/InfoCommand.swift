import ArgumentParser
import Foundation
import SinGANCheckpoint
import SinGANModel

/// `singan-edit info m.sgn`: what a model file holds.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Describe a .sgn model: format, creator, scales, training settings and time.")

    @Argument(help: "The model file (.sgn).")
    var model: String

    @Flag(help: "Print the description as JSON.")
    var json = false

    func run() throws {
        try CommandFailure.report {
            let summary = try CheckpointReader.readHeader(path: model)
            let read = try ModelArchive.read(from: model)
            let annotations = try PyramidArchive.annotations(at: model)
            print(json ? try ModelDescription(read, summary: summary, path: model, annotations: annotations).json()
                       : Self.describe(read, summary: summary, path: model, annotations: annotations), terminator: "")
        }
    }

    static func describe(_ model: any TrainableModel, summary: CheckpointSummary, path: String,
                         annotations: [String: String] = [:]) -> String {
        let c = model.config
        let sizes = model.stageSizes, finest = sizes[sizes.count - 1], trained = model.trainedStageCount
        var lines = [
            "file:          \(path) (\(byteCount(summary.fileSize)))",
            "format:        .sgn \(summary.version), written by \(summary.creator)",
            "family:        \(model.family.displayName)\(familyDetails(model))",
            "profile:       \(model.profile.name)",
        ]
        if let source = annotations["imported.from"] {
            lines.append("imported:      from \(source), \(annotations["imported.format"] ?? "PyTorch"), "
                         + "\(annotations["imported.recipe"] ?? "default") recipe")
        }
        lines += [
            "image:         \(model.originalSize.width)×\(model.originalSize.height) px, trained at \(finest.width)×\(finest.height)",
            "scales:        \(trained) of \(sizes.count) trained\(snapshotText(model))"
                + (model.isComplete ? "" : " (resume with train --resume)"),
            model.family == .singan ? String(format: "scale factor:  %.6f (nominal %.2f)", model.derivedScaleFactor, c.scaleFactor)
                : String(format: "scale factor:  %.6f (ConSinGAN's rescaling: more stages at low resolution)", model.derivedScaleFactor),
            "training:      \(c.iterations) iterations/scale, alpha \(fmt(c.alpha)), lr G \(fmt(c.generatorLearningRate)) D \(fmt(c.discriminatorLearningRate)), "
                + "min size \(c.minSize), max size \(c.maxSize), seed \(c.seed)",
            "training time: \(duration(model.trainingSeconds))",
            "",
            "scale  size (W×H)  channels  noise amp  time",
        ]
        for (n, size) in sizes.enumerated() {
            let isTrained = n < trained
            let amplitude = isTrained ? String(format: "%9.5f", model.noiseAmplitudes[n]) : "        –"
            let snapshot = model.savedSnapshot.flatMap { $0.stageIndex == n ? $0 : nil }
            let time = isTrained && n < model.secondsPerStage.count ? duration(model.secondsPerStage[n])
                : snapshot.map { "\($0.iterationsDone) of \(c.iterations) iterations (snapshot)" } ?? "not trained"
            let sizeText = "\(size.width)×\(size.height)".padding(toLength: 10, withPad: " ", startingAt: 0)
            lines.append(String(format: "%5d  %@  %8d  %@  %@", n, sizeText, model.generatorWidth(at: n), amplitude, time))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// ", scale 4 at iteration 412 of 2000" when the file holds a mid-scale snapshot.
    static func snapshotText(_ model: any TrainableModel) -> String {
        model.savedSnapshot.map { ", scale \($0.stageIndex) at iteration \($0.iterationsDone) of \(model.config.iterations)" } ?? ""
    }

    /// ConSinGAN's own settings after its name ("" for SinGAN).
    static func familyDetails(_ model: any TrainableModel) -> String {
        guard let growing = model as? TrainedGrowingModel else { return "" }
        let s = growing.settings
        return " (\(s.stages) stages, last \(s.concurrentStages) trained together, lr scale \(fmt(s.learningRateScale)), "
            + "\(s.layersPerStage) layers per stage\(s.batchNorm ? " with BatchNorm" : ""), leaky ReLU \(fmt(s.leakySlope)))"
    }

    static func fmt(_ x: Float) -> String { String(format: "%g", Double(x)) }
    static func byteCount(_ n: UInt64) -> String {
        n >= 1 << 20 ? String(format: "%.1f MB", Double(n) / 1_048_576) : String(format: "%.1f kB", Double(n) / 1024)
    }
    static func duration(_ seconds: Double) -> String { TrainingProgress.duration(seconds) }
}
