import Testing
import SinGANModel
import SinGANTensor

/// Records losses and saved pyramids.
final class RecordingObserver: TrainingObserver {
    var reconstruction: [[Float]] = []
    var finished: [Int] = []
    var stopAfter: (scale: Int, iteration: Int)?

    func scaleStarted(index: Int, count: Int, height: Int, width: Int, channels: Int) { reconstruction.append([]) }
    func iterationFinished(scale: Int, iteration: Int, of total: Int, losses: IterationLosses,
                           snapshot: () -> any TrainingSnapshot) -> Bool {
        reconstruction[reconstruction.count - 1].append(losses.reconstruction)
        if let stop = stopAfter, stop.scale == scale, stop.iteration == iteration { return false }
        return true
    }
    func scaleFinished(index: Int, model: any GenerativeModel, seconds: Double) throws { finished.append(index) }
}

/// A small structured test picture in [−1, 1]: stripes and blobs.
func testPicture(height: Int = 34, width: Int = 42) -> Tensor {
    var t = Tensor.zeros([1, 3, height, width])
    for c in 0..<3 { for y in 0..<height { for x in 0..<width {
        let stripes = Float((x / 4 + y / 6 + c) % 2) * 0.8 - 0.4
        let blob = Float(((x - 20) * (x - 20) + (y - 15) * (y - 15)) < 40 ? 0.5 : 0)
        t[0, c, y, x] = max(-1, min(1, stripes + blob - 0.1 * Float(c)))
    } } }
    return t
}

func tinyConfig(iterations: Int = 40) -> TrainingConfig {
    var config = TrainingConfig()
    config.maxSize = 42
    config.minSize = 25
    config.iterations = iterations
    config.seed = 3
    return config
}

@Suite struct TrainerTests {
    @Test func shortTrainingFinishesAndReconstructionImproves() throws {
        let trainer = Trainer()
        let pyramid = try trainer.prepare(image: testPicture(), config: tinyConfig(iterations: 25), profile: .standard)
        let observer = RecordingObserver()
        #expect(try trainer.train(pyramid, image: testPicture(), observer: observer))
        #expect(pyramid.isComplete)
        #expect(observer.finished == Array(0..<pyramid.scaleCount))
        // Above the coarsest scale the reconstruction must improve quickly. (At scale 0 the
        // official recipe re-draws z* every iteration, so 25 iterations show no clear trend.)
        for losses in observer.reconstruction.dropFirst() {
            let early = losses.prefix(5).reduce(0, +) / 5, late = losses.suffix(5).reduce(0, +) / 5
            #expect(late < early, "reconstruction loss \(early) → \(late)")
        }
        // Generated image keeps the real image's size at every scale; amplitudes are positive.
        for (n, scale) in pyramid.scales.enumerated() {
            #expect(scale.real.shape == [1, 3, pyramid.geometry.levelSizes[n].height, pyramid.geometry.levelSizes[n].width])
            #expect(scale.noiseAmplitude > 0)
        }
        #expect(pyramid.scales[0].noiseAmplitude == 1)
    }

    @Test func stoppingDiscardsTheUnfinishedScaleAndResumeCompletes() throws {
        let trainer = Trainer()
        let image = testPicture()
        let pyramid = try trainer.prepare(image: image, config: tinyConfig(iterations: 6), profile: .standard)
        let observer = RecordingObserver()
        observer.stopAfter = (1, 2)
        #expect(try !trainer.train(pyramid, image: image, observer: observer))
        #expect(pyramid.scales.count == 1)
        observer.stopAfter = nil
        #expect(try trainer.train(pyramid, image: image, observer: observer))
        #expect(pyramid.isComplete)
    }
}
