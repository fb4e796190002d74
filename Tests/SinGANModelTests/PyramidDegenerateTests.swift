import Testing
import SinGANModel
import SinGANTensor

@Suite("Degenerate pyramid geometry gives typed errors")
struct PyramidDegenerateTests {
    private func error(_ height: Int, _ width: Int, minSize: Int = 25, maxSize: Int = 250,
                       scaleFactor: Double = 0.75,
                       variant: ScalePyramid.Variant = .standard) -> PyramidError? {
        do {
            _ = try ScalePyramid(imageSize: ImageSize(height: height, width: width), minSize: minSize,
                                 maxSize: maxSize, scaleFactor: scaleFactor, variant: variant)
            return nil
        } catch {
            return error
        }
    }

    @Test func imageBelowMinSize() {
        let failure = error(20, 30)
        #expect(failure == .imageSmallerThanMinSize(ImageSize(height: 20, width: 30), minSize: 25))
        #expect(failure?.description
            == "image 30×20 is smaller than the minimum size 25 px; use a larger image or --min-size ≤ 20")
    }

    @Test func elongatedImageWithFactorAboveOne() {
        // Official: levels 25×261 then 24×250 (scale factor > 1).
        guard case .tooElongated(_, let scaled, _, _, let suggested)? = error(31, 333) else {
            Issue.record("expected tooElongated"); return
        }
        #expect(scaled == ImageSize(height: 24, width: 250))
        #expect(suggested > 250 && suggested <= 333)
        #expect(error(31, 333, maxSize: suggested) == nil)
    }

    @Test func stopScaleZeroAndNegative() {
        // Official: 64×1024 divides by zero (stop scale 0); 30×2000 gives an empty pyramid.
        guard case .tooElongated(_, let scaled, _, _, _)? = error(64, 1024) else {
            Issue.record("expected tooElongated for 64×1024"); return
        }
        #expect(scaled == ImageSize(height: 16, width: 250))
        guard case .tooElongated? = error(30, 2000) else { Issue.record("expected tooElongated for 30×2000"); return }
        // 33×334 scales to 25×250 but still has stop scale 0.
        #expect(error(33, 334) == .noCoarserScales(ImageSize(height: 33, width: 334), stopScale: 0,
                                                   minSize: 25, maxSize: 250))
    }

    @Test func invalidParameters() {
        #expect(error(0, 10) == .emptyImage(ImageSize(height: 0, width: 10)))
        #expect(error(-3, 10) == .emptyImage(ImageSize(height: -3, width: 10)))
        #expect(error(100, 100, minSize: 0) == .invalidMinSize(0))
        #expect(error(100, 100, minSize: 30, maxSize: 20) == .maxSizeBelowMinSize(maxSize: 20, minSize: 30))
        #expect(error(100, 100, scaleFactor: 1) == .invalidScaleFactor(1))
        #expect(error(100, 100, scaleFactor: 0) == .invalidScaleFactor(0))
        #expect(error(100, 100, scaleFactor: .nan) != nil)
    }

    @Test func superResolutionVariantDegenerate() {
        #expect(error(10, 10, minSize: 18, variant: .superResolution) != nil)
        #expect(error(18, 2000, minSize: 18, variant: .superResolution) != nil)
        #expect(throws: PyramidError.superResolutionFactorTooSmall(1)) { try SuperResolutionSchedule(factor: 1) }
        #expect(throws: PyramidError.self) { try SuperResolutionSchedule(factor: 1.1) }
        #expect(throws: PyramidError.self) { try SuperResolutionSchedule(factor: .nan) }
        #expect((try? SuperResolutionSchedule(factor: 1.2))?.iterationCount == 1)
    }

    /// Sweeps many shapes and parameters: each either builds a consistent pyramid or throws.
    @Test func sweepNeverTraps() {
        for height in stride(from: 1, through: 1200, by: 37) {
            for width in stride(from: 1, through: 1200, by: 41) {
                for (minSize, maxSize) in [(25, 250), (20, 250), (25, 128), (18, 250)] {
                    for variant in [ScalePyramid.Variant.standard, .superResolution] {
                        let size = ImageSize(height: height, width: width)
                        guard let pyramid = try? ScalePyramid(imageSize: size, minSize: minSize,
                                                              maxSize: maxSize, variant: variant) else { continue }
                        #expect(pyramid.levelCount == pyramid.stopScale + 1)
                        #expect(pyramid.stopScale >= 1 && pyramid.scaleFactor <= 1)
                        #expect(pyramid.levelSizes.last == pyramid.finestSize)
                        #expect(pyramid.coarsestSize.shortSide >= minSize)
                    }
                }
            }
        }
    }

    @Test func realsFollowLevelSizes() throws {
        let pyramid = try ScalePyramid(imageSize: ImageSize(height: 40, width: 61))
        var random = SystemRandomNumberGenerator()
        let image = Tensor(shape: [1, 3, 40, 61], scalars: (0..<(3 * 40 * 61)).map { _ in
            Float.random(in: -1...1, using: &random)
        })
        let reals = pyramid.reals(from: image)
        #expect(reals.map { [$0.shape[2], $0.shape[3]] } == pyramid.levelSizes.map { [$0.height, $0.width] })
        #expect(reals.last == BicubicResize.resize(BicubicResize.resize(image, scale: pyramid.scale1), scale: 1))
    }
}
