import SinGANEvaluation
import SinGANModel
import SinGANTensor
import Testing

/// The multi-scale patch SWD: 0 for the image itself, small for its shuffled tiles, large for noise.
@Suite struct MultiScalePatchDistanceTests {
    let image = TestImages.texture(height: 64, width: 64)

    func measure(_ reference: Tensor) -> MultiScalePatchDistance {
        MultiScalePatchDistance(reference: reference, maximumPatches: 2_000, directionCount: 64, seed: 11)
    }

    @Test func levelsHalveTheSizeAndStopAtThePatchSize() {
        #expect(measure(image).levelSizes == [ImageSize(height: 64, width: 64), ImageSize(height: 32, width: 32),
                                               ImageSize(height: 16, width: 16)])
        let small = measure(TestImages.texture(height: 20, width: 30))
        #expect(small.levelSizes == [ImageSize(height: 20, width: 30), ImageSize(height: 10, width: 15)])
        #expect(measure(TestImages.texture(height: 6, width: 30)).levelCount == 0)
        #expect(MultiScalePatchDistance.factor(ofLevel: 2) == 0.25)
    }

    @Test func theImageItselfIsAtDistanceZero() {
        #expect(measure(image).distances(to: image) == [0, 0, 0])
    }

    @Test func shuffledTilesAreCloseAndNoiseIsFar() {
        let distance = measure(image)
        let shuffled = distance.distances(to: TestImages.blockShuffled(image, block: 16, seed: 1))
        let noise = distance.distances(to: TestImages.noise(height: 64, width: 64, seed: 8))
        let flat = distance.distances(to: TestImages.constant(0, height: 64, width: 64))
        // Downsampling averages noise towards flat grey, so it is farthest at full size.
        #expect(shuffled[0] > 0 && shuffled[0] < 0.2 * noise[0], "\(shuffled) vs \(noise)")
        for level in 0..<3 {
            #expect(shuffled[level] > 0 && shuffled[level] < 0.5 * noise[level], "level \(level): \(shuffled) vs \(noise)")
            #expect(shuffled[level] < 0.25 * flat[level], "level \(level): \(shuffled) vs flat \(flat)")
        }
    }
}
