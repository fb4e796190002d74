import Foundation
import Testing

/// `singan-edit batch` through the real binary: a local batch that is interrupted and continued
/// (finished models skipped, the partial one resumed to the same weights as an uninterrupted
/// training), status, evaluation, a CSV list with per-image options and a failing image, a CSV list
/// mixing SinGAN and ConSinGAN models, and the Slurm job script of `--dry-run`. The real Slurm run is `make test-slurm` (Tests/Slurm/run.sh).
@Suite struct BatchCommandTests {
    static let options = ["--max-size", "42", "--iterations", "12", "--seed", "7", "--threads", "1"]

    /// Starts `singan-edit arguments…` in `directory`, sends `signal` once `file` contains `text`,
    /// and returns the exit status and stderr.
    func run(_ arguments: [String], in directory: URL, signal: Int32, when file: String, contains text: String) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = CommandRunner.binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let errors = directory.appendingPathComponent("stderr.txt")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        let watched = directory.appendingPathComponent(file).path
        while process.isRunning {
            if let data = FileManager.default.contents(atPath: watched), String(decoding: data, as: UTF8.self).contains(text) {
                kill(process.processIdentifier, signal)
                break
            }
            usleep(20_000)
        }
        process.waitUntilExit()
        return (process.terminationStatus, try String(contentsOf: errors, encoding: .utf8))
    }

    func statusJSON(_ folder: String, in dir: URL) throws -> [[String: Any]] {
        let status = try CommandRunner.run(["batch", "status", folder, "--json"], in: dir)
        #expect(status.status == 0, "\(status.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
        return object?["models"] as? [[String: Any]] ?? []
    }

    @Test func anInterruptedLocalBatchContinuesWhereItStopped() throws {
        let dir = CommandRunner.temporaryDirectory()
        let images = dir.appendingPathComponent("images")
        try FileManager.default.createDirectory(at: images, withIntermediateDirectories: true)
        try CommandRunner.writeTestImage(to: images.appendingPathComponent("a.png"))
        try CommandRunner.writeTestImage(to: images.appendingPathComponent("b.png"), width: 40)
        let batch = ["batch", "train", "images", "-o", "run"] + Self.options

        // SIGTERM while b trains its second scale: a is done, b keeps a snapshot.
        let (status, stderr) = try run(batch, in: dir, signal: SIGTERM, when: "run/logs/b.log", contains: "scale 2/4")
        #expect(status == 143, "\(stderr)")
        #expect(stderr.contains("[1/2] a: trained in "), "\(stderr)")
        #expect(stderr.contains("[2/2] b: interrupted; its progress is saved in run/models/b.sgn."))
        let partial = try statusJSON("run", in: dir)
        #expect(partial.map { $0["state"] as? String } == ["done", "partial"])
        #expect((1...3).contains(partial[1]["scalesDone"] as? Int ?? 0) && partial[1]["scaleCount"] as? Int == 4, "\(partial)")

        let again = try CommandRunner.run(batch, in: dir)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stderr.contains("[1/2] a: done already, skipped\n[2/2] b: resumed and trained in "), "\(again.stderr)")
        let log = try String(contentsOf: dir.appendingPathComponent("run/logs/b.log"), encoding: .utf8)
        #expect(log.contains("resuming run/models/b.sgn: ") && log.contains(" of 4 scales done, and "), "\(log)")
        #expect(log.components(separatedBy: "=== batch: attempt at ").count == 3)

        // The resumed model is the model of a training that was never interrupted.
        let reference = try CommandRunner.run(["train", "images/b.png", "-o", "b.sgn", "--quiet"] + Self.options, in: dir)
        #expect(reference.status == 0)
        #expect(try CheckpointBytes.differingBytesOutsideTimings(dir.appendingPathComponent("b.sgn").path,
                                                                 dir.appendingPathComponent("run/models/b.sgn").path) == 0)

        let table = try CommandRunner.run(["batch", "status", "run"], in: dir)
        #expect(table.stdout == "model  state    scales  detail\na      done     4/4\nb      done     4/4\n2 models: 2 done\n")
        let evaluation = try CommandRunner.run(["batch", "evaluate", "run", "--samples", "2"], in: dir)
        #expect(evaluation.status == 0, "\(evaluation.stderr)")
        let rows = evaluation.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows.map { $0.first.map(String.init) } == ["model", "a", "b", "mean", "spread"])
        #expect(rows.dropFirst().allSatisfy { $0.count == 4 && $0.dropFirst().allSatisfy { Double($0) != nil } }, "\(evaluation.stdout)")
    }

    @Test func aCSVListMixesModelFamilies() throws {
        let dir = CommandRunner.temporaryDirectory()
        try CommandRunner.writeTestImage(to: dir.appendingPathComponent("a.png"))
        try CommandRunner.writeTestImage(to: dir.appendingPathComponent("b.png"), width: 40)
        try "image,family\na.png,consingan\nb.png,\n".write(to: dir.appendingPathComponent("set.csv"), atomically: true, encoding: .utf8)
        let batch = ["batch", "train", "set.csv", "-o", "run", "--max-size", "30", "--iterations", "2", "--threads", "1"]

        let first = try CommandRunner.run(batch, in: dir)
        #expect(first.status == 0, "\(first.stderr)")
        let a = try CommandRunner.run(["info", "run/models/a.sgn", "--json"], in: dir)
        #expect(a.stdout.contains("\"family\" : \"consingan\""), "\(a.stdout)")
        let b = try CommandRunner.run(["info", "run/models/b.sgn", "--json"], in: dir)
        #expect(b.stdout.contains("\"family\" : \"singan\""), "\(b.stdout)")

        // Status reads the ConSinGAN model's stages; a second run skips both finished models.
        let models = try statusJSON("run", in: dir)
        #expect(models.map { $0["state"] as? String } == ["done", "done"], "\(models)")
        #expect(models[0]["scalesDone"] as? Int == 6 && models[0]["scaleCount"] as? Int == 6, "\(models)")
        let again = try CommandRunner.run(batch, in: dir)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stderr.contains("[1/2] a: done already, skipped\n[2/2] b: done already, skipped"), "\(again.stderr)")
        let evaluation = try CommandRunner.run(["batch", "evaluate", "run", "--samples", "2"], in: dir)
        #expect(evaluation.status == 0, "\(evaluation.stderr)")
        #expect(evaluation.stdout.split(separator: "\n").map { $0.split(separator: ",").first.map(String.init) }
                == ["model", "a", "b", "mean", "spread"], "\(evaluation.stdout)")
    }

    @Test func aCSVListWithAFailingImageAndTheSlurmScript() throws {
        let dir = CommandRunner.temporaryDirectory()
        try CommandRunner.writeTestImage(to: dir.appendingPathComponent("small.png"))
        try "not an image".write(to: dir.appendingPathComponent("broken.png"), atomically: true, encoding: .utf8)
        try "image,max_size,iterations\nsmall.png,30,2\nbroken.png,,\n".write(to: dir.appendingPathComponent("set.csv"), atomically: true, encoding: .utf8)

        let local = try CommandRunner.run(["batch", "train", "set.csv", "-o", "run", "--iterations", "3", "--threads", "1"], in: dir)
        #expect(local.status == 1)
        #expect(local.stderr.contains("[1/2] small: trained in "), "\(local.stderr)")
        #expect(local.stderr.contains("[2/2] broken: failed: not a readable image: "), "\(local.stderr)")
        #expect(local.stderr.hasSuffix("error: 1 of 2 trainings failed (broken); see their logs in run/logs and 'singan-edit batch status run'\n"))
        // The CSV's max_size and iterations reached the training of that image.
        let info = try CommandRunner.run(["info", "run/models/small.sgn"], in: dir)
        #expect(info.stdout.contains("image:         42×34 px, trained at 30×25"), "\(info.stdout)")
        #expect(info.stdout.contains("training:      2 iterations/scale"))
        let status = try CommandRunner.run(["batch", "status", "run"], in: dir)
        #expect(status.stdout.contains("broken  failed   –       error: not a readable image: "), "\(status.stdout)")

        // --dry-run writes the job script for the unfinished image only, and submits nothing.
        let script = try CommandRunner.run(["batch", "train", "set.csv", "-o", "run", "--iterations", "3", "--threads", "1",
                                            "--slurm", "--dry-run", "--cpus-per-task", "3", "--time", "1:00:00"], in: dir)
        #expect(script.status == 0, "\(script.stderr)")
        #expect(script.stderr == "not submitted (--dry-run): 1 tasks (1 done or running, skipped); submit with: sbatch run/slurm/train.sbatch\n")
        let run = dir.appendingPathComponent("run").path
        for line in ["#SBATCH --array=1", "#SBATCH --cpus-per-task=3", "#SBATCH --time=1:00:00", "#SBATCH --requeue",
                     "#SBATCH --signal=B:USR1@120", "#SBATCH --output=\(run)/slurm/%A_%a.out",
                     "\(CommandRunner.binary.standardizedFileURL.resolvingSymlinksInPath().path) batch task \(run) --index \"$SLURM_ARRAY_TASK_ID\" &"] {
            #expect(script.stdout.contains(line + "\n"), "\(line)")
        }
        #expect(try String(contentsOfFile: run + "/slurm/train.sbatch", encoding: .utf8) == script.stdout)

        // Other options into the same folder, and batch-owned options, are refused in one line.
        let other = try CommandRunner.run(["batch", "train", "set.csv", "-o", "run", "--iterations", "4"], in: dir)
        #expect(other.status == 1 && other.stderr.hasPrefix("error: run holds another batch"))
        let owned = try CommandRunner.run(["batch", "train", "set.csv", "-o", "run2", "--resume"], in: dir)
        #expect(owned.status == 64 && owned.stderr.hasPrefix("error: --resume is not an option of batch training"))
        #expect(owned.stderr.hasSuffix(" (see 'singan-edit batch train --help')\n"), "\(owned.stderr)")
        // Where Slurm is not installed, --slurm says so (and that --dry-run works without it).
        let noSlurm = try CommandRunner.run(["batch", "train", "set.csv", "-o", "run", "--iterations", "3", "--threads", "1", "--slurm"],
                                            in: dir, environment: ["PATH": dir.path])
        #expect(noSlurm.status == 1)
        #expect(noSlurm.stderr == "error: sbatch is not installed here (not on PATH); run on a Slurm login node, or write the script with --dry-run\n")
    }
}
