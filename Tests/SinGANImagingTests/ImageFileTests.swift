import Foundation
import SinGANTensor
import Testing
@testable import SinGANImaging

@Suite("Loading and saving still images")
struct ImageFileTests {
    @Test func pngRoundTripIsExactForEightBitLevels() throws {
        try withTemporaryDirectory { directory in
            let (height, width) = (13, 17)
            let original = levelTensor(pseudoRandomLevels(count: 3 * height * width, seed: 7),
                                       channels: 3, height: height, width: width)
            let path = directory + "/round-trip.png"
            try ImageFile.save(original, to: path)
            let loaded = try ImageFile.load(path)
            #expect(loaded.image == original)
            #expect(loaded.image.shape == [1, 3, height, width])
            #expect(loaded.originalBandCount == 3)
            #expect(loaded.sourceBitDepth == 8)
            #expect(!loaded.droppedAlpha)
            #expect(!loaded.expandedFromGrey)
            #expect(try directoryListing(directory) == ["round-trip.png"])
        }
    }

    @Test func everyEightBitLevelSurvivesBothRoundings() throws {
        try withTemporaryDirectory { directory in
            let levels = (0...255).map { UInt8($0) }
            let image = levelTensor(levels + levels + levels, channels: 3, height: 16, width: 16)
            try ImageFile.save(image, to: directory + "/nearest.png")
            #expect(try ImageFile.load(directory + "/nearest.png").image == image)
            // Truncation (matplotlib's rule) maps k/255 back to k for every level in Float32.
            try ImageFile.save(image, to: directory + "/truncated.png", rounding: .truncate)
            #expect(try ImageFile.load(directory + "/truncated.png").image == image)
        }
    }

    @Test func roundingRules() {
        #expect(PixelRounding.nearest.level(for: 0.999) == 255)
        #expect(PixelRounding.truncate.level(for: 0.999) == 254)
        #expect(PixelRounding.nearest.level(for: 0.5) == 128)
        #expect(PixelRounding.truncate.level(for: 0.5) == 127)
        #expect(PixelRounding.nearest.level(for: -3) == 0)
        #expect(PixelRounding.nearest.level(for: 7) == 255)
        #expect(PixelRounding.nearest.level(for: .nan) == 0)
    }

