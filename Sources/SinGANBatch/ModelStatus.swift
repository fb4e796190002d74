import Foundation
import SinGANCheckpoint
import SinGANModel

/// Where one model of a batch (of either family) stands, read from the model file itself, its writer lock and its
/// log, never from a scheduler's database.
public struct ModelStatus: Codable, Equatable, Sendable {
    /// Where a model stands.
    public enum State: String, Codable, Sendable, CaseIterable {
        /// No model file yet.
        case pending
        /// A training holds the model's writer lock.
        case running
        /// Partly trained and not running: the next `batch train` or Slurm restart resumes it.
        case partial
        /// The last attempt ended with an error (see `error` and the log).
        case failed
        /// Every scale trained.
        case done
    }

    /// The image's name, and the path of its model.
    public let name: String
    public let model: String
    public let state: State
    /// Scales finished and in the whole pyramid (nil before the model file exists).
    public let scalesDone: Int?
    public let scaleCount: Int?
    /// Iterations of the unfinished scale saved in a mid-scale snapshot, and per scale.
    public let iterationsDone: Int?
    public let iterationsPerScale: Int?
    /// The last attempt's error message, when it failed.
    public let error: String?

    public init(name: String, model: String, state: State, scalesDone: Int? = nil, scaleCount: Int? = nil,
                iterationsDone: Int? = nil, iterationsPerScale: Int? = nil, error: String? = nil) {
        self.name = name
        self.model = model
        self.state = state
        self.scalesDone = scalesDone
        self.scaleCount = scaleCount
        self.iterationsDone = iterationsDone
        self.iterationsPerScale = iterationsPerScale
        self.error = error
    }

    /// The status of `image`'s model in `layout`.
    public static func read(_ image: BatchImage, layout: BatchLayout) -> ModelStatus {
        let path = layout.model(image.name)
        let running = WriterLock.isHeld(for: path)
        let lastError = running ? nil : TrainingLog.lastError(at: layout.log(image.name))
        guard FileManager.default.fileExists(atPath: path) else {
            return ModelStatus(name: image.name, model: path, state: running ? .running : lastError != nil ? .failed : .pending,
                               error: lastError)
        }
        let model: any TrainableModel
        do {
            model = try ModelArchive.read(from: path)
        } catch {
            return ModelStatus(name: image.name, model: path, state: running ? .running : .failed,
                               error: running ? nil : lastError ?? "the model cannot be read: \(error)")
        }
        let state: State = running ? .running : model.isComplete ? .done : lastError != nil ? .failed : .partial
        return ModelStatus(name: image.name, model: path, state: state, scalesDone: model.trainedStageCount,
                           scaleCount: model.stageSizes.count, iterationsDone: model.savedSnapshot?.iterationsDone,
                           iterationsPerScale: model.config.iterations, error: state == .failed ? lastError : nil)
    }
}
