import Foundation
import Testing

/// `singan-edit train`, `info` and `--resume` through the real binary.
@Suite struct TrainCommandTests {
    @Test func trainWritesAModelThatInfoDescribes() throws {
        let dir = CommandRunner.temporaryDirectory()
        try CommandRunner.writeTestImage(to: dir.appendingPathComponent("in.png"))
        let train = try CommandRunner.run(["train", "in.png", "-o", "m.sgn", "--max-size", "42", "--iterations", "3", "--quiet"], in: dir)
        #expect(train.status == 0, "\(train.stderr)")
        #expect(train.stderr.isEmpty)
        let info = try CommandRunner.run(["info", "m.sgn"], in: dir)
        #expect(info.status == 0)
        #expect(info.stdout.contains("format:        .sgn 1.0"))
        #expect(info.stdout.contains("image:         42×34 px, trained at 42×34"))
        #expect(info.stdout.contains("scales:        4 of 4 trained"))
        #expect(info.stdout.contains("    3  42×34             32"))
    }

    @Test func interruptedTrainingResumesToTheSameModel() throws {
        let dir = CommandRunner.temporaryDirectory()
        try CommandRunner.writeTestImage(to: dir.appendingPathComponent("in.png"))
        let common = ["in.png", "--max-size", "42", "--iterations", "12", "--seed", "7"]
        let full = try CommandRunner.run(["train"] + common + ["-o", "full.sgn", "--quiet"], in: dir)
        #expect(full.status == 0)
        // Interrupt a second run while it trains the second scale, then resume it.
        let interrupted = try CommandRunner.run(["train"] + common + ["-o", "part.sgn"], in: dir,
                                                interruptWhen: { $0.contains("scale 2/4") })
        #expect(interrupted.status == 130, "\(interrupted.stderr)")
        #expect(interrupted.stderr.contains("1 of 4 scales are saved in part.sgn"))
        #expect(interrupted.stderr.contains("singan-edit train in.png -o part.sgn --resume"))
        let resumed = try CommandRunner.run(["train"] + common + ["-o", "part.sgn", "--resume", "--quiet"], in: dir)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        // Bit-identical weights, BatchNorm statistics, noise and images (only the header's timings differ).
        let a = try CheckpointBytes.tensorChunks(dir.appendingPathComponent("full.sgn").path)
        let b = try CheckpointBytes.tensorChunks(dir.appendingPathComponent("part.sgn").path)
        #expect(a == b)
    }
}
