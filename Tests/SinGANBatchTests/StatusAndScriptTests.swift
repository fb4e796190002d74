import Foundation
import Testing
import SinGANCheckpoint
@testable import SinGANBatch

/// Model states that need no trained model (pending, failed, running), the training log, the Slurm
/// job script and the evaluation table. Trained models' states are tested through the binary
/// (Tests/CLITests/BatchCommandTests.swift).
@Suite struct StatusAndScriptTests {
    func layout() throws -> BatchLayout {
        let layout = BatchLayout(folder: FileManager.default.temporaryDirectory.appendingPathComponent("singan-batch-\(UUID().uuidString)").path)
        try FileManager.default.createDirectory(atPath: layout.logFolder, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: layout.modelFolder, withIntermediateDirectories: true)
        return layout
    }

    @Test func theLastAttemptsErrorMakesAModelFailed() throws {
        let layout = try layout()
        let image = BatchImage(name: "a", image: "/x/a.png", source: "l:1")
        #expect(ModelStatus.read(image, layout: layout).state == .pending)
        let failedAttempt = TrainingLog.attemptHeader(host: "n1", job: "7_0", arguments: ["a.png"])
            + "error: not a readable image: /x/a.png\n" + TrainingLog.exitLine(status: 1, seconds: 0.1)
        try failedAttempt.write(toFile: layout.log("a"), atomically: true, encoding: .utf8)
        let failed = ModelStatus.read(image, layout: layout)
        #expect(failed.state == .failed && failed.error == "not a readable image: /x/a.png")
        // A later attempt without an error (killed, say) is not failed any more.
        try (failedAttempt + TrainingLog.attemptHeader(host: "n1", job: nil, arguments: ["a.png"]))
            .write(toFile: layout.log("a"), atomically: true, encoding: .utf8)
        #expect(ModelStatus.read(image, layout: layout).state == .pending)
    }

    @Test func aHeldWriterLockMeansRunning() throws {
        let layout = try layout()
        let image = BatchImage(name: "b", image: "/x/b.png", source: "l:1")
        let lock = try WriterLock(for: layout.model("b"), command: "train")
        #expect(ModelStatus.read(image, layout: layout).state == .running)
        lock.release()
        #expect(ModelStatus.read(image, layout: layout).state == .pending)
    }

    @Test func theStatusTableListsEveryModel() throws {
        let table = StatusTable(folder: "run", models: [
            ModelStatus(name: "rocket", model: "run/models/rocket.sgn", state: .done, scalesDone: 6, scaleCount: 6, iterationsPerScale: 500),
            ModelStatus(name: "hubble", model: "run/models/hubble.sgn", state: .running, scalesDone: 2, scaleCount: 6,
                        iterationsDone: 120, iterationsPerScale: 500),
            ModelStatus(name: "cup", model: "run/models/cup.sgn", state: .failed, error: "not a readable image: cup.png"),
        ])
        #expect(table.text() == """
            model   state    scales  detail
            rocket  done     6/6
            hubble  running  2/6     scale 3 at iteration 120/500
            cup     failed   –       error: not a readable image: cup.png
            3 models: 1 done, 1 failed, 1 running

            """)
        #expect(table.counts == ["pending": 0, "running": 1, "partial": 0, "failed": 1, "done": 1])
        let decoded = try JSONDecoder().decode(StatusTable.self, from: Data(try table.json().utf8))
        #expect(decoded == table)
    }

    @Test func theJobScriptRequeuesAndResumes() {
        var script = SlurmJobScript(executable: "/opt/singan edit/singan-edit", batchFolder: "/shared/run", indices: [0, 1, 2, 5, 7, 8])
        script.cpusPerTask = 4
        script.timeLimit = "4:00:00"
        script.extraOptions = ["--account=proj1"]
        let text = script.text
        for line in ["#SBATCH --array=0-2,5,7-8", "#SBATCH --cpus-per-task=4", "#SBATCH --requeue", "#SBATCH --signal=B:USR1@120",
                     "#SBATCH --open-mode=append", "#SBATCH --output=/shared/run/slurm/%A_%a.out", "#SBATCH --time=4:00:00",
                     "#SBATCH --account=proj1",
                     "'/opt/singan edit/singan-edit' batch task /shared/run --index \"$SLURM_ARRAY_TASK_ID\" &",
                     "trap save_and_requeue USR1", "    kill -TERM \"$training\"", "    scontrol requeue \"$task\"",
                     "trap 'wait \"$training\"; exit $?' TERM"] {
            #expect(text.contains(line + "\n"), "\(line)")
        }
        #expect(!text.contains("--mem") && !text.contains("--partition"))
        #expect(SlurmJobScript.arraySpecification([3]) == "3")
        #expect(SlurmJobScript.arraySpecification([4, 0, 2, 1]) == "0-2,4")
    }

    @Test func theEvaluationTableHasMeanAndSpread() throws {
        typealias M = EvaluationTable.Measures
        let table = EvaluationTable(rows: [
            .init(name: "a", measures: M(swd: 0.01, diversity: 0.2, reconstructionRMSE: 0.02)),
            .init(name: "b,c", measures: M(swd: 0.03, diversity: nil, reconstructionRMSE: 0.04)),
            .init(name: "d", measures: M(swd: 0.02, diversity: 0.4, reconstructionRMSE: 0.03)),
        ], samples: 20, seed: 1)
        #expect(table.csv() == """
            model,swd,diversity,reconstruction_rmse
            a,0.010000,0.200000,0.020000
            "b,c",0.030000,,0.040000
            d,0.020000,0.400000,0.030000
            mean,0.020000,0.300000,0.030000
            spread,0.010000,0.141421,0.010000

            """)
        let one = EvaluationTable(rows: [.init(name: "a", measures: M(swd: 0.01, diversity: nil, reconstructionRMSE: 0.02))], samples: 2, seed: 1)
        #expect(one.spread == M(swd: nil, diversity: nil, reconstructionRMSE: nil))
        #expect(try JSONDecoder().decode(EvaluationTable.self, from: Data(table.json().utf8)) == table)
        #expect(try table.json().contains("\"reconstruction_rmse\" : 0.02,"), "the CSV's names, as evaluate --json")
    }
}
