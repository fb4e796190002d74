import ArgumentParser
import Foundation
import SinGANBatch
import SinGANModel

/// Trains one image of a batch in this process (exactly as `singan-edit train`, so Ctrl-C and
/// SIGTERM save a snapshot), with everything the training prints appended to the model's log.
/// A finished model is skipped and a partial one resumed.
enum ModelTraining {
    enum Outcome: Equatable {
        case alreadyDone
        /// Trained to the end in `seconds`; `resumed` when it continued a partial model.
        case trained(seconds: Double, resumed: Bool)
        case failed(message: String)
        /// Stopped by `signal` after saving what it had.
        case interrupted(signal: Int32)
    }

    /// Trains image `index` of `manifest`, adding `extraOptions` to its `train` arguments.
    static func run(index: Int, manifest: BatchManifest, layout: BatchLayout, extraOptions: [String] = []) -> Outcome {
        let image = manifest.images[index]
        let model = layout.model(image.name)
        // --threads must reach the thread pool before reading a model runs any kernel.
        if let command = try? TrainCommand.parse(manifest.trainArguments(index, layout: layout) + extraOptions) {
            try? command.threads.apply()
        }
        let exists = FileManager.default.fileExists(atPath: model)
        if exists, let trained = try? ModelArchive.read(from: model), trained.isComplete { return .alreadyDone }
        let arguments = manifest.trainArguments(index, layout: layout) + extraOptions + (exists ? ["--resume"] : [])

        let log = open(layout.log(image.name), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard log >= 0 else {
            return .failed(message: "cannot open the log \(layout.log(image.name)): \(String(cString: strerror(errno)))")
        }
        let environment = ProcessInfo.processInfo.environment
        let job = environment["SLURM_ARRAY_JOB_ID"].map { "\($0)_\(environment["SLURM_ARRAY_TASK_ID"] ?? "?")" }
        write(log, TrainingLog.attemptHeader(host: ProcessInfo.processInfo.hostName, job: job, arguments: arguments))
        let savedStandardError = dup(STDERR_FILENO)
        dup2(log, STDERR_FILENO)
        let start = Date()
        let status = train(arguments)
        let seconds = Date().timeIntervalSince(start)
        write(log, TrainingLog.exitLine(status: status, seconds: seconds))
        dup2(savedStandardError, STDERR_FILENO)
        close(savedStandardError)
        close(log)
        // The training's signal handling has ended: Ctrl-C between models stops the batch at once.
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)

        switch status {
        case 0: return .trained(seconds: seconds, resumed: exists)
        case 128 + SIGINT, 128 + SIGTERM: return .interrupted(signal: status - 128)
        default: return .failed(message: TrainingLog.lastError(at: layout.log(image.name)) ?? "exit status \(status)")
        }
    }

    /// Runs `singan-edit train arguments…` and returns its exit status.
    private static func train(_ arguments: [String]) -> Int32 {
        do {
            let command = try TrainCommand.parse(arguments)
            try command.run()
            return 0
        } catch let exit as ExitCode {
            return exit.rawValue
        } catch {
            FileHandle.standardError.write(Data("error: \(CommandRouting.oneLine(TrainCommand.message(for: error)))\n".utf8))
            return TrainCommand.exitCode(for: error).rawValue
        }
    }

    private static func write(_ descriptor: Int32, _ text: String) {
        _ = Array(text.utf8).withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
    }
}
