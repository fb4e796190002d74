import SinGANCheckpoint
import SinGANTensor

/// A model of any family as training and the model file see it: how far it is trained and how it
/// is written. `ModelArchive` reads any family back.
public protocol TrainableModel: GenerativeModel {
    /// Whether every stage is trained.
    var isComplete: Bool { get }
    /// Size of the original training image.
    var originalSize: ImageSize { get }
    /// Seconds spent on each finished stage.
    var secondsPerStage: [Double] { get }
    /// Seconds spent training so far: the finished stages and the saved part of the unfinished one.
    var trainingSeconds: Double { get }
    /// The unfinished stage's state saved in the file, if any.
    var savedSnapshot: (any TrainingSnapshot)? { get }
    /// σ of each finished stage.
    var noiseAmplitudes: [Float] { get }
    /// The ratio between the finest stage and the one below it as the family's geometry derives it.
    var derivedScaleFactor: Double { get }
    /// The training image of every stage, coarsest first, from the original `image`.
    func trainingImages(from image: Tensor) -> [Tensor]
    /// Trains the remaining stages (resuming a saved snapshot) on `image`, the original training
    /// image, with the family's trainer; false when `observer` stopped it.
    func train(on image: Tensor, observer: TrainingObserver) throws -> Bool
    /// The model as an archive, with `annotations` in the header and `inProgress` (this family's
    /// snapshot of the first unfinished stage) as a mid-stage snapshot.
    func archive(creator: String, annotations: [String: String], inProgress: (any TrainingSnapshot)?) throws -> CheckpointArchive
}

extension TrainableModel {
    /// Writes the model (and `inProgress`) to `path` atomically.
    public func write(creator: String, annotations: [String: String] = [:], inProgress: (any TrainingSnapshot)? = nil,
                      to path: String) throws {
        try CheckpointWriter.write(try archive(creator: creator, annotations: annotations, inProgress: inProgress), to: path)
    }
}

extension TrainedPyramid: TrainableModel {
    public var secondsPerStage: [Double] { secondsPerScale }
    public var savedSnapshot: (any TrainingSnapshot)? { inProgress }
    public var noiseAmplitudes: [Float] { scales.map(\.noiseAmplitude) }
    public var derivedScaleFactor: Double { geometry.scaleFactor }
    public func trainingImages(from image: Tensor) -> [Tensor] { geometry.reals(from: image) }
    public func train(on image: Tensor, observer: TrainingObserver) throws -> Bool {
        try Trainer().train(self, image: image, observer: observer)
    }

    public func archive(creator: String, annotations: [String: String], inProgress: (any TrainingSnapshot)?) throws -> CheckpointArchive {
        precondition(inProgress == nil || inProgress is ScaleSnapshot, "a SinGAN model takes a ScaleSnapshot")
        return try PyramidArchive.archive(self, creator: creator, annotations: annotations, inProgress: inProgress as? ScaleSnapshot)
    }
}

extension TrainedGrowingModel: TrainableModel {
    public var trainingSeconds: Double { secondsPerStage.reduce(0, +) + (inProgress?.seconds ?? 0) }
    public var savedSnapshot: (any TrainingSnapshot)? { inProgress }
    public var derivedScaleFactor: Double { stages.scaleFactor }
    public func trainingImages(from image: Tensor) -> [Tensor] { stages.reals(from: image) }
    public func train(on image: Tensor, observer: TrainingObserver) throws -> Bool {
        try GrowingTrainer().train(self, image: image, observer: observer)
    }

    public func archive(creator: String, annotations: [String: String], inProgress: (any TrainingSnapshot)?) throws -> CheckpointArchive {
        precondition(inProgress == nil || inProgress is GrowingSnapshot, "a ConSinGAN model takes a GrowingSnapshot")
        return try GrowingArchive.archive(self, creator: creator, annotations: annotations, inProgress: inProgress as? GrowingSnapshot)
    }
}
