import ArgumentParser
import Foundation
import SinGANBatch
import SinGANRuntime

/// `singan-edit batch train LIST -o DIR [--local | --slurm [--dry-run]] [train options]`.
struct BatchTrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a model for every image of a folder, a file of paths or a CSV list.",
        discussion: """
            --local trains the images one after another on this machine; --slurm submits a Slurm \
            job array with one task per image that saves and requeues itself when it is preempted \
            or near its time limit, and resumes where it stopped. Running the same command again \
            skips the finished models and continues the others. A CSV list has a header with the \
            column image and, optionally, family, profile, max_size, iterations and seed for that image.

            Examples:
              singan-edit batch train photos/ -o runs/a --max-size 128
              singan-edit batch train set.csv -o runs/b --slurm --time 4:00:00
            """)

    enum Where: String, EnumerableFlag {
        case local, slurm
        static func help(for value: Where) -> ArgumentHelp? {
            switch value {
            case .local: "Train here, one image after another."
            case .slurm: "Submit a Slurm job array, one task per image not trained yet."
            }
        }
    }

    @Argument(help: ArgumentHelp("A folder of images, a file of image paths (one per line) or a .csv list.", valueName: "list"))
    var list: String

    @Option(name: [.short, .customLong("output")],
            help: ArgumentHelp("The batch folder (batch.json, models/NAME.sgn, logs/NAME.log).", valueName: "dir"))
    var output: String

    @Flag var place: Where = .local

    @Flag(help: "With --slurm: write and print the job script without submitting it.")
    var dryRun = false

    @Option(help: "With --slurm: CPUs per task, also the training's threads (default 2).")
    var cpusPerTask: Int?
    @Option(help: "With --slurm: memory per task, e.g. 1G (see Docs/cluster.md).")
    var mem: String?
    @Option(help: "With --slurm: time limit per task, e.g. 4:00:00; 2 minutes before it the task saves and requeues.")
    var time: String?
    @Option(help: "With --slurm: the partition.")
    var partition: String?
    @Option(name: .customLong("sbatch"), help: ArgumentHelp("With --slurm: another sbatch option, e.g. --sbatch=--account=proj1 (repeatable).",
                                                            valueName: "option"))
    var sbatchOptions: [String] = []

    @Argument(parsing: .allUnrecognized,
              help: ArgumentHelp("Options for every training, as for 'singan-edit train' (--max-size, --iterations, --seed, --profile, --threads, …).",
                                 valueName: "train-options"))
    var trainOptions: [String] = []

    /// Options that belong to the batch, not to one training.
    static let batchOwnedOptions = ["-o", "--output", "--resume", "--force", "--quiet"]

    func validate() throws {
        if place == .local {
            let slurmOnly = [("--dry-run", dryRun), ("--cpus-per-task", cpusPerTask != nil), ("--mem", mem != nil),
                             ("--time", time != nil), ("--partition", partition != nil), ("--sbatch", !sbatchOptions.isEmpty)]
            if let given = slurmOnly.first(where: \.1) { throw ValidationError("\(given.0) needs --slurm.") }
        }
        if let cpusPerTask, !(1...ThreadOption.maximum).contains(cpusPerTask) {
            throw ValidationError("--cpus-per-task must be 1–\(ThreadOption.maximum) (got \(cpusPerTask)).")
        }
        for word in trainOptions {
            let name = word.split(separator: "=", maxSplits: 1).first.map(String.init) ?? word
            if Self.batchOwnedOptions.contains(name) {
                throw ValidationError("\(name) is not an option of batch training: the batch writes DIR/models/NAME.sgn, continues unfinished models itself and logs to DIR/logs.")
            }
        }
    }

    func run() throws {
        try CommandFailure.report {
            let images = try ImageList.read(list)
            let manifest = BatchManifest(trainOptions: trainOptions, images: images)
            let layout = BatchLayout(folder: output)
            try Self.checkTrainArguments(manifest, layout: layout)
            try manifest.save(layout)
            switch place {
            case .local: try LocalBatch.train(manifest, layout: layout)
            case .slurm: try submit(manifest, layout: layout)
            }
        }
    }

    /// Parses every image's `train` command line as `train` would, so a bad option fails now, in
    /// one line naming the list line it came from, rather than in every task.
    static func checkTrainArguments(_ manifest: BatchManifest, layout: BatchLayout) throws {
        for index in manifest.images.indices {
            do {
                _ = try TrainCommand.parse(manifest.trainArguments(index, layout: layout))
            } catch {
                let message = CommandRouting.oneLine(TrainCommand.message(for: error))
                let image = manifest.images[index]
                throw CommandFailure(image.options.isEmpty ? message : "\(image.source): \(message)")
            }
        }
    }

    /// Writes the job script for the unfinished models and submits it (or prints it).
    func submit(_ manifest: BatchManifest, layout: BatchLayout) throws {
        let statuses = manifest.images.map { ModelStatus.read($0, layout: layout) }
        let todo = statuses.indices.filter { statuses[$0].state != .done && statuses[$0].state != .running }
        let skipped = manifest.images.count - todo.count
        guard !todo.isEmpty else {
            note("all \(manifest.images.count) models are done or running; nothing to submit (see 'singan-edit batch status \(output)').")
            return
        }
        var script = SlurmJobScript(executable: try Self.executablePath(), batchFolder: ImageList.absolutePath(output), indices: todo)
        script.jobName = "singan-" + ImageList.lastComponent(script.batchFolder)
        script.cpusPerTask = cpusPerTask ?? 2
        script.memory = mem
        script.timeLimit = time
        script.partition = partition
        script.extraOptions = sbatchOptions
        do {
            try FileManager.default.createDirectory(atPath: layout.slurmFolder, withIntermediateDirectories: true)
            try Data(script.text.utf8).write(to: URL(fileURLWithPath: layout.jobScript), options: .atomic)
        } catch {
            throw CommandFailure("cannot write \(layout.jobScript): \(error.localizedDescription)")
        }
        let skippedNote = skipped > 0 ? " (\(skipped) done or running, skipped)" : ""
        if dryRun {
            print(script.text, terminator: "")
            note("not submitted (--dry-run): \(todo.count) tasks\(skippedNote); submit with: sbatch \(layout.jobScript)")
            return
        }
        let job = try Sbatch.submit(layout.jobScript)
        print("submitted job array \(job): \(todo.count) tasks\(skippedNote)")
        note("watch with: singan-edit batch status \(output)")
    }

    /// This executable's absolute path, which the job script runs.
    static func executablePath() throws -> String {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        return ImageList.absolutePath(CommandLine.arguments[0])
    }
}
