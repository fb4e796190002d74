import Foundation
import Testing
import SinGANCheckpoint
import SinGANModel
import SinGANTensor

/// A tiny model trained once per test process.
enum TinyModel {
    nonisolated(unsafe) static let pyramid: TrainedPyramid = {
        let trainer = Trainer()
        let pyramid = try! trainer.prepare(image: testPicture(), config: tinyConfig(iterations: 4), profile: .standard)
        try! trainer.train(pyramid, image: testPicture(), observer: RecordingObserver())
        return pyramid
    }()
}

@Suite(.serialized) struct PyramidArchiveTests {
    func temporaryPath(_ name: String) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sgn-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent(name).path
    }

    @Test func roundTripIsBitExactAndSamplesIdentically() throws {
        let path = temporaryPath("m.sgn")
        try PyramidArchive.write(TinyModel.pyramid, creator: "test", to: path)
        let loaded = try PyramidArchive.read(from: path)
        let original = TinyModel.pyramid
        #expect(loaded.scales.count == original.scales.count)
        #expect(loaded.config == original.config && loaded.profile == original.profile)
        #expect(loaded.random == original.random)
        for (a, b) in zip(loaded.scales, original.scales) {
            #expect(a.real == b.real && a.reconstructionNoise == b.reconstructionNoise)
            #expect(a.noiseAmplitude == b.noiseAmplitude)
            #expect(a.generator.parameters.map(\.value) == b.generator.parameters.map(\.value))
            #expect(a.generator.buffers == b.generator.buffers)
        }
        // Writing the loaded model again gives the same bytes.
        let again = temporaryPath("again.sgn")
        try PyramidArchive.write(loaded, creator: "test", to: again)
        #expect(FileManager.default.contents(atPath: path) == FileManager.default.contents(atPath: again))
        // And the same seed draws the same sample from both.
        var r1 = RandomSource(seed: 5), r2 = RandomSource(seed: 5)
        #expect(loaded.sampler.finestOutput(mode: .random, random: &r1)
                == original.sampler.finestOutput(mode: .random, random: &r2))
    }

    @Test func containerDamageIsATypedError() throws {
        let path = temporaryPath("m.sgn")
        try PyramidArchive.write(TinyModel.pyramid, creator: "test", to: path)
        var bytes = [UInt8](FileManager.default.contents(atPath: path)!)
        bytes[bytes.count / 2] ^= 0x10
        let damaged = temporaryPath("damaged.sgn")
        FileManager.default.createFile(atPath: damaged, contents: Data(bytes))
        #expect(throws: CheckpointError.self) { try PyramidArchive.read(from: damaged) }
    }

    @Test func wrongShapesAndMissingChunksAreModelErrors() throws {
        var archive = try PyramidArchive.archive(TinyModel.pyramid, creator: "test")
        archive.set(.tensor(Tensor.zeros([3, 3])), named: "scale/00/generator/tail.weight")
        #expect(throws: ModelFileError.self) { try PyramidArchive.pyramid(from: archive) }
        var missing = try PyramidArchive.archive(TinyModel.pyramid, creator: "test")
        missing.removeChunk(named: "scale/01/real")
        let error = #expect(throws: ModelFileError.self) { try PyramidArchive.pyramid(from: missing) }
        #expect(error?.description.contains("scale/01/real is missing") == true)
        var nonFinite = try PyramidArchive.archive(TinyModel.pyramid, creator: "test")
        nonFinite.set(.tensor(Tensor(repeating: .nan, shape: TinyModel.pyramid.scales[0].real.shape)), named: "scale/00/real")
        #expect(throws: ModelFileError.self) { try PyramidArchive.pyramid(from: nonFinite) }
    }

    @Test func partialModelRecordsProgress() throws {
        let trainer = Trainer()
        let pyramid = try trainer.prepare(image: testPicture(), config: tinyConfig(iterations: 3), profile: .animation)
        let observer = RecordingObserver()
        observer.stopAfter = (1, 0)
        try trainer.train(pyramid, image: testPicture(), observer: observer)
        let loaded = try PyramidArchive.pyramid(from: try PyramidArchive.archive(pyramid, creator: "t"))
        #expect(loaded.scales.count == 1 && !loaded.isComplete)
        #expect(loaded.profile == .animation)
        #expect(loaded.lastDiscriminator != nil)
    }
}
