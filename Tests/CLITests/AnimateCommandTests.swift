import Foundation
import PluginTestKit
import SinGANImaging
import SinGANTensor
import SinGANRuntime
import Testing
@testable import AnimatePlugin

/// `singan-edit animate` through the real binary, on the kit's tiny animation model (42×34,
/// 4 scales).
@Suite struct AnimateCommandTests {
    let command: PluginCommandFixture

    init() throws { command = try PluginCommandFixture("animate", profile: .animation) }

    @Test func exactFrameCountSizeAndFrameRate() throws {
        for (arguments, name, frames, delay) in [(["--frames", "7", "--fps", "20"], "a.gif", 7, 50),
                                                 (["--frames", "5", "--fps", "8", "--start-scale", "2"], "a.webp", 5, 125),
                                                 (["--frames", "1", "--fps", "0.5", "--beta", "0.8"], "one.gif", 1, 2000)] {
            let result = try command.run(arguments + ["-o", name])
            #expect(result.status == 0 && result.stderr.isEmpty, "\(result.stderr)")
            let info = try AnimationInfo.read(command.path(name))
            // Both encoders store a run of identical consecutive frames once, with the run's
            // delays added (libvips 8.14 cannot turn that off): the playback is the same, so the
            // total duration and the frame rate are checked, and the frame count where frames differ.
            #expect(info.delaysMilliseconds.reduce(0, +) == frames * delay)
            #expect(info.delaysMilliseconds.allSatisfy { $0 % delay == 0 })
            #expect(info.frameCount == info.delaysMilliseconds.count && info.frameCount <= frames)
            #expect(info.frameWidth == 42 && info.frameHeight == 34 && info.loopCount == 0)
            if name == "a.gif" { #expect(info.frameCount == frames) }   // from scale 0 every frame differs
            #expect(FileFormatSniffer.format(ofFileAt: command.path(name)) == ImageFileFormat(path: name))
            #expect(result.stdout.hasPrefix("\(name): \(frames) frames of 42x34 px at "))
        }
    }

    @Test func sizeSetsTheFrameSize() throws {
        let wide = try command.run(["--frames", "3", "--size", "64x30", "-o", "wide.gif"])
        #expect(wide.status == 0 && wide.stdout.hasPrefix("wide.gif: 3 frames of 64x30 px"), "\(wide.stderr)")
        let info = try AnimationInfo.read(command.path("wide.gif"))
        #expect(info.frameWidth == 64 && info.frameHeight == 30)
        let layout = try command.run(["--frames", "3", "--size", "64x30", "--start-scale", "1", "-o", "layout.gif"])
        #expect(layout.status == 1 && layout.stderr.hasPrefix("error: --start-scale 1 keeps z* at the coarser scales"))
    }

    @Test func aFixedSeedGivesByteIdenticalFiles() throws {
        #expect(try command.seedIsDeterministic(["--frames", "4"], fileExtension: "gif"))
    }

    @Test func badInputsFailWithOneLineAndWriteNothing() throws {
        let cases: [([String], Int32, String)] = [
            (["--frames", "0"], 64, "--frames must be 1–1000 (got 0)"),
            (["--fps", "0"], 64, "--fps must be 0.1–1000.0 (got 0.0)"),
            (["--alpha", "1.5"], 64, "--alpha must be 0.0–1.0 (got 1.5)"),
            (["--beta=-0.1"], 64, "--beta must be 0.0–1.0 (got -0.1)"),
            (["--start-scale", "4"], 1, "--start-scale 4 is outside 0–3, the valid scales of"),
            (["--start-scale=-1"], 1, "--start-scale -1 is outside 0–3"),
        ]
        for (arguments, status, message) in cases {
            let result = try command.run(arguments + ["-o", "bad.gif"])
            #expect(result.status == status, "\(arguments)")
            #expect(result.stderr.hasPrefix("error: " + message) && result.stderr.filter { $0 == "\n" }.count == 1,
                    "\(result.stderr)")
        }
        let still = try command.run(["-o", "bad.png"])
        #expect(still.status == 1 && still.stderr == "error: --output bad.png: an animation is written as .gif or .webp\n")
        let missing = try command.run(["-o", "bad.gif"], model: "none.sgn")
        #expect(missing.status == 1 && missing.stderr.hasPrefix("error: ") && missing.stderr.contains("none.sgn"))
        let wrongProfile = try command.run(["-o", "bad.gif"], model: try TinyModel.path(for: .standard))
        #expect(wrongProfile.status == 1 && wrongProfile.stderr.contains("--profile animation"))
        #expect(command.files.isEmpty)
    }

