import SinGANEvaluation
import SinGANTensor
import Testing

/// A stage that draws one saturated colour is a collapse; a reconstruction close to its image is not.
@Suite struct StageCollapseTests {
    /// Two colours per channel, half the pixels each: display values 0.25 and 0.75 (model −0.5, 0.5).
    static let halves = Tensor(shape: [1, 3, 2, 2], scalars: (0..<3).flatMap { _ in [Float(-0.5), 0.5, -0.5, 0.5] })

    @Test func theFlatImageDistanceIsTheImagesSpreadAroundItsMeanColour() {
        let check = StageCollapse(reconstruction: Self.halves, image: Self.halves)
        #expect(check.reconstructionRMSE == 0)
        #expect(abs(check.flatRMSE - 0.25) < 1e-9)
        #expect(!check.isCollapsed)
    }

    @Test func aSaturatedConstantIsACollapse() {
        // tanh saturated at −1 (black): 0.25 and 0.75 from 0, RMSE √((0.0625 + 0.5625)/2) ≈ 0.559, 2.2× the flat 0.25.
        let black = Tensor(shape: [1, 3, 2, 2], scalars: [Float](repeating: -1, count: 12))
        let check = StageCollapse(reconstruction: black, image: Self.halves)
        #expect(abs(check.reconstructionRMSE - 0.3125.squareRoot()) < 1e-6)
        #expect(check.isCollapsed)
    }

    @Test func aRoughReconstructionIsNotACollapse() {
        // Display values 0.375 and 0.625 (flat distance 0.125), every pixel 0.15 too bright: 1.2× the flat
        // distance, under the 1.5 of a collapse.
        let image = Tensor(shape: [1, 3, 2, 2], scalars: Self.halves.scalars.map { $0 / 2 })
        let rough = Tensor(shape: [1, 3, 2, 2], scalars: image.scalars.map { $0 + 0.3 })
        let check = StageCollapse(reconstruction: rough, image: image)
        #expect(abs(check.flatRMSE - 0.125) < 1e-9)
        #expect(abs(check.reconstructionRMSE - 0.15) < 1e-6)
        #expect(!check.isCollapsed)
    }

    @Test func aNearlyFlatImageIsNotACollapseForItsFlatDistance() {
        // A flat photo (a wall): every pixel 0.5 but one at 0.54 (flat distance ≈ 0.0173); a
        // reconstruction 0.035 too bright everywhere is 2× that, yet a picture of the wall.
        var scalars = [Float](repeating: 0, count: 12)
        scalars[0] = 0.08
        let wall = Tensor(shape: [1, 3, 2, 2], scalars: scalars)
        let close = Tensor(shape: [1, 3, 2, 2], scalars: scalars.map { $0 + 0.07 })
        let check = StageCollapse(reconstruction: close, image: wall)
        #expect(check.reconstructionRMSE > StageCollapse.collapseRatio * check.flatRMSE)
        #expect(!check.isCollapsed)
        // The same wall drawn black by a saturated stage is a collapse.
        let black = Tensor(shape: [1, 3, 2, 2], scalars: [Float](repeating: -1, count: 12))
        #expect(StageCollapse(reconstruction: black, image: wall).isCollapsed)
    }
}
