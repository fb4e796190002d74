import Foundation
import Testing
import SinGANModel
import SinGANTensor

/// What applications build on a trained model: a scale retrained with changed previous images,
/// the model with that scale replaced, its fingerprint and annotations in the file.
@Suite struct DerivedModelTests {
    func temporaryPath(_ name: String) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("derived-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent(name).path
    }

    /// Scale 1 of the tiny model trained again for 2 iterations, with `transform`.
    func retrainScaleOne(transform: ((Tensor) -> Tensor)?) -> ScaleState {
        let pyramid = TinyModel.pyramid
        var config = pyramid.config
        config.iterations = 2
        var random = RandomSource(seed: 9)
        let width = config.width(atScale: 1)
        let generator = Generator(width: width, random: &random), discriminator = Discriminator(width: width, random: &random)
        let coarser = PyramidSampler(scales: [pyramid.scales[0]], scaleFactor: pyramid.geometry.scaleFactor,
                                     noiseLayout: pyramid.profile.noiseLayout)
        let trainer = ScaleTrainer(config: config, profile: pyramid.profile, scaleIndex: 1, real: pyramid.scales[1].real,
                                   sampler: coarser, previousImageTransform: transform)
        return trainer.train(generator: generator, discriminator: discriminator, random: &random) { _, _, _ in true }!
    }

    @Test func thePreviousImageTransformSeesEveryPaddedPreviousImage() {
        var shapes: [[Int]] = []
        let identity = retrainScaleOne { shapes.append($0.shape); return $0 }
        let plain = retrainScaleOne(transform: nil)
        let size = TinyModel.pyramid.scales[1].size
        // z_prev at the start and once found, then prev for each of 3 D steps × 2 iterations.
        #expect(shapes == Array(repeating: [1, 3, size.height + 10, size.width + 10], count: 2 + 6))
        #expect(identity.generator.parameters.map(\.value) == plain.generator.parameters.map(\.value))
        #expect(identity.noiseAmplitude == plain.noiseAmplitude)
        let zeroed = retrainScaleOne { $0 * 0 }
        #expect(zeroed.generator.parameters.map(\.value) != plain.generator.parameters.map(\.value))
        // The amplitude is measured on the unchanged reconstruction.
        #expect(zeroed.noiseAmplitude == plain.noiseAmplitude)
    }

    @Test func replacingAScaleChangesTheFingerprintOnly() throws {
        let original = TinyModel.pyramid
        let retrained = retrainScaleOne(transform: nil)
        let derived = original.replacingScale(1, with: retrained)
        #expect(derived.fingerprint != original.fingerprint)
        #expect(derived.fingerprint.count == 16 && original.fingerprint == TinyModel.pyramid.fingerprint)
        #expect(derived.scales[1].generator === retrained.generator && original.scales[1].generator !== retrained.generator)
        #expect(derived.scales[0].generator === original.scales[0].generator && derived.isComplete == original.isComplete)
    }

    @Test func annotationsAndTheFingerprintSurviveTheFile() throws {
        let path = temporaryPath("m.sgn"), plain = temporaryPath("plain.sgn")
        let notes = ["paint.scale": "1", "paint.source-fingerprint": TinyModel.pyramid.fingerprint]
        try PyramidArchive.write(TinyModel.pyramid, creator: "test", annotations: notes, to: path)
        try PyramidArchive.write(TinyModel.pyramid, creator: "test", to: plain)
        #expect(try PyramidArchive.annotations(at: path) == notes)
        #expect(try PyramidArchive.annotations(at: plain).isEmpty)
        #expect(try PyramidArchive.read(from: path).fingerprint == TinyModel.pyramid.fingerprint)
    }
}