    @Test func theWalkFollowsTheOfficialRecurrence() {
        let anchor = Tensor(shape: [1, 1, 1, 2], scalars: [1, -2])
        let noise = { (a: Float, b: Float) in Tensor(shape: [1, 1, 1, 2], scalars: [a, b]) }
        var walk = NoiseWalk(anchor: anchor, alpha: 0.1, beta: 0.9, noise: noise(3, 2))
        // z1 = 0.95·z* + 0.05·ε = [1.1, −1.8], z2 = z*.
        let first = walk.step(noise: noise(-1, 1))
        // d = 0.9·(z1 − z2) + 0.1·ε = [−0.01, 0.28]; z = 0.1·z* + 0.9·(z1 + d) = [1.081, −1.568].
        #expect(zip(first.scalars, [1.081, -1.568] as [Float]).allSatisfy { abs($0 - $1) < 1e-5 })
        let second = walk.step(noise: noise(0, 0))
        // d = 0.9·(z − z1) = [−0.0171, 0.2088]; z' = 0.1·z* + 0.9·(z + d) = [1.05751, −1.42328].
        #expect(zip(second.scalars, [1.05751, -1.42328] as [Float]).allSatisfy { abs($0 - $1) < 1e-5 })
        var still = NoiseWalk(anchor: anchor, alpha: 1, beta: 0.5, noise: noise(3, 2))
        #expect(still.step(noise: noise(5, 5)).scalars == anchor.scalars)
    }

    @Test func ratesAFormatCannotHoldAreRoundedWithANotice() throws {
        for (fps, name, delay, notice) in [
            ("8", "r8.gif", 130, "--fps 8: GIF stores frame delays in whole hundredths of a second; each frame shows for 13/100 s (7.692 fps)"),
            ("100", "r100.gif", 20, "--fps 100: GIF stores frame delays in whole hundredths of a second; each frame shows for 2/100 s (50 fps)"),
            ("30", "r30.webp", 33, "--fps 30: WebP stores frame delays in whole milliseconds; each frame shows for 33/1000 s (30.3 fps)"),
        ] {
            let result = try command.run(["--frames", "3", "--fps", fps, "-o", name])
            #expect(result.status == 0 && result.stderr == notice + "\n", "\(result.stderr)")
            let info = try AnimationInfo.read(command.path(name))
            #expect(info.delaysMilliseconds.reduce(0, +) == 3 * delay)
        }
        #expect(FrameRate.storedDelay(fps: 0.1, forPath: "slow.gif") == 1000)
        #expect(FrameRate.stored(12.5, forPath: "a.gif").notice == nil)
    }

    @Test func exactFrameDelays() {
        #expect(FrameRate.exactDelay(fps: 10, forPath: "a.gif") == 10)
        #expect(FrameRate.exactDelay(fps: 12.5, forPath: "a.GIF") == 8)
        #expect(FrameRate.exactDelay(fps: 100.0 / 3, forPath: "a.gif") == 3)
        #expect(FrameRate.exactDelay(fps: 30, forPath: "a.gif") == nil)
        #expect(FrameRate.exactDelay(fps: 100, forPath: "a.gif") == nil)
        #expect(FrameRate.exactDelay(fps: 8, forPath: "a.webp") == 125)
        #expect(FrameRate.exactDelay(fps: 1000, forPath: "a.webp") == 1)
        #expect(FrameRate.exactDelay(fps: 30, forPath: "a.webp") == nil)
    }

    /// Mean absolute difference between two frames, in 8-bit levels.
    static func difference(_ a: Tensor, _ b: Tensor) -> Double {
        zip(a.scalars, b.scalars).reduce(0) { $0 + Double(abs($1.0 - $1.1)) } * 255 / Double(a.scalars.count)
    }

    /// last→first against the mean neighbour difference, for `walk`.
    static func restartJump(_ walk: String, frames: Int) throws -> (jump: Double, neighbours: Double) {
        let runtime = try Runtime(contentsOf: TinyModel.path(for: .animation), seed: 3)
        let options = try AnimateOptions.parse(["--frames", String(frames), "--walk", walk, "-o", "x.gif"])
        let images = try AnimatePlugin.frames(options, runtime: runtime)
        let steps = (1..<images.count).map { difference(images[$0 - 1], images[$0]) }
        return (difference(images[images.count - 1], images[0]), steps.reduce(0, +) / Double(steps.count))
    }

    @Test func theDefaultLoopRestartsWithoutAJump() throws {
        let loop = try Self.restartJump("loop", frames: 16)
        let official = try Self.restartJump("official", frames: 16)
        print("animate restart jump (8-bit levels): loop \(loop.jump) vs neighbours \(loop.neighbours); "
              + "official \(official.jump) vs \(official.neighbours)")
        #expect(loop.jump <= 1.5 * loop.neighbours, "the loop's last→first step is an ordinary step")
        #expect(official.jump > 2 * official.neighbours, "the official walk jumps when it restarts")
    }
}
