import ArgumentParser

/// `singan-edit batch`: many trainings, on this machine or as a Slurm job array (Docs/cluster.md).
struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Train and evaluate a model per image: here, or as a Slurm job array.",
        discussion: """
            A batch folder holds batch.json (the images and options), models/NAME.sgn and \
            logs/NAME.log. 'batch train' trains every image (again: continues the unfinished \
            ones), 'batch status' reads where each model stands from the models themselves, \
            'batch evaluate' measures every finished model. See Docs/cluster.md.
            """,
        subcommands: [BatchTrainCommand.self, BatchStatusCommand.self, BatchEvaluateCommand.self, BatchTaskCommand.self])
}
