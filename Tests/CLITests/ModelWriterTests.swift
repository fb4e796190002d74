import Foundation
import Testing

/// One writer per model, and `--force` never loses the model it replaces (Docs/reliability.md).
@Suite struct ModelWriterTests {
    static let common = ["in.png", "--max-size", "42", "--quiet"]

    /// A directory with `in.png` and a complete model `m.sgn` (seed 1, 3 iterations).
    static func directoryWithModel() throws -> URL {
        let dir = CommandRunner.temporaryDirectory()
        try CommandRunner.writeTestImage(to: dir.appendingPathComponent("in.png"))
        let trained = try CommandRunner.run(["train"] + common + ["-o", "m.sgn", "--iterations", "3"], in: dir)
        #expect(trained.status == 0, "\(trained.stderr)")
        return dir
    }

    /// Runs the binary through bash with `ulimit -f blocks` (1 KiB blocks) and SIGXFSZ ignored,
    /// so every write beyond the limit fails with EFBIG as on a full disk.
    static func runWithFileSizeLimit(_ blocks: Int, _ arguments: [String], in dir: URL) throws -> CommandRunner.Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "trap '' XFSZ; ulimit -f \(blocks); exec \"$0\" \"$@\"", CommandRunner.binary.path] + arguments
        process.currentDirectoryURL = dir
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandRunner.Output(status: process.terminationStatus, stdout: "", stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test func forceKeepsTheOldModelUntilTheNewOneIsComplete() throws {
        let dir = try Self.directoryWithModel()
        let model = dir.appendingPathComponent("m.sgn"), previous = dir.appendingPathComponent("m.previous.sgn")
        let original = try Data(contentsOf: model)
        // The new training's first per-scale save fails (disk full): the complete model survives.
        let failed = try Self.runWithFileSizeLimit(16, ["train"] + Self.common + ["-o", "m.sgn", "--force", "--seed", "2",
                                                                                 "--iterations", "3"], in: dir)
        #expect(failed.status == 1, "\(failed.stderr)")
        #expect(failed.stderr.hasPrefix("error: ") && failed.stderr.contains("m.sgn"), "\(failed.stderr)")
        #expect(try Data(contentsOf: previous) == original)
        let partial = try CommandRunner.run(["info", "m.sgn"], in: dir)
        #expect(partial.stdout.contains("scales:        0 of 4 trained"), "\(partial.stdout)")
        // Resumed to completion, the new model is there and the old one is pointed out, not deleted.
        let resumed = try CommandRunner.run(["train", "in.png", "-o", "m.sgn", "--resume"], in: dir)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("m.previous.sgn holds the model an earlier --force run replaced"))
        #expect(try Data(contentsOf: previous) == original)
        // A forced run that completes removes the old model it kept.
        let replaced = try CommandRunner.run(["train"] + Self.common + ["-o", "m.sgn", "--force", "--seed", "3",
                                                                        "--iterations", "2"], in: dir)
        #expect(replaced.status == 0, "\(replaced.stderr)")
        #expect(!FileManager.default.fileExists(atPath: previous.path))
        #expect(try Data(contentsOf: model) != original)
    }

    @Test func aSecondWriterFailsAtOnceNamingTheFirst() throws {
        let dir = try Self.directoryWithModel()
        let first = Process()
        first.executableURL = CommandRunner.binary
        first.arguments = ["train", "in.png", "-o", "slow.sgn", "--max-size", "42", "--iterations", "2000"]
        first.currentDirectoryURL = dir
        let err = Pipe()
        first.standardError = err
        try first.run()
        var seen = ""
        while !seen.contains("scale 1/4"), case let chunk = err.fileHandleForReading.availableData, !chunk.isEmpty {
            seen += String(decoding: chunk, as: UTF8.self)
        }
        for extra in [["--force"], ["--resume"]] {
            let second = try CommandRunner.run(["train", "in.png", "-o", "slow.sgn", "--max-size", "42"] + extra, in: dir)
            #expect(second.status == 1)
            #expect(second.stderr == "error: slow.sgn is being written by another singan-edit process "
                    + "(pid \(first.processIdentifier): train in.png -o slow.sgn --max-size 42 --iterations 2000); "
                    + "wait for it to finish or stop it\n")
        }
        // Killed outright, the first writer leaves its lock file, which the system has unlocked.
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(".slow.sgn.lock").path))
        let after = try CommandRunner.run(["train", "in.png", "-o", "slow.sgn", "--force", "--max-size", "42",
                                           "--iterations", "1", "--quiet"], in: dir)
        #expect(after.status == 0, "\(after.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent(".slow.sgn.lock").path))
    }

    @Test func aFailedImageWriteNamesTheOutputNotItsStagingFile() throws {
        let dir = try Self.directoryWithModel()
        let result = try Self.runWithFileSizeLimit(1, ["sample", "--model", "m.sgn", "--count", "1", "-o", "out/"], in: dir)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: ") && result.stderr.contains("out/"), "\(result.stderr)")
        #expect(!result.stderr.contains("singan-partial"), "\(result.stderr)")
    }
}
