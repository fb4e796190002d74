@testable import AnimatePlugin
import Foundation
import PluginTestKit
import SinGANImaging
import SinGANModel
import SinGANRuntime
@testable import SuperResolvePlugin
import SinGANTensor
import SinGANTorchImport
import Testing

/// Every application on a model trained by the official code, with the noise the official scripts
/// drew, against the official outputs (Tests/OfficialFixtures).
///
/// Tolerances. Our generators fold evaluation-mode BatchNorm into the convolutions and sum in
/// another order, so each generator output differs from PyTorch's by float32 rounding (measured:
/// at most 1.3e-6). Between scales both implementations quantise the image to 8-bit levels by
/// truncation before the bicubic resize (the official `imresize`); where a value sits within
/// rounding of a level boundary the two could land on adjacent levels, one level (1/255 in [0, 1],
/// 2/255 ≈ 0.0078 in the model's [−1, 1]). So every value must agree within one level (`oneLevel`)
/// and the mean absolute difference must stay at float-rounding size (< 1e-5), which a single
/// misplaced step of the computation would exceed by orders of magnitude. Saved frames are compared
/// in 8-bit levels: truncating at a boundary moves a value by one level.
struct OfficialParityTests {
    /// One 8-bit level in the model's [−1, 1] range: the bound on any value's difference.
    static let oneLevel: Float = 2 / 255

    /// Max and mean absolute difference.
    static func difference(_ a: Tensor, _ b: Tensor) -> (largest: Float, typical: Float) {
        guard a.shape == b.shape else {
            Issue.record("shapes \(a.shape) and \(b.shape) differ")
            return (.infinity, .infinity)
        }
        var largest: Float = 0, sum: Double = 0
        for (x, y) in zip(a.scalars, b.scalars) {
            largest = max(largest, abs(x - y))
            sum += Double(abs(x - y))
        }
        return (largest, Float(sum / Double(max(1, a.count))))
    }

    static func runtime(_ folder: String, replaying maps: [Int: [Tensor]]) throws -> (Runtime, ReplayedNoise) {
        let runtime = try Runtime(model: OfficialModelFolder.read(folder).pyramid, modelPath: folder, seed: 1)
        let replay = ReplayedNoise(maps)
        runtime.noiseSource = replay
        return (runtime, replay)
    }

    /// `noise/k` of a recording, from scale `first` on, one map per scale.
    static func perScale(_ recording: OfficialFixtures.Recording, from first: Int, count: Int) -> [Int: [Tensor]] {
        Dictionary(uniqueKeysWithValues: (first..<count).map { ($0, [recording["noise/\($0)"]]) })
    }

    /// An input image as the official `read_image_dir` gives it ([−1, 1]).
    static func input(_ name: String) throws -> Tensor {
        PixelRange.model(fromDisplay: try ImageFile.load(OfficialFixtures.root + "/inputs/" + name).image)
    }

    static func check(_ replay: ReplayedNoise) {
        #expect(replay.problems.isEmpty, "\(replay.problems)")
        #expect(replay.unused == 0)
    }

    /// Checks the replay used every recorded map and `output` is within one level of `official` with a
    /// float-rounding mean difference; prints the measurement.
    @discardableResult
    static func expectMatch(_ output: Tensor, _ official: Tensor, _ name: String, replay: ReplayedNoise) -> (largest: Float, typical: Float) {
        let d = difference(output, official)
        check(replay)
        #expect(d.largest < oneLevel && d.typical < 1e-5, "\(name): \(d)")
        print("parity \(name): largest \(d.largest), mean \(d.typical)")
        return d
    }

    // MARK: - Random samples

    @Test(arguments: [("sample_start0", 0), ("sample_start2", 2)])
    func randomSamples(_ name: String, start: Int) throws {
        let recording = try OfficialFixtures.Recording(name)
        // The official loop draws noise at every scale and replaces it by Z_opt below the start
        // scale; ours draws only from the start scale on.
        let (runtime, replay) = try Self.runtime(OfficialFixtures.tinyModel("zip"), replaying: Self.perScale(recording, from: start, count: 5))
        let output = try runtime.generate(GenerationRequest(noise: .fresh(from: start)))
        Self.expectMatch(output, recording["output"], name, replay: replay)
    }

    @Test func randomSampleOfAnotherSize() throws {
        let recording = try OfficialFixtures.Recording("sample_wide")
        let (runtime, replay) = try Self.runtime(OfficialFixtures.tinyModel("legacy"), replaying: Self.perScale(recording, from: 0, count: 5))
        let output = try runtime.generate(GenerationRequest(noise: .fresh(from: 0), outputScale: .relative(vertical: 1, horizontal: 1.5)))
        Self.expectMatch(output, recording["output"], "sample_wide", replay: replay)
    }

    // MARK: - Injection applications

