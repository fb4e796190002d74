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
        // Interrupt a second run while it trains the second scale (Ctrl-C, then SIGTERM as a
        // scheduler sends it): each time the unfinished scale is saved as a snapshot.
        let interrupted = try CommandRunner.run(["train"] + common + ["-o", "part.sgn"], in: dir,
                                                interruptWhen: { $0.contains("scale 2/4") })
        #expect(interrupted.status == 130, "\(interrupted.stderr)")
        #expect(interrupted.stderr.contains("1 of 4 scales and "), "\(interrupted.stderr)")
        #expect(interrupted.stderr.contains(" of 12 iterations of scale 2 are saved in part.sgn"))
        #expect(interrupted.stderr.contains("singan-edit train in.png -o part.sgn --resume"))
        let terminated = try CommandRunner.run(["train"] + common + ["-o", "part.sgn", "--resume"], in: dir,
                                               signal: SIGTERM, interruptWhen: { $0.contains("scale 3/4") })
        #expect(terminated.status == 143, "\(terminated.stderr)")
        #expect(terminated.stderr.contains("resuming part.sgn: 1 of 4 scales done, and "))
        #expect(terminated.stderr.contains(" of 12 iterations of scale 3 are saved in part.sgn"))
        let resumed = try CommandRunner.run(["train"] + common + ["-o", "part.sgn", "--resume", "--quiet"], in: dir)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        // The same file as the uninterrupted run's, byte for byte, but for the training times.
        let reference = dir.appendingPathComponent("full.sgn").path, part = dir.appendingPathComponent("part.sgn").path
        #expect(try CheckpointBytes.archiveWithoutTimings(reference) == CheckpointBytes.archiveWithoutTimings(part))
        #expect(try CheckpointBytes.differingBytesOutsideTimings(reference, part) == 0)
    }
    @Test func resumeNamesTheOptionsItIgnores() throws {
        let dir = CommandRunner.temporaryDirectory()
        try CommandRunner.writeTestImage(to: dir.appendingPathComponent("in.png"))
        let common = ["in.png", "-o", "m.sgn", "--max-size", "42", "--iterations", "12", "--seed", "7"]
        let interrupted = try CommandRunner.run(["train"] + common, in: dir, interruptWhen: { $0.contains("scale 2/4") })
        #expect(interrupted.status == 130, "\(interrupted.stderr)")
        let resumed = try CommandRunner.run(["train", "in.png", "-o", "m.sgn", "--resume", "--max-size", "42",
                                             "--iterations", "1", "--seed", "9"], in: dir)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("--resume continues with the settings saved in m.sgn; ignored: "
                                        + "--iterations 1 (the model uses 12), --seed 9 (the model uses 7)."), "\(resumed.stderr)")
        let info = try CommandRunner.run(["info", "m.sgn"], in: dir)
        #expect(info.stdout.contains("training:      12 iterations/scale"), "\(info.stdout)")
    }

    /// A nearly flat photo (a grey wall with a little noise) is close to its own mean colour, so any
    /// reconstruction is "many times" further from it than the flat image: no collapse warning for it.
    @Test func aFlatPhotoIsNotReportedAsCollapsed() throws {
        let dir = CommandRunner.temporaryDirectory()
        var random = SystemRandomNumberGenerator()
        let wall = (0..<3 * 40 * 34).map { _ in Float(0.47) + Float.random(in: 0...0.02, using: &random) }
        try ImageWriting.save(pixels: wall, width: 40, height: 34, to: dir.appendingPathComponent("wall.png").path)
        let train = try CommandRunner.run(["train", "wall.png", "-o", "w.sgn", "--max-size", "40", "--iterations", "60"], in: dir)
        #expect(train.status == 0, "\(train.stderr)")
        #expect(train.stderr.contains("saved w.sgn."), "\(train.stderr)")
        #expect(!train.stderr.contains("warning"), "\(train.stderr)")
        // Each scale's last line says how long the whole training has left, but for the last scale's.
        let ends = train.stderr.split(separator: "\n").filter { $0.contains("it 60/60") }
        #expect(ends.count >= 2 && ends.dropLast().allSatisfy { $0.contains(" (all scales ~") }, "\(ends)")
        #expect(ends.last?.hasSuffix("ETA 0s") == true, "\(ends)")
    }
}
