import Foundation
import Testing
import SinGANCheckpoint
@testable import SinGANModel
import SinGANNN
import SinGANTensor

/// Stops a ConSinGAN training at one iteration and keeps the snapshot taken there.
final class GrowingSnapshotObserver: TrainingObserver {
    let stopAt: (stage: Int, iteration: Int)?
    var snapshot: GrowingSnapshot?
    /// The generator's parameter values after each finished stage.
    var finishedGenerators: [[Tensor]] = []
    init(stopAt: (stage: Int, iteration: Int)? = nil) { self.stopAt = stopAt }

    func scaleStarted(index: Int, count: Int, height: Int, width: Int, channels: Int) {}
    func iterationFinished(scale: Int, iteration: Int, of total: Int, losses: IterationLosses,
                           snapshot: () -> any TrainingSnapshot) -> Bool {
        guard let stopAt, scale == stopAt.stage, iteration == stopAt.iteration else { return true }
        self.snapshot = snapshot() as? GrowingSnapshot
        return false
    }
    func scaleFinished(index: Int, model: any GenerativeModel, seconds: Double) throws {
        finishedGenerators.append((model as! TrainedGrowingModel).generator!.parameters.map(\.value))
    }
}

/// The ConSinGAN family: its stage geometry, what concurrent training trains, the archive, and a
/// resumed training that ends where an uninterrupted one does.
@Suite struct GrowingModelTests {
    static func settings(stages: Int = 4, batchNorm: Bool = false) -> GrowingSettings {
        var settings = GrowingSettings()
        settings.stages = stages
        settings.width = 8
        settings.batchNorm = batchNorm
        return settings
    }

    static func trained(iterations: Int = 3, stages: Int = 4, batchNorm: Bool = false,
                        observer: TrainingObserver = GrowingSnapshotObserver()) throws -> TrainedGrowingModel {
        let model = try GrowingTrainer().prepare(image: testPicture(), config: tinyConfig(iterations: iterations),
                                                 settings: settings(stages: stages, batchNorm: batchNorm))
        try GrowingTrainer().train(model, image: testPicture(), observer: observer)
        return model
    }

    /// The official rescaling puts more stages at low resolution: a 188×250 image with the
    /// defaults has short sides 25, 32, 42, 63, 126, 188 (the official code computes the same; see Tests/ConSinGANFixtures).
    @Test func stagesFollowTheOfficialRescaling() throws {
        let stages = try GrowingStages(imageSize: ImageSize(height: 188, width: 250), stages: 6, minSize: 25, maxSize: 250)
        #expect(stages.sizes.map(\.height) == [25, 32, 42, 63, 126, 188])
        #expect(stages.sizes.last == ImageSize(height: 188, width: 250))
        #expect(throws: PyramidError.self) { try GrowingStages(imageSize: ImageSize(height: 20, width: 30), stages: 6, minSize: 25, maxSize: 250) }
    }

    /// Only the last three bodies train at a stage (rates 5e-6, 5e-5, 5e-4), the head only while
    /// fewer than three stages exist, the tail always; a new stage starts as a copy of the last.
    @Test func concurrentTrainingTrainsTheLastThreeStages() throws {
        let observer = GrowingSnapshotObserver()
        let model = try Self.trained(iterations: 2, stages: 4, observer: observer)
        let generator = model.generator!
        let stage = GrowingStageTrainer(config: model.config, settings: model.settings, depth: 3, reals: [], draws: nil)
        let rates = stage.parameterGroups(of: generator).map(\.rate)
        #expect(rates == [2, 1, 0].map { Float(0.0005) * pow(Float(0.1), Float($0)) } + [0.0005], "bodies 1–3, then the tail")
        let early = GrowingStageTrainer(config: model.config, settings: model.settings, depth: 1, reals: [], draws: nil)
        #expect(early.parameterGroups(of: generator).count == 3 + 1 + 1, "three bodies, the head, the tail")
        // Stage 3 changed neither the head nor body 0 (frozen), but changed bodies 1–3 and the tail.
        let counts = [generator.head.parameters.count] + generator.bodies.map { $0.flatMap(\.parameters).count }
        let before = observer.finishedGenerators[2], after = observer.finishedGenerators[3]
        let headAndFirst = counts[0] + counts[1]
        #expect(Array(before[..<headAndFirst]) == Array(after[..<headAndFirst]))
        let body1 = headAndFirst..<(headAndFirst + counts[2])
        #expect(Array(before[body1]) != Array(after[body1]))
        #expect(before.last != after.last, "the tail trains at every stage")
    }

