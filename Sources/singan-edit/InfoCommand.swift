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
            let pyramid = try PyramidArchive.read(from: model)
            let annotations = try PyramidArchive.annotations(at: model)
            print(json ? try ModelDescription(pyramid, summary: summary, path: model, annotations: annotations).json()
                       : Self.describe(pyramid, summary: summary, path: model, annotations: annotations), terminator: "")
        }
    }

    static func describe(_ pyramid: TrainedPyramid, summary: CheckpointSummary, path: String,
                         annotations: [String: String] = [:]) -> String {
        let c = pyramid.config
        let g = pyramid.geometry
        var lines = [
            "file:          \(path) (\(byteCount(summary.fileSize)))",
            "format:        .sgn \(summary.version), written by \(summary.creator)",
            "profile:       \(pyramid.profile.name)",
        ]
        if let source = annotations["imported.from"] {
            lines.append("imported:      from \(source), \(annotations["imported.format"] ?? "PyTorch"), "
                         + "\(annotations["imported.recipe"] ?? "default") recipe")
        }
        lines += [
            "image:         \(g.imageSize.width)×\(g.imageSize.height) px, trained at \(g.finestSize.width)×\(g.finestSize.height)",
            "scales:        \(pyramid.scales.count) of \(pyramid.scaleCount) trained\(snapshotText(pyramid))"
                + (pyramid.isComplete ? "" : " (resume with train --resume)"),
            String(format: "scale factor:  %.6f (nominal %.2f)", g.scaleFactor, c.scaleFactor),
            "training:      \(c.iterations) iterations/scale, alpha \(fmt(c.alpha)), lr G \(fmt(c.generatorLearningRate)) D \(fmt(c.discriminatorLearningRate)), "
                + "min size \(c.minSize), max size \(c.maxSize), seed \(c.seed)",
            "training time: \(duration(pyramid.trainingSeconds))",
            "",
            "scale  size (W×H)  channels  noise amp  time",
        ]
        for (n, size) in g.levelSizes.enumerated() {
            let trained = n < pyramid.scales.count
            let amplitude = trained ? String(format: "%9.5f", pyramid.scales[n].noiseAmplitude) : "        –"
            let snapshot = pyramid.inProgress.flatMap { $0.scaleIndex == n ? $0 : nil }
            let time = trained && n < pyramid.secondsPerScale.count ? duration(pyramid.secondsPerScale[n])
                : snapshot.map { "\($0.iterationsDone) of \(c.iterations) iterations (snapshot)" } ?? "not trained"
            let sizeText = "\(size.width)×\(size.height)".padding(toLength: 10, withPad: " ", startingAt: 0)
            lines.append(String(format: "%5d  %@  %8d  %@  %@", n, sizeText, c.width(atScale: n), amplitude, time))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// ", scale 4 at iteration 412 of 2000" when the file holds a mid-scale snapshot.
    static func snapshotText(_ pyramid: TrainedPyramid) -> String {
        pyramid.inProgress.map { ", scale \($0.scaleIndex) at iteration \($0.iterationsDone) of \(pyramid.config.iterations)" } ?? ""
    }

    static func fmt(_ x: Float) -> String { String(format: "%g", Double(x)) }
    static func byteCount(_ n: UInt64) -> String {
        n >= 1 << 20 ? String(format: "%.1f MB", Double(n) / 1_048_576) : String(format: "%.1f kB", Double(n) / 1024)
    }
    static func duration(_ seconds: Double) -> String { TrainingProgress.duration(seconds) }
}
