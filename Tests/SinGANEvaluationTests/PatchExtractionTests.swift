import SinGANEvaluation
import SinGANTensor
import Testing

/// Every window at stride 1, laid out channel, row, column; a seeded subset above the maximum.
@Suite struct PatchExtractionTests {
    @Test func everyWindowInChannelRowColumnOrder() {
        let image = Tensor(shape: [1, 2, 3, 4], scalars: (0..<24).map(Float.init))
        let patches = PatchExtraction(size: 2, seed: 1).patches(of: image)
        #expect(patches.dimension == 8 && patches.count == 2 * 3)
        #expect(Array(patches.values[0..<8]) == [0, 1, 4, 5, 12, 13, 16, 17])
        #expect(Array(patches.values[40..<48]) == [6, 7, 10, 11, 18, 19, 22, 23])
    }

    @Test func aSubsetOfTheMaximumSizeDependingOnlyOnTheSeed() {
        let extraction = PatchExtraction(size: 7, maximumCount: 50, seed: 9)
        let kept = extraction.keptPositions(total: 400)
        #expect(kept.count == 50 && Set(kept).count == 50 && kept == kept.sorted() && kept.allSatisfy { (0..<400).contains($0) })
        #expect(extraction.keptPositions(total: 400) == kept)
        #expect(PatchExtraction(size: 7, maximumCount: 50, seed: 10).keptPositions(total: 400) != kept)
        #expect(extraction.keptPositions(total: 50) == Array(0..<50))
    }

    @Test func identicalImagesGiveIdenticalSets() {
        let extraction = PatchExtraction(maximumCount: 30, seed: 4)
        let image = TestImages.noise(height: 20, width: 16, seed: 2)
        #expect(extraction.patches(of: image) == extraction.patches(of: image))
        #expect(extraction.patches(of: image).count == 30)
        #expect(!extraction.fits(height: 6, width: 40) && extraction.fits(height: 7, width: 7))
    }
}
