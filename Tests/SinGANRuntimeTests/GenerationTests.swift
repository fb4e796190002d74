import PluginTestKit
import SinGANModel
import SinGANTensor
import Testing
@testable import SinGANRuntime

/// The generation loop (`SinGAN_generate`) on a tiny trained model.
@Suite struct GenerationTests {
    let runtime: Runtime

    init() throws { runtime = try Runtime(contentsOf: TinyModel.path(), seed: 9) }

    func fresh(seed: UInt64 = 9) throws -> Runtime { try Runtime(contentsOf: TinyModel.path(), seed: seed) }

    @Test func fullSizeSampleAndReconstructionMatchTheTrainingSampler() throws {
        var random = RandomSource(seed: 9)
        let sampler = try runtime.scalePyramid(for: "test").sampler
        #expect(try runtime.generate(GenerationRequest()) == sampler.finestOutput(mode: .random, random: &random))
        #expect(runtime.random == random)
        #expect(try runtime.reconstruction() == sampler.finestOutput(mode: .reconstruction, random: &random))
        #expect(runtime.random == random, "the reconstruction draws no noise")
    }

    /// The training-time check's reconstruction (`trainedReconstruction`, on the model alone) is the
    /// runtime's G(z*), for both families.
    @Test(arguments: [ModelFamily.singan, .consingan])
    func theTrainedReconstructionIsTheRuntimes(family: ModelFamily) throws {
        let model = try Runtime(contentsOf: TinyModel.path(family: family), seed: 1)
        #expect(model.model.trainedReconstruction() == (try model.reconstruction()))
    }

    @Test func aFixedSeedGivesTheSameSamples() throws {
        let (a, b, c) = (try fresh(seed: 3), try fresh(seed: 3), try fresh(seed: 4))
        let request = GenerationRequest(outputScale: .relative(vertical: 1.2, horizontal: 0.8))
        for _ in 0..<2 {
            let image = try a.generate(request)
            #expect(image == (try b.generate(request)))
            #expect(image != (try c.generate(request)))
        }
    }

    @Test func outputScalesPerAxisAtEveryScale() throws {
        let sizes = try runtime.outputSizes(for: .relative(vertical: 1, horizontal: 1.5))
        for (size, training) in zip(sizes, runtime.trainingSizes) {
            #expect(size.height == training.height)
            #expect(size.width == Int((1.5 * Double(training.width)).rounded(.toNearestOrEven)))
        }
        let wide = try runtime.generate(GenerationRequest(outputScale: .relative(vertical: 1, horizontal: 1.5)))
        #expect(wide.shape == [1, 3, sizes.last!.height, sizes.last!.width])
        let exact = try runtime.generate(GenerationRequest(outputScale: .exact(ImageSize(height: 23, width: 61))))
        #expect(exact.shape == [1, 3, 23, 61])
    }

    /// Scales below the fresh-noise scale reproduce the training image's layout: generating with
    /// `.fresh(from: s)` equals injecting the upsampled reconstruction of scale s − 1 at scale s.
    @Test func belowTheStartScaleTheReconstructionNoiseIsUsed() throws {
        let s = runtime.scaleCount - 1
        let pyramid = try runtime.scalePyramid(for: "test"), sampler = pyramid.sampler
        var unused = RandomSource(seed: 0)
        let coarse = PyramidSampler(scales: Array(pyramid.scales.prefix(s)), scaleFactor: sampler.scaleFactor,
                                    noiseLayout: sampler.noiseLayout).finestOutput(mode: .reconstruction, random: &unused)
        let size = runtime.trainingSizes[s]
        let injected = BicubicResize.resize(coarse, scale: 1 / pyramid.geometry.scaleFactor)
            .cropped(origin: [0, 0, 0, 0], size: [1, 3, size.height, size.width])
        let started = try fresh().generate(GenerationRequest(noise: .fresh(from: s)))
        let injectedRun = try fresh().generate(GenerationRequest(startScale: s, injected: injected, noise: .fresh(from: s)))
        #expect(started == injectedRun)
        #expect(started != (try runtime.reconstruction()))
        #expect(try runtime.generate(GenerationRequest(noise: .fresh(from: runtime.scaleCount))) == (try runtime.reconstruction()))
    }

