import Foundation
import SinGANTensor
import Testing
@testable import SinGANImaging

@Suite("Animated GIF and WebP")
struct AnimationTests {
    private func frames(count: Int, height: Int = 20, width: Int = 30) -> [Tensor] {
        (0..<count).map { gradientImage(height: height, width: width, phase: Float($0) * 0.02) }
    }

    @Test(arguments: [(7, 10.0, 100), (5, 24.0, 40), (3, 3.0, 330)])
    func gifReadsBackFramesAndDelay(count: Int, fps: Double, delay: Int) throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/loop.gif"
            try AnimationWriter.save(frames: frames(count: count), fps: fps, to: path)
            #expect(AnimationWriter.frameDelayMilliseconds(fps: fps, forPath: path) == delay)
            let info = try AnimationInfo.read(path)
            #expect(info == AnimationInfo(frameCount: count, frameWidth: 30, frameHeight: 20,
                                          delaysMilliseconds: [Int](repeating: delay, count: count),
                                          loopCount: 0))
            #expect(try directoryListing(directory) == ["loop.gif"])
        }
    }

    @Test(arguments: [(6, 12.0, 83), (4, 10.0, 100)])
    func webpReadsBackFramesAndDelay(count: Int, fps: Double, delay: Int) throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/loop.webp"
            try AnimationWriter.save(frames: frames(count: count), fps: fps, to: path)
            let info = try AnimationInfo.read(path)
            #expect(info.frameCount == count)
            #expect(info.frameWidth == 30 && info.frameHeight == 20)
            #expect(info.delaysMilliseconds == [Int](repeating: delay, count: count))
            #expect(info.loopCount == 0)
        }
    }

    @Test(arguments: ["fast.gif", "fast.webp"])
    func fastEffortWritesTheSameFrames(name: String) throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/" + name
            try AnimationWriter.save(frames: frames(count: 3), fps: 8, to: path, effort: .fast)
            let info = try AnimationInfo.read(path)
            #expect(info.frameCount == 3 && info.frameWidth == 30 && info.frameHeight == 20)
            #expect(info.delaysMilliseconds == [Int](repeating: name.hasSuffix("gif") ? 130 : 125, count: 3))
        }
    }

    @Test func loopCountIsWritten() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/twice.gif"
            try AnimationWriter.save(frames: frames(count: 2), fps: 5, to: path, loopCount: 2)
            #expect(try AnimationInfo.read(path).loopCount == 2)
        }
    }

    @Test func stillImageIsOneFrame() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/still.png"
            try ImageFile.save(gradientImage(height: 7, width: 9), to: path)
            let info = try AnimationInfo.read(path)
            #expect(info.frameCount == 1 && info.frameWidth == 9 && info.frameHeight == 7)
        }
    }

    @Test func rejectsBadRequests() throws {
        try withTemporaryDirectory { directory in
            let error1 = #expect(throws: ImagingError.self) {
                try AnimationWriter.save(frames: frames(count: 2), fps: 10, to: directory + "/a.png")
            }
            guard case .unsupportedOutputFormat? = error1 else {
                Issue.record("expected unsupportedOutputFormat, got \(String(describing: error1))")
                return
            }
            #expect(throws: ImagingError.self) {
                try AnimationWriter.save(frames: frames(count: 2), fps: 0, to: directory + "/a.gif")
            }
            #expect(throws: ImagingError.self) {
                try AnimationWriter.save(frames: [], fps: 10, to: directory + "/a.gif")
            }
            let mixed = [gradientImage(height: 4, width: 4), gradientImage(height: 5, width: 4)]
            #expect(throws: ImagingError.self) {
                try AnimationWriter.save(frames: mixed, fps: 10, to: directory + "/a.gif")
            }
            let listing = try directoryListing(directory)
            #expect(listing.isEmpty)
            let missing = #expect(throws: ImagingError.self) { try AnimationInfo.read(directory + "/absent.gif") }
            #expect(missing == .fileNotFound(path: directory + "/absent.gif"))
        }
    }

    /// Timing of a 120-frame 250×167 animation; run with SINGAN_IMAGING_TIMING=1.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["SINGAN_IMAGING_TIMING"] != nil))
    func timingOf120Frames() throws {
        try withTemporaryDirectory { directory in
            // Textured frames (a gradient plus per-frame noise), closer to generated images than a
            // plain gradient, so colour quantisation and compression do realistic work.
            let clip = (0..<120).map { index in
                let base = gradientImage(height: 167, width: 250, phase: Float(index % 10) * 0.01)
                let noise = pseudoRandomLevels(count: base.count, seed: UInt32(index + 1))
                return Tensor(shape: base.shape, scalars: zip(base.scalars, noise).map { value, level in
                    min(max(value + (Float(level) / 255 - 0.5) * 0.3, 0), 1)
                })
            }
            for name in ["timing.gif", "timing.webp"] {
                for effort in [AnimationWriter.Effort.thorough, .fast] {
                    let start = ContinuousClock.now
                    try AnimationWriter.save(frames: clip, fps: 10, to: directory + "/" + name, effort: effort)
                    let elapsed = ContinuousClock.now - start
                    let size = try FileManager.default.attributesOfItem(atPath: directory + "/" + name)[.size] ?? 0
                    print("\(name) \(effort): 120 frames 250×167 saved in \(elapsed), \(size) bytes")
                }
                #expect(try AnimationInfo.read(directory + "/" + name).frameCount == 120)
            }
        }
    }
}
