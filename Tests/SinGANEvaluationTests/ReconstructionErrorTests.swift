import SinGANEvaluation
import SinGANTensor
import Testing

/// The reconstruction RMSE in [0, 1] pixel values, clamped as saved images.
@Suite struct ReconstructionErrorTests {
    @Test func identicalImagesHaveNoError() {
        let image = TestImages.texture(height: 9, width: 13)
        #expect(ReconstructionError.rootMeanSquare(image, image) == 0)
    }

    @Test func knownDifferences() {
        #expect(ReconstructionError.rootMeanSquare(TestImages.constant(-1), TestImages.constant(1)) == 1)
        #expect(ReconstructionError.rootMeanSquare(TestImages.constant(-0.5), TestImages.constant(0.5)) == 0.5)
        // Values beyond the range are clamped first: 3 and 1 are both white.
        #expect(ReconstructionError.rootMeanSquare(TestImages.constant(3), TestImages.constant(1)) == 0)
        // Half the pixels off by 0.5: √(½ · 0.25).
        let half = Tensor(shape: [1, 1, 1, 2], scalars: [0, 1])
        let error = ReconstructionError.rootMeanSquare(half, Tensor(shape: [1, 1, 1, 2], scalars: [0, 0]))
        #expect(abs(error - 0.125.squareRoot()) < 1e-7)
    }
}
