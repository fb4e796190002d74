import Foundation
import Testing
import SinGANCheckpoint
@testable import SinGANModel
import SinGANTensor

/// Stops at one iteration and keeps the snapshot taken there.
final class SnapshottingObserver: TrainingObserver {
    let stopAt: (scale: Int, iteration: Int)
    var snapshot: ScaleSnapshot?
    init(stopAt: (scale: Int, iteration: Int)) { self.stopAt = stopAt }

    func scaleStarted(index: Int, count: Int, height: Int, width: Int, channels: Int) {}
    func iterationFinished(scale: Int, iteration: Int, of total: Int, losses: IterationLosses,
                           snapshot: () -> any TrainingSnapshot) -> Bool {
        guard scale == stopAt.scale, iteration == stopAt.iteration else { return true }
        self.snapshot = snapshot() as? ScaleSnapshot
        return false
    }
    func scaleFinished(index: Int, model: any GenerativeModel, seconds: Double) throws {}
}

/// Mid-scale snapshots: a run stopped in the middle of a scale, saved and read back, finishes with
/// the same model bit for bit as a run that was never stopped.
@Suite struct SnapshotTests {
    func uninterrupted(iterations: Int) throws -> TrainedPyramid {
        let trainer = Trainer()
        let pyramid = try trainer.prepare(image: testPicture(), config: tinyConfig(iterations: iterations), profile: .standard)
        try trainer.train(pyramid, image: testPicture(), observer: RecordingObserver())
        return pyramid
    }

    /// The archive without its timings (the only chunk two equal trainings may differ in).
    func archiveWithoutTimings(_ pyramid: TrainedPyramid) throws -> CheckpointArchive {
        var archive = try PyramidArchive.archive(pyramid, creator: "test")
        archive.removeChunk(named: TrainingTimes.chunkName)
        return archive
    }

    @Test(arguments: [(0, 2), (1, 0), (2, 4), (3, 5)])
    func resumingASnapshotGivesTheUninterruptedModel(stop: (scale: Int, iteration: Int)) throws {
        let trainer = Trainer()
        let pyramid = try trainer.prepare(image: testPicture(), config: tinyConfig(iterations: 6), profile: .standard)
        let observer = SnapshottingObserver(stopAt: stop)
        #expect(try !trainer.train(pyramid, image: testPicture(), observer: observer))
        let snapshot = try #require(observer.snapshot)
        #expect(snapshot.scaleIndex == stop.scale && snapshot.iterationsDone == stop.iteration + 1)

        // Through the file format: every snapshot tensor and counter survives exactly.
        let archive = try PyramidArchive.archive(pyramid, creator: "test", inProgress: snapshot)
        let bytes = try CheckpointWriter.encode(archive)
        let restored = try PyramidArchive.pyramid(from: try CheckpointReader.read(bytes: bytes))
        let loaded = try #require(restored.inProgress)
        #expect(loaded.iterationsDone == snapshot.iterationsDone && loaded.random == snapshot.random)
        #expect(loaded.generatorOptimizer.secondMoments == snapshot.generatorOptimizer.secondMoments)
        #expect(loaded.discriminator.parameters.map(\.value) == snapshot.discriminator.parameters.map(\.value))

        #expect(try trainer.train(restored, image: testPicture(), observer: RecordingObserver()))
        #expect(try archiveWithoutTimings(restored) == archiveWithoutTimings(try uninterrupted(iterations: 6)))
    }

    @Test func aSnapshotOfTheWrongScaleOrIterationIsRefused() throws {
        let trainer = Trainer()
        let pyramid = try trainer.prepare(image: testPicture(), config: tinyConfig(iterations: 6), profile: .standard)
        let observer = SnapshottingObserver(stopAt: (1, 3))
        _ = try trainer.train(pyramid, image: testPicture(), observer: observer)
        let archive = try PyramidArchive.archive(pyramid, creator: "test", inProgress: try #require(observer.snapshot))
        for (key, value) in [("scale", JSONValue.int(2)), ("iterationsDone", .int(7)), ("iterationsDone", .int(0)),
                             ("generatorOptimizerSteps", .int(-1)), ("noiseAmplitude", .double(-1))] {
            var changed = archive
            var model = changed.header["model"]!.objectValue!
            var snapshot = model["snapshot"]!.objectValue!
            snapshot[key] = value
            model["snapshot"] = .object(snapshot)
            changed.header["model"] = .object(model)
            #expect(throws: ModelFileError.self, "\(key) = \(value)") { try PyramidArchive.pyramid(from: changed) }
        }
        var withoutMoments = archive
        withoutMoments.removeChunk(named: "snapshot/adam/generator/tail.weight/v")
        #expect(throws: ModelFileError.self) { try PyramidArchive.pyramid(from: withoutMoments) }
    }

    @Test func timingsLiveInTheirOwnChunkAndOldHeadersStillRead() throws {
        let pyramid = try uninterrupted(iterations: 2)
        let archive = try PyramidArchive.archive(pyramid, creator: "test")
        #expect(archive.header["model"]?["secondsPerScale"]?.arrayValue?.isEmpty == true)
        #expect(try PyramidArchive.pyramid(from: archive).secondsPerScale == pyramid.secondsPerScale)
        // A file written before the chunk existed: the times are in the header.
        var old = archive
        old.removeChunk(named: TrainingTimes.chunkName)
        var model = old.header["model"]!.objectValue!
        model["secondsPerScale"] = .array([.double(1.5), .double(2), .double(3), .double(4.25)])
        old.header["model"] = .object(model)
        #expect(try PyramidArchive.pyramid(from: old).secondsPerScale == [1.5, 2, 3, 4.25])
    }
}
