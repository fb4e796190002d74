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

    @Test func badInputsFailWithOneLine() throws {
        let dir = CommandRunner.temporaryDirectory()
        try CommandRunner.writeTestImage(to: dir.appendingPathComponent("tiny.png"), width: 12, height: 10)
        try "hello".write(to: dir.appendingPathComponent("text.png"), atomically: true, encoding: .utf8)
        let cases: [([String], String)] = [
            (["train", "missing.png", "-o", "m.sgn"], "missing.png"),
            (["train", "text.png", "-o", "m.sgn"], "text.png"),
            (["train", "tiny.png", "-o", "m.sgn"], "smaller than the minimum size"),
            (["info", "nothing.sgn"], "nothing.sgn"),
            (["info", "text.png"], "text.png"),
        ]
        for (arguments, fragment) in cases {
            let result = try CommandRunner.run(arguments, in: dir)
            #expect(result.status == 1, "\(arguments)")
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.count == 1 && lines[0].hasPrefix("error: ") && lines[0].contains(fragment), "\(arguments): \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("m.sgn").path))
        }
        let usage = try CommandRunner.run(["train", "x.png", "-o", "m.sgn", "--iterations", "0"], in: dir)
        #expect(usage.status == 64 && usage.stderr.contains("--iterations must be at least 1"))
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