    @Test func givenNoiseMapsAreUsedAsTheyAre() throws {
        let sizes = runtime.trainingSizes
        let maps = try sizes.indices.map { try runtime.reconstructionNoise(at: $0, size: sizes[$0]) }
        #expect(try runtime.generate(GenerationRequest(noise: .given(maps))) == (try runtime.reconstruction()))
        let start = 1
        let later = try runtime.generate(GenerationRequest(startScale: start, noise: .given(Array(maps.dropFirst(start)))))
        #expect(later.shape == [1, 3, sizes.last!.height, sizes.last!.width])
    }

    @Test func badRequestsAreRefusedBeforeGenerating() throws {
        let count = runtime.scaleCount
        let cases: [(GenerationRequest, GenerationError)] = [
            (GenerationRequest(startScale: count), .startScaleOutOfRange(count, scaleCount: count)),
            (GenerationRequest(startScale: -1), .startScaleOutOfRange(-1, scaleCount: count)),
            (GenerationRequest(injected: Tensor.zeros([1, 3, 5, 5])),
             .injectedSizeMismatch(got: [1, 3, 5, 5], expected: runtime.trainingSizes[0], scale: 0)),
            (GenerationRequest(outputScale: .relative(vertical: 0, horizontal: 1)), .invalidFactor(0)),
            (GenerationRequest(outputScale: .relative(vertical: 0.01, horizontal: 1)),
             .outputTooSmall(scale: 0, size: ImageSize(height: 0, width: runtime.trainingSizes[0].width))),
            (GenerationRequest(noise: .given([])), .noiseMapCount(got: 0, expected: count)),
        ]
        for (request, expected) in cases {
            #expect(throws: expected) { try runtime.validate(request) }
        }
        #expect(throws: GenerationError.self) { try runtime.validate(GenerationRequest(outputScale: .relative(vertical: 1, horizontal: .nan))) }
        #expect(throws: GenerationError.self) { try runtime.validate(GenerationRequest(outputScale: .exact(ImageSize(height: 3000, width: 3000)))) }
        let wide = GenerationRequest(noise: .fresh(from: 1), outputScale: .relative(vertical: 1, horizontal: 1.5))
        #expect(throws: GenerationError.self) { try runtime.validate(wide) }
        #expect("\(GenerationError.startScaleOutOfRange(4, scaleCount: 4))".contains("0–3"))
    }

    @Test func anIncompleteModelIsRefused() throws {
        let pyramid = try Trainer().prepare(image: Tensor.zeros([1, 3, 34, 42]), config: TrainingConfig(), profile: .standard)
        #expect(throws: GenerationError.incompleteModel(path: "x.sgn", trained: 0, total: pyramid.scaleCount)) {
            try Runtime(model: pyramid, modelPath: "x.sgn", seed: 1)
        }
    }
}

/// Preparing an image for injection at a scale (`Runtime.injectionImage`).
@Suite struct InjectionTests {
    @Test func theImageArrivesAtTheScaleSizeBlurredLikeAnUpsampledOutput() throws {
        let runtime = try Runtime(contentsOf: TinyModel.path(), seed: 1)
        let finest = runtime.trainingImage(at: runtime.scaleCount - 1)
        for n in 1..<runtime.scaleCount {
            let size = runtime.trainingSizes[n]
            let injected = try runtime.injectionImage(from: finest, at: n)
            #expect(injected.shape == [1, 3, size.height, size.width])
            #expect(PixelRange.rootMeanSquareError(injected, runtime.trainingImage(at: n)) < 0.15)
            let direct = try runtime.injectionImage(from: finest, at: n, resize: .direct)
            #expect(PixelRange.rootMeanSquareError(direct, runtime.trainingImage(at: n)) < 0.01)
            let output = try runtime.generate(GenerationRequest(startScale: n, injected: injected, noise: .fresh(from: n)))
            #expect(output.shape == finest.shape)
        }
        let other = try runtime.injectionImage(from: Tensor.zeros([1, 3, 50, 20]), at: 2)
        #expect(other.shape == [1, 3, runtime.trainingSizes[2].height, runtime.trainingSizes[2].width])
        #expect(throws: GenerationError.injectionScaleOutOfRange(0, lowest: 1, scaleCount: runtime.scaleCount)) {
            try runtime.injectionImage(from: finest, at: 0)
        }
        #expect(try runtime.injectionImage(from: finest, at: 0, resize: .direct).shape[2] == runtime.trainingSizes[0].height)
    }
}
