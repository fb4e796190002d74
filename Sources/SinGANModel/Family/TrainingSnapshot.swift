/// A stage in the middle of its training, as a trainer hands it to its observer for a mid-stage
/// save: each family has its own (`ScaleSnapshot`, `GrowingSnapshot`).
public protocol TrainingSnapshot {
    /// The stage being trained; always the first unfinished one.
    var stageIndex: Int { get }
    /// Iterations finished so far in that stage.
    var iterationsDone: Int { get }
    /// Wall-clock seconds spent on the stage so far (over every run that trained it).
    var seconds: Double { get set }
}

extension ScaleSnapshot: TrainingSnapshot {
    public var stageIndex: Int { scaleIndex }
}
