import Foundation
import PluginTestKit
import SinGANImaging
import SinGANModel
import SinGANTensor
import Testing
@testable import SinGANRuntime

/// One scale's generator applied repeatedly (SR.py's inference) and animations through the
/// output writer.
@Suite struct RepeatedGenerationTests {
    @Test func passSizesAreTheSuperResolutionChain() throws {
        let schedule = try SuperResolutionSchedule(factor: 4)
        let start = ImageSize(height: 34, width: 42)
        let plan = RepeatedGeneration(scale: 2, step: schedule.upscaleStep, passes: schedule.iterationCount, start: start)
        #expect(plan.sizes == schedule.chain(from: start))
        #expect(plan.passes == 6 && plan.outputSize == ImageSize(height: 143, width: 173), "ceil at every pass; SR.py then crops")
    }

    @Test func eachPassEnlargesPadsAddsNoiseAndAppliesTheGenerator() throws {
        let runtime = try Runtime(contentsOf: TinyModel.path(for: .superResolution), seed: 5)
        let finest = runtime.scaleCount - 1, state = try runtime.scalePyramid(for: "test").scales[finest]
        let image = runtime.trainingImage(at: finest)
        let plan = RepeatedGeneration(scale: finest, step: 1.25, passes: 2, start: runtime.trainingSize)
        var random = RandomSource(seed: 5), expected = image
        for (pass, size) in plan.sizes.enumerated() {
            let previous = NoiseMaps.pad(BicubicResize.resize(expected, scale: 1.25))
            let z = NoiseMaps.draw(height: size.height, width: size.width, grey: pass == 0, layout: .zeroPadded, random: &random)
            expected = state.generator.generate(noise: z * state.noiseAmplitude + previous, previous: previous)
        }
        #expect(try runtime.generate(plan, from: image) == expected)
        #expect(runtime.random == random)
        #expect(throws: GenerationError.injectedSizeMismatch(got: [1, 3, 2, 2], expected: runtime.trainingSize, scale: finest)) {
            try runtime.generate(plan, from: Tensor.zeros([1, 3, 2, 2]))
        }
    }

    @Test func animationsAreStagedAndCommittedLikeImages() throws {
        let directory = TinyModel.temporaryDirectory("writer")
        let frames = (0..<3).map { Tensor(repeating: Float($0) / 2, shape: [1, 3, 4, 6]) }
        let planned = PlannedImage(path: directory + "/loop.webp", size: ImageSize(height: 4, width: 6))
        do {
            let writer = try OutputWriter(plan: OutputPlan([planned]))
            #expect(throws: OutputError.self) { try writer.saveAnimation([Tensor.zeros([1, 3, 2, 2])], fps: 10, to: planned.path) }
            try writer.saveAnimation(frames, fps: 10, to: planned.path)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty, "uncommitted animations are removed")
        let writer = try OutputWriter(plan: OutputPlan([planned]))
        try writer.saveAnimation(frames, fps: 10, to: planned.path)
        try writer.commit()
        #expect(try AnimationInfo.read(planned.path) == AnimationInfo(frameCount: 3, frameWidth: 6, frameHeight: 4,
                                                                     delaysMilliseconds: [100, 100, 100], loopCount: 0))
    }

    @Test func availableMemoryIsSomethingPlausible() {
        let bytes = AvailableMemory.bytes()
        #expect(bytes > 10_000_000 && UInt64(bytes) <= ProcessInfo.processInfo.physicalMemory)
        #expect(AvailableMemory.describe(2.5e9) == "2.5 GB" && AvailableMemory.describe(3.4e8) == "340 MB")
    }
}