    @Test func paintToImage() throws {
        let recording = try OfficialFixtures.Recording("paint2image")
        let (runtime, replay) = try Self.runtime(OfficialFixtures.tinyModel("zip"), replaying: Self.perScale(recording, from: 2, count: 5))
        let injected = try runtime.injectionImage(from: try Self.input("paint.png"), at: 2)
        let injection = Self.difference(injected, recording["injected"])
        #expect(injection.largest < 1e-5, "injection \(injection)")
        let output = try runtime.generate(GenerationRequest(startScale: 2, injected: injected, noise: .fresh(from: 2)))
        Self.expectMatch(output, recording["output"], "paint2image (injection \(injection.largest))", replay: replay)
    }

    @Test(arguments: [("edit", MaskDilation.Purpose.editing), ("harmonize", .harmonization)])
    func maskedApplications(_ name: String, purpose: MaskDilation.Purpose) throws {
        let recording = try OfficialFixtures.Recording(name)
        let (runtime, replay) = try Self.runtime(OfficialFixtures.tinyModel("zip"), replaying: Self.perScale(recording, from: 2, count: 5))
        let maskFile = try ImageFile.load(OfficialFixtures.root + "/inputs/\(name)_mask.png").image
        let mask = try MaskDilation.dilateAndBlur(mask: maskFile, for: purpose)
        let maskDifference = Self.difference(mask, recording["mask"])
        #expect(maskDifference.largest < 1e-5, "mask \(maskDifference)")
        let injected = try runtime.injectionImage(from: try Self.input("\(name).png"), at: 2)
        #expect(Self.difference(injected, recording["injected"]).largest < 1e-5)
        let output = try runtime.generate(GenerationRequest(startScale: 2, injected: injected, noise: .fresh(from: 2)))
        Self.expectMatch(output, recording["output"], "\(name) (mask \(maskDifference.largest))", replay: replay)
        // The official blend: (1 − m)·real + m·out, with `real = imresize(training image, scale1)`
        // (scale1 = 1 here, but imresize still takes the image through 8-bit levels).
        let real = BicubicResize.resize(try Self.input("tiny.png"), scale: 1)
        let blended = (Tensor(repeating: 1, shape: mask.shape) - mask) * real + mask * output
        Self.expectMatch(blended, recording["blended"], "\(name) blend", replay: replay)
    }

    // MARK: - Super-resolution and animation

    @Test func superResolutionTimesFour() throws {
        let recording = try OfficialFixtures.Recording("super_resolution")
        let passes = recording.sequence("noise/pass")
        #expect(passes.count == 6)
        let model = try OfficialModelFolder.read(OfficialFixtures.srModel).pyramid
        let (runtime, replay) = try Self.runtime(OfficialFixtures.srModel, replaying: [model.scales.count - 1: passes])
        let plan = SuperResolutionPlan(factor: 4, runtime: runtime)
        #expect(plan.generation.passes == 6)
        let enlarged = try runtime.generate(plan.generation, from: runtime.trainingImage(at: runtime.scaleCount - 1))
        let output = PyramidSampler.fit(enlarged, height: plan.outputSize.height, width: plan.outputSize.width)
        Self.expectMatch(output, recording["output"], "super_resolution", replay: replay)
    }

    @Test func animationWalk() throws {
        let recording = try OfficialFixtures.Recording("animation")
        let model = try OfficialModelFolder.read(OfficialFixtures.animationModel).pyramid
        let scales = model.scales.count
        let maps = Dictionary(uniqueKeysWithValues: (0..<scales).map { k in (k, (0...10).map { recording["noise/\(k)/\($0)"] }) })
        let (runtime, replay) = try Self.runtime(OfficialFixtures.animationModel, replaying: maps)
        let anchors = try (0..<scales).map { try runtime.reconstructionNoise(at: $0, size: runtime.trainingSizes[$0]) }
        var walk = FrameNoise(anchors: anchors, sizes: runtime.trainingSizes, startScale: 0, alpha: 0.1, beta: 0.9, frameCount: 10, walk: .official, runtime: runtime)
        var largest: Float = 0, differing = 0, total = 0
        for i in 0..<10 {
            let frame = try runtime.generate(GenerationRequest(noise: .given(walk.next(runtime: runtime))))
            // The official frame: uint8(255·clamp((x+1)/2)) by truncation, stored H×W×C.
            let official = recording["frame/\(i)"]
            let (h, w) = (frame.shape[2], frame.shape[3])
            for c in 0..<3 { for y in 0..<h { for x in 0..<w {
                let level = (255 * min(max((frame.scalars[(c * h + y) * w + x] + 1) / 2, 0), 1)).rounded(.towardZero)
                let diff = abs(level - official.scalars[(y * w + x) * 3 + c])
                largest = max(largest, diff)
                if diff > 0 { differing += 1 }
                total += 1
            } } }
        }
        Self.check(replay)
        #expect(largest <= 1 && Double(differing) / Double(total) < 0.005, "largest \(largest) levels, \(differing) of \(total) differ")
        print("parity animation: largest \(largest) levels, \(differing) of \(total) values differ")
    }
}
