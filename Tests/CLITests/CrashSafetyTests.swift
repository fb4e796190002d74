import Foundation
import Testing

/// Training killed with SIGKILL at arbitrary moments always leaves a loadable model that
/// `--resume` finishes, and the finished model is the uninterrupted run's, byte for byte but
/// for the training times: mid-scale snapshots lose at most `--snapshot-every` of work and
/// nothing of the result.
@Suite struct CrashSafetyTests {
    static let common = ["in.png", "--max-size", "42", "--iterations", "40", "--seed", "11", "--quiet"]

    /// The uninterrupted run's model, trained once for all kill moments.
    static let reference: String = {
        let dir = CommandRunner.temporaryDirectory()
        try! CommandRunner.writeTestImage(to: dir.appendingPathComponent("in.png"))
        let run = try! CommandRunner.run(["train"] + common + ["-o", "full.sgn"], in: dir)
        precondition(run.status == 0, run.stderr)
        return dir.appendingPathComponent("full.sgn").path
    }()

    @Test(arguments: [0.4, 1.1, 2.3])
    func killedTrainingResumesToTheUninterruptedModel(after seconds: Double) throws {
        let dir = CommandRunner.temporaryDirectory()
        try CommandRunner.writeTestImage(to: dir.appendingPathComponent("in.png"))

        // A snapshot every 30 ms: almost every kill lands after one.
        let process = Process()
        process.executableURL = CommandRunner.binary
        process.arguments = ["train"] + Self.common + ["-o", "m.sgn", "--snapshot-every", "0.0005"]
        process.currentDirectoryURL = dir
        try process.run()
        Thread.sleep(forTimeInterval: seconds)
        let killed = process.isRunning
        if killed { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()

        let model = dir.appendingPathComponent("m.sgn").path
        if FileManager.default.fileExists(atPath: model) {
            let info = try CommandRunner.run(["info", "m.sgn"], in: dir)
            #expect(info.status == 0, "model unreadable after SIGKILL at \(seconds) s: \(info.stderr)")
            if killed, !info.stdout.contains("4 of 4 trained") {
                let resumed = try CommandRunner.run(["train"] + Self.common + ["-o", "m.sgn", "--resume"], in: dir)
                #expect(resumed.status == 0, "\(resumed.stderr)")
            }
        } else {
            // Killed before the first save: starting again is all there is to do.
            #expect(process.terminationReason == .uncaughtSignal)
            let again = try CommandRunner.run(["train"] + Self.common + ["-o", "m.sgn"], in: dir)
            #expect(again.status == 0, "\(again.stderr)")
        }
        let full = Self.reference
        #expect(try CheckpointBytes.archiveWithoutTimings(full) == CheckpointBytes.archiveWithoutTimings(model),
                "resumed model differs from the uninterrupted one (kill after \(seconds) s)")
        #expect(try CheckpointBytes.differingBytesOutsideTimings(full, model) == 0)
    }

    @Test func infoDescribesASnapshot() throws {
        let dir = CommandRunner.temporaryDirectory()
        try CommandRunner.writeTestImage(to: dir.appendingPathComponent("in.png"))
        let interrupted = try CommandRunner.run(["train"] + Self.common.dropLast() + ["-o", "m.sgn"], in: dir,
                                                interruptWhen: { $0.contains("scale 2/4") })
        #expect(interrupted.status == 130, "\(interrupted.stderr)")
        let info = try CommandRunner.run(["info", "m.sgn"], in: dir)
        #expect(info.stdout.contains("scales:        1 of 4 trained, scale 1 at iteration "), "\(info.stdout)")
        #expect(info.stdout.contains(" of 40 iterations (snapshot)"), "\(info.stdout)")
        let json = try CommandRunner.run(["info", "m.sgn", "--json"], in: dir)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let snapshot = object?["snapshot"] as? [String: Any]
        #expect(snapshot?["scale"] as? Int == 1)
        #expect(snapshot?["iterations"] as? Int == 40)
        #expect((snapshot?["iterationsDone"] as? Int ?? 0) > 0)
    }
}
