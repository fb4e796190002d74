import SinGANEvaluation
import SinGANTensor
import Testing
@testable import singan_edit

/// The collapse warning's wording: how far the reconstruction is, in numbers a user can read.
@Suite struct CollapseWarningTests {
    @Test func theWarningGivesTheRatioToTheFlatImagesDistance() {
        // Display values 0.25 and 0.75 (flat distance 0.25) and a black reconstruction (RMSE ≈ 0.559).
        let image = Tensor(shape: [1, 3, 2, 2], scalars: (0..<3).flatMap { _ in [Float(-0.5), 0.5, -0.5, 0.5] })
        let black = Tensor(shape: [1, 3, 2, 2], scalars: [Float](repeating: -1, count: 12))
        let message = CollapseWarning.message(scale: 0, StageCollapse(reconstruction: black, image: image))
        #expect(message.hasPrefix("scale 1 has not learned the image: its reconstruction is 2.2× as far from it as "
                                  + "a flat image of its mean colour (RMSE 0.559 against 0.250), so its samples"), "\(message)")
    }

    @Test func aPerfectlyFlatImageGetsNoInfiniteRatio() {
        // A black image and a white reconstruction: the flat image's distance is 0, the ratio infinite.
        let black = Tensor(shape: [1, 3, 2, 2], scalars: [Float](repeating: -1, count: 12))
        let white = Tensor(shape: [1, 3, 2, 2], scalars: [Float](repeating: 1, count: 12))
        let check = StageCollapse(reconstruction: white, image: black)
        #expect(check.isCollapsed)
        let message = CollapseWarning.message(scale: 2, check)
        #expect(!message.contains("inf") && !message.contains("nan"), "\(message)")
        #expect(message.hasPrefix("scale 3 has not learned the image: its reconstruction is RMSE 1.000 from it while "
                                  + "the image is nearly a flat colour (RMSE 0.000 from its mean colour), so its samples"),
                "\(message)")
    }
}
