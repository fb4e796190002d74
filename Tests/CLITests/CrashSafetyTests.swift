import Foundation
import Testing

/// Training killed with SIGKILL at arbitrary moments always leaves a loadable model that
/// `--resume` finishes.
@Suite struct CrashSafetyTests {
    @Test(arguments: [0.4, 1.1, 2.3])
    func killedTrainingLeavesALoadableModel(after seconds: Double) throws {
        let dir = CommandRunner.temporaryDirectory()
        try CommandRunner.writeTestImage(to: dir.appendingPathComponent("in.png"))
        let arguments = ["train", "in.png", "-o", "m.sgn", "--max-size", "42", "--iterations", "8", "--quiet"]
        let process = Process()
        process.executableURL = CommandRunner.binary
        process.arguments = arguments
        process.currentDirectoryURL = dir
        try process.run()
        Thread.sleep(forTimeInterval: seconds)
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()

        let model = dir.appendingPathComponent("m.sgn").path
        if FileManager.default.fileExists(atPath: model) {
            let info = try CommandRunner.run(["info", "m.sgn"], in: dir)
            #expect(info.status == 0, "model unreadable after SIGKILL at \(seconds) s: \(info.stderr)")
            let resumed = try CommandRunner.run(["train", "in.png", "-o", "m.sgn", "--resume", "--quiet"], in: dir)
            #expect(resumed.status == 0, "\(resumed.stderr)")
        } else {
            // Killed before the first save: starting again is all there is to do.
            #expect(process.terminationReason == .uncaughtSignal)
        }
        let final = try CommandRunner.run(["info", "m.sgn"], in: dir)
        #expect(final.status == 0 || !FileManager.default.fileExists(atPath: model))
        if final.status == 0 { #expect(final.stdout.contains("4 of 4 trained")) }
    }
}
