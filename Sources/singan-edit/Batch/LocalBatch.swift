import ArgumentParser
import Foundation
import SinGANBatch

/// `batch train --local`: the images one after another, one line per model.
enum LocalBatch {
    static func train(_ manifest: BatchManifest, layout: BatchLayout) throws {
        let isTerminal = isatty(STDERR_FILENO) != 0
        let count = manifest.images.count
        var failed: [String] = []
        for (index, image) in manifest.images.enumerated() {
            let label = "[\(index + 1)/\(count)] \(image.name)"
            let live = isTerminal ? LiveLogLine(label: label, log: layout.log(image.name)) : nil
            let outcome = ModelTraining.run(index: index, manifest: manifest, layout: layout)
            live?.stop()
            let result: String
            switch outcome {
            case .alreadyDone: result = "done already, skipped"
            case let .trained(seconds, resumed):
                result = "\(resumed ? "resumed and trained" : "trained") in \(TrainingProgress.duration(seconds)): \(layout.model(image.name))"
            case let .failed(message):
                result = "failed: \(message) (log: \(layout.log(image.name)))"
                failed.append(image.name)
            case let .interrupted(signal):
                note("\(label): interrupted; its progress is saved in \(layout.model(image.name)).")
                note("to continue the batch, run the same 'singan-edit batch train' command again.")
                throw ExitCode(128 + signal)
            }
            note("\(label): \(result)")
        }
        guard failed.isEmpty else {
            throw CommandFailure("\(failed.count) of \(count) trainings failed (\(failed.joined(separator: ", "))); "
                                 + "see their logs in \(layout.logFolder) and 'singan-edit batch status \(layout.folder)'")
        }
        note("all \(count) models are trained; measure them with: singan-edit batch evaluate \(layout.folder)")
    }
}