    @Test func greySavedAndLoadedBecomesThreeEqualChannels() throws {
        try withTemporaryDirectory { directory in
            let (height, width) = (9, 11)
            let grey = levelTensor(pseudoRandomLevels(count: height * width, seed: 3),
                                   channels: 1, height: height, width: width)
            let path = directory + "/grey.png"
            try ImageFile.save(grey, to: path)
            let loaded = try ImageFile.load(path)
            #expect(loaded.expandedFromGrey)
            #expect(loaded.originalBandCount == 1)
            #expect(!loaded.droppedAlpha)
            #expect(loaded.image == Tensor(shape: [1, 3, height, width],
                                           scalars: grey.scalars + grey.scalars + grey.scalars))
        }
    }

    @Test func rgbaDropsAlphaWithoutCompositing() throws {
        try withTemporaryDirectory { directory in
            let (height, width) = (5, 6)
            let pixels = pseudoRandomLevels(count: 4 * height * width, seed: 11)
            let path = directory + "/rgba.png"
            try TestImageWriter.writeLevels(pixels, width: width, height: height, bands: 4, to: path)
            let loaded = try ImageFile.load(path)
            #expect(loaded.droppedAlpha)
            #expect(loaded.originalBandCount == 4)
            #expect(!loaded.expandedFromGrey)
            for y in 0..<height {
                for x in 0..<width {
                    for channel in 0..<3 {
                        let level = pixels[(y * width + x) * 4 + channel]
                        #expect(loaded.image[0, channel, y, x] == Float(Double(level) / 255))
                    }
                }
            }
        }
    }

    @Test func greyWithAlphaIsGreyAndDropsAlpha() throws {
        try withTemporaryDirectory { directory in
            let pixels: [UInt8] = [10, 255, 200, 0, 30, 128, 255, 7]
            let path = directory + "/grey-alpha.png"
            try TestImageWriter.writeLevels(pixels, width: 2, height: 2, bands: 2, to: path)
            let loaded = try ImageFile.load(path)
            #expect(loaded.expandedFromGrey)
            #expect(loaded.droppedAlpha)
            #expect(loaded.originalBandCount == 2)
            let expected = [10, 200, 30, 255].map { Float(Double($0) / 255) }
            #expect(loaded.image.scalars == expected + expected + expected)
        }
    }

    @Test func sixteenBitPngMapsToNearestEightBitLevel() throws {
        try withTemporaryDirectory { directory in
            // (sample, expected 8-bit level): exact multiples of 257 and the rounding boundaries.
            let cases: [(UInt16, Int)] = [(0, 0), (257, 1), (385, 1), (386, 2), (128, 0), (129, 1),
                                          (65535, 255), (65406, 254), (65407, 255), (257 * 200, 200)]
            let path = directory + "/sixteen.png"
            try TestImageWriter.writeSixteenBit(cases.map(\.0), width: cases.count, height: 1,
                                                bands: 1, to: path)
            let loaded = try ImageFile.load(path)
            #expect(loaded.sourceBitDepth == 16)
            #expect(loaded.expandedFromGrey)
            for (index, (_, level)) in cases.enumerated() {
                #expect(loaded.image[0, 2, 0, index] == Float(Double(level) / 255))
            }
        }
    }

    @Test func sixteenBitRgbFromEightBitLevelsLoadsLikeTheEightBitFile() throws {
        try withTemporaryDirectory { directory in
            let (height, width) = (4, 7)
            let levels = pseudoRandomLevels(count: 3 * height * width, seed: 5)
            let path = directory + "/rgb16.png"
            try TestImageWriter.writeSixteenBit(levels.map { UInt16($0) * 257 }, width: width,
                                                height: height, bands: 3, to: path)
            let loaded = try ImageFile.load(path)
            #expect(loaded.sourceBitDepth == 16)
            #expect(!loaded.expandedFromGrey)
            for y in 0..<height {
                for x in 0..<width {
                    for channel in 0..<3 {
                        let level = levels[(y * width + x) * 3 + channel]
                        #expect(loaded.image[0, channel, y, x] == Float(Double(level) / 255))
                    }
                }
            }
        }
    }

    @Test func cmykJpegIsConvertedToRgb() throws {
        try withTemporaryDirectory { directory in
            let (height, width) = (8, 8)
            let rgb = [UInt8](repeating: 0, count: 3 * height * width).enumerated().map { index, _ in
                [UInt8(200), 40, 90][index % 3]
            }
            let path = directory + "/cmyk.jpg"
            try TestImageWriter.writeCMYKJPEG(rgb, width: width, height: height, to: path)
            let loaded = try ImageFile.load(path)
            #expect(loaded.originalBandCount == 4)
            #expect(!loaded.droppedAlpha)
            #expect(loaded.image.shape == [1, 3, height, width])
            // A CMYK round trip through ICC profiles is approximate; it must stay near the colour.
            let expected: [Float] = [200 / 255, 40 / 255, 90 / 255]
            for channel in 0..<3 {
                #expect(abs(loaded.image[0, channel, 4, 4] - expected[channel]) < 0.1)
            }
        }
    }

    @Test(arguments: ["jpg", "JPEG", "webp", "tif", "tiff", "gif"])
    func otherFormatsSaveAndLoad(fileExtension: String) throws {
        try withTemporaryDirectory { directory in
            let image = gradientImage(height: 24, width: 32)
            let path = directory + "/picture." + fileExtension
            try ImageFile.save(image, to: path)
            let loaded = try ImageFile.load(path)
            #expect(loaded.image.shape == image.shape)
            let lossless = fileExtension.hasPrefix("tif")
            let worst = zip(loaded.image.scalars, image.scalars).map { abs($0 - $1) }.max() ?? 1
            #expect(worst <= (lossless ? 0.5 / 255 + 1e-6 : 0.08))
        }
    }
}
