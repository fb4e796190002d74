import ArgumentParser
import Foundation
import SinGANCheckpoint
import SinGANModel
import SinGANRuntime
import SinGANTensor

/// `singan-edit train IMAGE -o m.sgn`: learn a pyramid from one image.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a SinGAN pyramid (or a ConSinGAN model) on one image and save it as a .sgn model.",
        discussion: """
            Defaults are the official SinGAN recipe; --family consingan trains a ConSinGAN model with \
            the official ConSinGAN defaults instead (6 stages, the last 3 trained together: a usable \
            model in a fraction of the time). The model is saved after every finished scale, \
            every --snapshot-every minutes in the middle of a scale, and on Ctrl-C or SIGTERM, so an \
            interrupted run (Ctrl-C, preemption, crash) continues with --resume. --force keeps the \
            model it replaces as NAME.previous.sgn until the new training is complete.
            """)

    @Argument(help: "The training image (any format libvips reads).")
    var image: String

    @Option(name: [.short, .customLong("output")], help: "Where to write the model (.sgn).")
    var output: String

    @Option(help: "Model family: singan (the official SinGAN recipe) or consingan (ConSinGAN: one growing generator).")
    var family: ModelFamily = .singan
    @Option(help: "ConSinGAN only: number of stages (3–64).")
    var stages: Int = GrowingSettings().stages
    @Flag(help: "ConSinGAN only: BatchNorm in the generator's blocks (official --batch_norm; keeps mostly dark images from collapsing, Docs/evaluation.md).")
    var batchNorm = false
    @Option(help: "Training profile: default, animation (noise padding; min size 20) or super-resolution (SinGAN only).")
    var profile: ProfileName = .default

    @Option(help: "Longest side of the finest scale in pixels.")
    var maxSize: Int = 250
    @Option(help: "Shortest side of the coarsest scale in pixels (profile may override).")
    var minSize: Int?
    @Option(help: "Nominal ratio between scales, re-derived to fit the image.")
    var scaleFactor: Double = 0.75
    @Option(help: "Training iterations per scale.")
    var iterations: Int = 2000
    @Option(help: "Weight of the reconstruction loss (profile may override).")
    var alpha: Float?
    @Option(name: .customLong("lr-g"), help: "Generator learning rate.")
    var generatorLearningRate: Float = 0.0005
    @Option(name: .customLong("lr-d"), help: "Discriminator learning rate.")
    var discriminatorLearningRate: Float = 0.0005
    @Option(help: "Random seed (initialisation and noise).")
    var seed: UInt64 = 1
    @Flag(help: "Continue the interrupted training stored in the output file.")
    var resume = false
    @Flag(help: "Replace an existing output file (kept as NAME.previous.sgn until the new model is complete).")
    var force = false
    @Option(help: "Minutes between mid-scale snapshots of the unfinished scale.")
    var snapshotEvery: Double = 3
    @Option(help: "Folder for a sheet of samples after every finished scale (scale-01.png, …).")
    var preview: String?
    @Flag(help: "Print nothing but errors.")
    var quiet = false
    @Option(name: .customLong("progress"), help: "Progress as text lines on stderr, or jsonl: one JSON object a line on stdout.")
    var progressFormat: ProgressFormat = .text
    @OptionGroup var threads: ThreadOption

    func validate() throws {
        guard maxSize >= 8 else { throw ValidationError("--max-size must be at least 8 (got \(maxSize)).") }
        if let minSize, minSize < 5 { throw ValidationError("--min-size must be at least 5 (got \(minSize)).") }
        guard scaleFactor > 0 && scaleFactor < 1 else {
            throw ValidationError("--scale-factor must be between 0 and 1 (got \(scaleFactor)).")
        }
        guard iterations >= 1 else { throw ValidationError("--iterations must be at least 1 (got \(iterations)).") }
        guard generatorLearningRate > 0, discriminatorLearningRate > 0 else {
            throw ValidationError("learning rates must be positive.")
        }
        guard output.hasSuffix(".sgn") else { throw ValidationError("the output must end in .sgn (got \(output)).") }
        if resume && force { throw ValidationError("--resume and --force exclude each other.") }
        guard GrowingSettings.stageRange.contains(stages) else {
            throw ValidationError("--stages must be \(GrowingSettings.stageRange.lowerBound)–\(GrowingSettings.stageRange.upperBound) (got \(stages)).")
        }
        if family == .consingan {
            if profile == .superResolution {
                throw ValidationError("--profile super-resolution is for SinGAN models; ConSinGAN has default and animation.")
            }
            if scaleFactor != 0.75 { throw ValidationError("--scale-factor is for SinGAN models; ConSinGAN derives its own from --stages.") }
        } else if stages != GrowingSettings().stages {
            throw ValidationError("--stages is for ConSinGAN models (--family consingan); SinGAN derives its scales from --scale-factor.")
        } else if batchNorm {
            throw ValidationError("--batch-norm is for ConSinGAN models (--family consingan); SinGAN's blocks always have BatchNorm.")
        }
        guard snapshotEvery > 0, snapshotEvery.isFinite else {
            throw ValidationError("--snapshot-every must be a positive number of minutes (got \(snapshotEvery)).")
        }
    }

    var config: TrainingConfig {
        var config = TrainingConfig()
        config.maxSize = maxSize
        if let minSize { config.minSize = minSize }
        config.scaleFactor = scaleFactor
        config.iterations = iterations
        if let alpha { config.alpha = alpha }
        config.generatorLearningRate = generatorLearningRate
        config.discriminatorLearningRate = discriminatorLearningRate
        config.seed = seed
        return config
    }

    func run() throws {
        try CommandFailure.report {
            try threads.apply()
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory), isDirectory.boolValue {
                throw CommandFailure("\(output) is a folder; give the model a file name ending in .sgn.")
            }
            // One writer per model: taken before the model is read (--resume) or replaced.
            var lock: WriterLock?
            defer { lock?.release() }
            func takeLock() throws {
                lock = try WriterLock(for: output, command: "train " + CommandLine.arguments.dropFirst(2).joined(separator: " "))
            }
            if resume { try takeLock() }
            // On --resume the image is loaded as for the saved model (its --max-size may differ).
            let saved = resume ? try ModelArchive.read(from: output) : nil
            let picture = try TrainingImage.load(image, maxSize: saved?.config.maxSize ?? maxSize) {
                if !quiet { note($0) }
            }
            let model: any TrainableModel
            var replaced: ReplacedModel?
            if let saved {
                model = saved
                try TrainingImage.checkMatches(model, image: picture, path: image)
                if !quiet {
                    note("resuming \(output): \(Self.describeProgress(model)).")
                    let ignored = ignoredOnResume(saved: model)
                    if !ignored.isEmpty {
                        note("--resume continues with the settings saved in \(output); ignored: \(ignored.joined(separator: ", ")).")
                    }
                }
            } else {
                try OutputFolder.create(for: output)
                try takeLock()
                if FileManager.default.fileExists(atPath: output) && !force {
                    throw CommandFailure("\(output) already exists; use --resume to continue it or --force to replace it.")
                }
                model = try prepareModel(picture)
                replaced = try ReplacedModel.setAside(output)
                do {
                    // Saved before any scale is trained, so --resume works however early training stops.
                    try model.write(creator: CreatorVersion.string, to: output)
                } catch {
                    replaced?.restore(to: output)
                    throw error
                }
                if !quiet {
                    let finest = model.stageSizes[model.stageSizes.count - 1]
                    note("\(model.family.displayName): \(model.stageSizes.count) scales, factor \(String(format: "%.4f", model.derivedScaleFactor)), finest \(finest.width)×\(finest.height) (W×H).")
                    if let replaced { note("the model this run replaces is kept as \(replaced.backupPath) until it is complete.") }
                }
            }
            let interruption = InterruptFlag()
            let signalSources = InterruptHandler.install(interruption)
            defer { signalSources.forEach { $0.cancel() } }
            let progress = TrainingProgress(quiet: quiet || progressFormat == .jsonl, interruption: interruption,
                                            snapshotInterval: snapshotEvery * 60,
                                            timeLeft: TrainingTimeLeft(model: model, iterationsPerStage: model.config.iterations)) { snapshot in
                try model.write(creator: CreatorVersion.string, inProgress: snapshot, to: output)
            }
            let lines = progressFormat == .jsonl ? ProgressLines(progress) : nil
            var observer: TrainingObserver = lines ?? progress
            if let preview { observer = try TrainingPreview(observer, folder: preview) }
            if !quiet {
                // With --progress jsonl the warning is a line of the progress stream (the studio shows it).
                observer = lines.map { lines in CollapseWarning(observer) { lines.warning(scale: $0, message: $1) } }
                    ?? CollapseWarning(observer)
            }
            if try model.train(on: picture, observer: observer) {
                replaced?.discard()
                if !quiet { note("saved \(output).") }
                let leftover = ReplacedModel.backupPath(for: output)
                if replaced == nil, FileManager.default.fileExists(atPath: leftover) {
                    note("\(leftover) holds the model an earlier --force run replaced; delete it if you no longer need it.")
                }
            } else {
                let kept = progress.savedSnapshot.map { " and \($0.iterations) of \(model.config.iterations) iterations of scale \($0.scale + 1)" } ?? ""
                note("interrupted: \(model.trainedStageCount) of \(model.stageSizes.count) scales\(kept) are saved in \(output). "
                     + "Continue with: singan-edit train \(image) -o \(output) --resume")
                throw ExitCode(128 + (interruption.signal ?? SIGINT))
            }
        }
    }

    /// A new model of the chosen family for `picture`.
    func prepareModel(_ picture: Tensor) throws -> any TrainableModel {
        switch family {
        case .singan:
            return try Trainer().prepare(image: picture, config: config, profile: profile.profile)
        case .consingan:
            var settings = GrowingSettings()
            settings.stages = stages
            settings.batchNorm = batchNorm
            // ConSinGAN's animation mode: min size 20 (the profile) and noise as stage 0's reconstruction input.
            settings.reconstructsFromNoise = profile == .animation
            return try GrowingTrainer().prepare(image: picture, config: config, settings: settings, profile: profile.profile)
        }
    }

    /// "3 of 8 scales done" (", and 412 of 2000 iterations of scale 4").
    static func describeProgress(_ model: any TrainableModel) -> String {
        let snapshot = model.savedSnapshot.map {
            ", and \($0.iterationsDone) of \(model.config.iterations) iterations of scale \($0.stageIndex + 1)"
        } ?? ""
        return "\(model.trainedStageCount) of \(model.stageSizes.count) scales done\(snapshot)"
    }
}

/// The `--profile` choices.
enum ProfileName: String, ExpressibleByArgument, CaseIterable {
    case `default`, animation, superResolution = "super-resolution"

    var profile: TrainingProfile {
        switch self {
        case .default: .standard
        case .animation: .animation
        case .superResolution: .superResolution
        }
    }
}

extension ModelFamily: ExpressibleByArgument {}
