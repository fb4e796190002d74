import Testing
import SinGANModel

@Suite("ScalePyramid against the official geometry")
struct ScalePyramidTests {
    /// Checks every field of `pyramid` against the official `fixture`.
    private func check(_ pyramid: ScalePyramid, against fixture: PyramidFixtures.Case, _ label: String) {
        let tag = Comment(rawValue: "\(label) \(fixture.inputHw)")
        #expect(pyramid.numScales == fixture.numScales, tag)
        #expect(pyramid.stopScale == fixture.stopScale, tag)
        #expect(pyramid.scaleToStop == fixture.scale2stop, tag)
        #expect(isClose(pyramid.scale1, fixture.scale1, relative: 1e-12), tag)
        #expect(isClose(pyramid.scaleFactor, fixture.scaleFactor, relative: 1e-12), tag)
        #expect([pyramid.finestSize.height, pyramid.finestSize.width] == fixture.scaledRealHw, tag)
        #expect(pyramid.levelScales.count == fixture.levelScales.count, tag)
        for (ours, theirs) in zip(pyramid.levelScales, fixture.levelScales) {
            #expect(isClose(ours, theirs, relative: 1e-12), tag)
        }
        #expect(pyramid.levelSizes.map { [$0.height, $0.width] } == fixture.realsHw, tag)
    }

    private func size(_ hw: [Int]) -> ImageSize { ImageSize(height: hw[0], width: hw[1]) }

    @Test func defaultConfiguration() throws {
        let fixtures = try Fixture.pyramid()
        #expect(fixtures.default.count == 12)
        for fixture in fixtures.default {
            let pyramid = try ScalePyramid(imageSize: size(fixture.inputHw), minSize: fixture.minSize,
                                           maxSize: fixture.maxSize, scaleFactor: fixture.scaleFactorInit)
            check(pyramid, against: fixture, "default")
        }
    }

    @Test func defaultsMatchOfficialConfig() throws {
        let pyramid = try ScalePyramid(imageSize: ImageSize(height: 375, width: 500))
        #expect(pyramid.minSize == 25 && pyramid.maxSize == 250 && pyramid.initialScaleFactor == 0.75)
        #expect(pyramid.levelSizes.first == ImageSize(height: 25, width: 34))
        #expect(pyramid.levelSizes.last == ImageSize(height: 188, width: 250))
    }

    @Test func maxSize128() throws {
        let fixtures = try Fixture.pyramid()
        #expect(fixtures.maxSize128.count == 4)
        for fixture in fixtures.maxSize128 {
            let pyramid = try ScalePyramid(imageSize: size(fixture.inputHw), minSize: fixture.minSize,
                                           maxSize: fixture.maxSize, scaleFactor: fixture.scaleFactorInit)
            check(pyramid, against: fixture, "max_size_128")
        }
    }

    @Test func animationMinSize20() throws {
        let fixtures = try Fixture.pyramid()
        #expect(fixtures.animationMinSize20.cases.count == 4)
        for fixture in fixtures.animationMinSize20.cases {
            let pyramid = try ScalePyramid(imageSize: size(fixture.inputHw), minSize: fixture.minSize,
                                           maxSize: fixture.maxSize, scaleFactor: fixture.scaleFactorInit)
            check(pyramid, against: fixture, "animation")
        }
    }

    @Test func superResolutionTrainingAndInference() throws {
        let fixtures = try Fixture.pyramid()
        #expect(fixtures.sr.cases.count == 3)
        for fixture in fixtures.sr.cases {
            let schedule = try SuperResolutionSchedule(factor: try #require(fixture.srFactor))
            #expect(isClose(schedule.scaleFactor, fixture.scaleFactorInit, relative: 1e-12))
            #expect(fixture.minSize == SuperResolutionSchedule.minSize)

            let pyramid = try schedule.pyramid(for: size(fixture.inputHw), maxSize: fixture.maxSize)
            check(pyramid, against: fixture, "sr")
            let explicit = try ScalePyramid(imageSize: size(fixture.inputHw), minSize: fixture.minSize,
                                            maxSize: fixture.maxSize, scaleFactor: fixture.scaleFactorInit,
                                            variant: .superResolution)
            #expect(explicit == pyramid)

            let inference = try #require(fixture.inference)
            #expect(schedule.iterationCount == inference.iterNum)
            #expect(isClose(schedule.inScale, inference.inScale, relative: 1e-12))
            #expect(isClose(schedule.upscaleStep, inference.upscaleStep, relative: 1e-12))
            let chain = schedule.chain(from: pyramid.finestSize)
            #expect(chain.map { [$0.height, $0.width] } == inference.realsSrHw, "sr \(fixture.inputHw)")
            let crop = schedule.finalCrop(for: pyramid.finestSize)
            #expect([crop.height, crop.width] == inference.finalCropHw, "sr \(fixture.inputHw)")
        }
    }

    @Test func superResolutionParameters() throws {
        let fixtures = try Fixture.pyramid()
        #expect(fixtures.sr.inferenceParams.count == 3)
        for params in fixtures.sr.inferenceParams {
            let schedule = try SuperResolutionSchedule(factor: params.srFactor)
            #expect(schedule.iterationCount == params.iterNum, "sr_factor \(params.srFactor)")
            #expect(isClose(schedule.inScale, params.inScale, relative: 1e-12))
            #expect(isClose(schedule.scaleFactor, params.scaleFactor, relative: 1e-12))
            #expect(isClose(schedule.totalUpscale, params.inScalePowIterNum, relative: 1e-12))
        }
    }

    @Test func superResolutionQuirkDiffersFromStandard() throws {
        // 500×200 (portrait taller than max size): the SR variant divides by W, so scaleToStop is 0.
        let schedule = try SuperResolutionSchedule(factor: 4)
        let sr = try schedule.pyramid(for: ImageSize(height: 500, width: 200))
        let standard = try ScalePyramid(imageSize: ImageSize(height: 500, width: 200), minSize: 18,
                                        scaleFactor: schedule.scaleFactor)
        #expect(sr.scaleToStop == 0)
        #expect(standard.scaleToStop > 0)
        #expect(sr.finestSize == standard.finestSize)
    }
}