    /// Sampling draws stage 0 noise [1, 3, H, W] and width-channel noise padded by 2·layers above.
    @Test func noiseShapesAndReconstruction() throws {
        let model = try Self.trained()
        let sizes = model.stageSizes
        #expect(model.noiseShape(at: 0, size: sizes[0]) == [1, 3, sizes[0].height, sizes[0].width])
        #expect(model.noiseShape(at: 2, size: sizes[2]) == [1, 8, sizes[2].height + 6, sizes[2].width + 6])
        #expect(model.reconstructionInputs[0] == model.reals[0], "stage 0 reconstructs from the coarsest image")
        var random = RandomSource(seed: 1)
        let reconstruction = model.generate(from: 0, initial: nil, sizes: sizes, random: &random) { k, size, _ in
            model.reconstructionNoise(at: k, size: size)!
        }
        let sample = model.previewSample(random: &random)
        #expect(reconstruction.shape == [1, 3, sizes[3].height, sizes[3].width] && sample.shape == reconstruction.shape)
        #expect(reconstruction != sample)
        #expect(model.reconstructionNoise(at: 1, size: ImageSize(height: 5, width: 5)) == nil, "only at the training size")
    }

    /// Written and read back, the model generates the same images; the file is format 2.0 (2.1 with
    /// BatchNorm, whose weights are required chunks a 2.0 reader refuses by name) and says its family.
    @Test(arguments: [false, true])
    func archiveRoundTrip(batchNorm: Bool) throws {
        let model = try Self.trained(batchNorm: batchNorm)
        let bytes = try CheckpointWriter.encode(try GrowingArchive.archive(model, creator: "test"))
        let archive = try CheckpointReader.read(bytes: bytes)
        #expect(archive.formatVersion == CheckpointFormatVersion(major: 2, minor: batchNorm ? 1 : 0))
        #expect((archive.chunk(named: "generator/body.3.block2.norm.weight")?.isRequired ?? false) == batchNorm)
        #expect(try ModelArchive.family(of: archive) == .consingan)
        let read = try #require(try ModelArchive.model(from: archive) as? TrainedGrowingModel)
        #expect(read.generator!.parameters.map(\.value) == model.generator!.parameters.map(\.value))
        #expect(read.noiseAmplitudes == model.noiseAmplitudes && read.reconstructionInputs == model.reconstructionInputs)
        var a = RandomSource(seed: 4), b = RandomSource(seed: 4)
        #expect(read.previewSample(random: &a) == model.previewSample(random: &b))
    }

    /// A family this version does not know, and a 2.x file without one, are refused with one line.
    @Test func unknownFamiliesAreRefused() throws {
        var archive = try GrowingArchive.archive(try Self.trained(iterations: 1, stages: 3), creator: "test")
        archive.header[ModelArchive.familyKey] = .string("stylegan")
        #expect(throws: ModelFileError.unknownFamily("stylegan")) { try ModelArchive.model(from: archive) }
        #expect(ModelFileError.unknownFamily("stylegan").description
                == "the model is of the family 'stylegan', which this version of singan-edit does not know (written by a newer version); upgrade singan-edit")
        archive.header[ModelArchive.familyKey] = nil
        #expect(throws: ModelFileError.missing("the header member 'family' (required from format 2.0)")) { try ModelArchive.model(from: archive) }
    }

    /// Stopped in the middle of a stage, saved, read back and resumed, training ends with the same
    /// model bit for bit as a run that was never stopped.
    @Test(arguments: [(0, 1, false), (2, 0, false), (3, 2, false), (2, 1, true)])
    func resumedTrainingEqualsUninterrupted(stage: Int, iteration: Int, batchNorm: Bool) throws {
        let whole = try Self.trained(iterations: 4, batchNorm: batchNorm)
        let observer = GrowingSnapshotObserver(stopAt: (stage, iteration))
        let model = try GrowingTrainer().prepare(image: testPicture(), config: tinyConfig(iterations: 4),
                                                 settings: Self.settings(batchNorm: batchNorm))
        #expect(try GrowingTrainer().train(model, image: testPicture(), observer: observer) == false)
        let snapshot = try #require(observer.snapshot)
        let bytes = try CheckpointWriter.encode(try GrowingArchive.archive(model, creator: "test", inProgress: snapshot))
        let saved = try GrowingArchive.model(from: try CheckpointReader.read(bytes: bytes))
        #expect(saved.inProgress?.iterationsDone == iteration + 1)
        try GrowingTrainer().train(saved, image: testPicture(), observer: GrowingSnapshotObserver())
        #expect(saved.generator!.parameters.map(\.value) == whole.generator!.parameters.map(\.value))
        #expect(saved.lastDiscriminator!.parameters.map(\.value) == whole.lastDiscriminator!.parameters.map(\.value))
        #expect(saved.noiseAmplitudes == whole.noiseAmplitudes && saved.random == whole.random)
    }
}
