/// Where a batch keeps its files, all under one output folder:
///
///     DIR/batch.json           the images and options (written by `batch train`)
///     DIR/models/NAME.sgn      one model per image
///     DIR/logs/NAME.log        everything its trainings printed, one section per attempt
///     DIR/slurm/train.sbatch   the job script (`--slurm`), and Slurm's output per task
public struct BatchLayout: Sendable {
    /// The output folder.
    public let folder: String

    public init(folder: String) {
        self.folder = folder.count > 1 && folder.hasSuffix("/") ? String(folder.dropLast()) : folder
    }

    /// `DIR/batch.json`.
    public var manifest: String { folder + "/batch.json" }
    /// `DIR/models`, `DIR/logs` and `DIR/slurm`.
    public var modelFolder: String { folder + "/models" }
    public var logFolder: String { folder + "/logs" }
    public var slurmFolder: String { folder + "/slurm" }
    /// `DIR/slurm/train.sbatch`.
    public var jobScript: String { slurmFolder + "/train.sbatch" }

    /// The model of the image named `name`: `DIR/models/NAME.sgn`.
    public func model(_ name: String) -> String { modelFolder + "/" + name + ".sgn" }
    /// Its log: `DIR/logs/NAME.log`.
    public func log(_ name: String) -> String { logFolder + "/" + name + ".log" }
}
