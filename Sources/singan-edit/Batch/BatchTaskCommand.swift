import ArgumentParser
import Foundation
import SinGANBatch

/// `singan-edit batch task DIR --index I`: what one Slurm array task runs (hidden from help).
struct BatchTaskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "task",
        abstract: "Train image INDEX of a batch, resuming its partial model (run by the Slurm job script).",
        shouldDisplay: false)

    @Argument(help: ArgumentHelp("The batch folder.", valueName: "dir"))
    var folder: String

    @Option(help: "The image's index in batch.json ($SLURM_ARRAY_TASK_ID).")
    var index: Int

    func run() throws {
        try CommandFailure.report {
            let layout = BatchLayout(folder: folder)
            let manifest = try BatchManifest.read(layout)
            guard manifest.images.indices.contains(index) else {
                throw CommandFailure("--index \(index) is outside 0–\(manifest.images.count - 1), the images of \(layout.manifest)")
            }
            let name = manifest.images[index].name
            say("task \(index): \(name) → \(layout.model(name)) (log: \(layout.log(name)))")
            switch ModelTraining.run(index: index, manifest: manifest, layout: layout, extraOptions: Self.threadOptions(manifest)) {
            case .alreadyDone: say("task \(index): \(name) is done already")
            case let .trained(seconds, resumed):
                say("task \(index): \(name) \(resumed ? "resumed and trained" : "trained") in \(TrainingProgress.duration(seconds))")
            case let .failed(message): throw CommandFailure("\(name): \(message) (log: \(layout.log(name)))")
            case let .interrupted(signal):
                say("task \(index): \(name) interrupted; its progress is saved and the next run resumes it")
                throw ExitCode(128 + signal)
            }
        }
    }

    /// One line on stdout, written at once (Slurm's output file is not a terminal, and `print` would
    /// hold it back until the training ends).
    private func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// `--threads $SLURM_CPUS_PER_TASK` unless the batch's options set the threads.
    static func threadOptions(_ manifest: BatchManifest) -> [String] {
        let given = (manifest.trainOptions + manifest.images.flatMap(\.options)).contains { $0 == "--threads" || $0.hasPrefix("--threads=") }
        guard !given, let cpus = ProcessInfo.processInfo.environment["SLURM_CPUS_PER_TASK"].flatMap(Int.init), cpus >= 1 else { return [] }
        return ["--threads", String(min(cpus, 64))]
    }
}
