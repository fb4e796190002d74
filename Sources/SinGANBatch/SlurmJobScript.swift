import Foundation

/// The `sbatch` script of a batch: a job array with one task per unfinished image.
///
/// Each task runs `singan-edit batch task DIR --index $SLURM_ARRAY_TASK_ID`, which trains that
/// image or resumes its partial model. Preemption-safe:
/// - `--requeue`: a task that Slurm preempts, requeues or loses with its node is queued again,
///   and resumes when it restarts.
/// - Slurm signals every process of a cancelled or requeued job with SIGTERM; the training saves
///   its unfinished scale and exits 143. The script's `TERM` trap only waits for it (forwarding
///   the signal would be a second SIGTERM, which makes the training quit without saving).
/// - `--signal=B:USR1@SECONDS`: before the time limit Slurm sends USR1 to the script alone,
///   which sends SIGTERM to the training, waits for it to save, and requeues the task.
/// - `--open-mode=append`: a restarted task appends to its output file.
public struct SlurmJobScript: Equatable, Sendable {
    /// The `singan-edit` executable the tasks run (an absolute path every node can reach).
    public var executable: String
    /// The batch folder (absolute, on a file system every node shares).
    public var batchFolder: String
    /// The array indices to run (the images not trained yet).
    public var indices: [Int]
    public var jobName = "singan-batch"
    public var cpusPerTask = 2
    /// `--mem` (e.g. "1G"), `--time` (e.g. "4:00:00") and `--partition`, when given.
    public var memory: String?
    public var timeLimit: String?
    public var partition: String?
    /// Other `#SBATCH` options, e.g. "--account=proj1".
    public var extraOptions: [String] = []
    /// How long before the time limit the task saves and requeues itself.
    public var signalSeconds = 120

    public init(executable: String, batchFolder: String, indices: [Int]) {
        self.executable = executable
        self.batchFolder = batchFolder
        self.indices = indices
    }

    /// `0-2`, `0,2,5-7`: the indices as Slurm's array ranges.
    public static func arraySpecification(_ indices: [Int]) -> String {
        var ranges: [String] = []
        var start: Int?, previous: Int?
        for index in indices.sorted() + [Int.min] {
            if let last = previous, index == last + 1 { previous = index; continue }
            if let first = start, let last = previous { ranges.append(first == last ? "\(first)" : "\(first)-\(last)") }
            (start, previous) = (index, index)
        }
        return ranges.joined(separator: ",")
    }

    public var text: String {
        let layout = BatchLayout(folder: batchFolder)
        var options = [
            "--job-name=\(jobName)", "--array=\(Self.arraySpecification(indices))", "--ntasks=1",
            "--cpus-per-task=\(cpusPerTask)", "--requeue", "--signal=B:USR1@\(signalSeconds)", "--open-mode=append",
            "--output=\(layout.slurmFolder)/%A_%a.out",
        ]
        if let memory { options.append("--mem=\(memory)") }
        if let timeLimit { options.append("--time=\(timeLimit)") }
        if let partition { options.append("--partition=\(partition)") }
        options += extraOptions
        return """
            #!/bin/bash
            # Written by `singan-edit batch train --slurm`: one task per image of \(batchFolder)/batch.json.
            # Submit with `sbatch \(layout.jobScript)`; watch with `singan-edit batch status \(batchFolder)`.
            \(options.map { "#SBATCH \($0)" }.joined(separator: "\n"))

            task="${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}"
            \(Self.quoted(executable)) batch task \(Self.quoted(batchFolder)) --index "$SLURM_ARRAY_TASK_ID" &
            training=$!

            # Time limit near (USR1 to this script only): save, then queue this task again.
            save_and_requeue() {
                echo "task $task: time limit near; saving and requeueing"
                kill -TERM "$training"
                wait "$training"
                scontrol requeue "$task"
                exit 0
            }
            trap save_and_requeue USR1
            # Preemption, scancel, scontrol requeue: Slurm sends SIGTERM to the training too; wait while it saves.
            trap 'wait "$training"; exit $?' TERM

            wait "$training"
            exit $?

            """
    }

    /// `word` quoted for bash when it holds anything but safe characters.
    static func quoted(_ word: String) -> String {
        let safe = word.allSatisfy { $0.isLetter || $0.isNumber || "/._-+:,=@%".contains($0) }
        return safe && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
