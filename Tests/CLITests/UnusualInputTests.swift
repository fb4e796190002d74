import Foundation
import SinGANImaging
import SinGANModel
import SinGANTensor
@testable import singan_edit
import Testing

/// Valid but unusual pictures train through the real binary: grey, RGBA (with a notice that alpha
/// is dropped), 16-bit PNG and CMYK JPEG load as RGB, and a 6000×4000 photo is reduced while it is
/// decoded, in bounded memory. The pictures are made with `VipsTool` at test time.
@Suite struct UnusualInputTests {
    /// `in.png` (42×34 RGB), its variants (`VipsTool.writeVariants`) and `in.png.sgn` trained on it.
    static let pictures = Result { () throws -> URL in
        let dir = CommandRunner.temporaryDirectory()
        try CommandRunner.writeTestImage(to: dir.appendingPathComponent("in.png"))
        try VipsTool.writeVariants(of: "in.png", in: dir)
        let reference = try train("in.png", in: dir)
        guard reference.status == 0 else { throw VipsTool.Failed(description: "training on in.png: \(reference.stderr)") }
        return dir
    }

    /// `singan-edit train NAME -o NAME.sgn` for one iteration per scale at 32 px.
    static func train(_ name: String, in dir: URL) throws -> CommandRunner.Output {
        try CommandRunner.run(["train", name, "-o", name + ".sgn", "--max-size", "32", "--iterations", "1"], in: dir)
    }

    /// The finest real image stored in the model `name`, [1, 3, H, W] in [−1, 1].
    static func finestReal(_ name: String, in dir: URL) throws -> Tensor {
        try #require(PyramidArchive.read(from: dir.appendingPathComponent(name).path).scales.last).real
    }

    @Test(arguments: ["grey.png", "rgba.png", "rgb16.png", "cmyk.jpg"])
    func trainsAsRGB(_ name: String) throws {
        let dir = try Self.pictures.get()
        let result = try Self.train(name, in: dir)
        #expect(result.status == 0 && !result.stderr.contains("error"), "\(result.stderr)")
        #expect(result.stderr.hasSuffix("saved \(name).sgn.\n"))
        let alphaNotice = "\(name) has an alpha channel; it is ignored.\n"
        #expect(result.stderr.hasPrefix(alphaNotice) == (name == "rgba.png"), "\(result.stderr)")

        let real = try Self.finestReal(name + ".sgn", in: dir)
        #expect(real.shape == [1, 3, 26, 32])
        switch name {
        case "grey.png":
            let plane = real.count / 3, p = real.scalars
            #expect((0..<plane).allSatisfy { p[$0] == p[plane + $0] && p[$0] == p[2 * plane + $0] })
        case "cmyk.jpg":
            // Converted to sRGB through the file's profile, exactly as libvips converts it.
            #expect(try Self.train("cmyk-as-srgb.png", in: dir).status == 0)
            #expect(real == (try Self.finestReal("cmyk-as-srgb.png.sgn", in: dir)))
        default:
            // Opaque alpha is dropped and 16-bit levels 257·k are k: exactly the 8-bit RGB picture.
            #expect(real == (try Self.finestReal("in.png.sgn", in: dir)))
        }
    }

    @Test func aHugePhotoIsReducedWhileLoadingInBoundedMemory() throws {
        let dir = CommandRunner.temporaryDirectory()
        try CommandRunner.writeTestImage(to: dir.appendingPathComponent("small.png"), width: 60, height: 40)
        try VipsTool.run(["zoom", "small.png", "huge.jpg", "100", "100"], in: dir)
        let run = try PeakMemoryRunner.run(["train", "huge.jpg", "-o", "huge.sgn", "--max-size", "40", "--iterations", "1"], in: dir)
        #expect(run.output.status == 0, "\(run.output.stderr)")
        #expect(run.output.stderr.hasPrefix(
            "huge.jpg is 6000×4000 (24.0 megapixels); reduced to 160×107 while loading, 4 × --max-size\n"), "\(run.output.stderr)")
        // At full size the float image alone is 6000·4000·3·4 B = 288 MB; loading it took about 690 MB.
        #expect(run.peakBytes < 400_000_000, "peak \(run.peakBytes / 1_000_000) MB")
        let pyramid = try PyramidArchive.read(from: dir.appendingPathComponent("huge.sgn").path)
        #expect(pyramid.originalSize == ImageSize(height: 107, width: 160))
        #expect(pyramid.geometry.finestSize == ImageSize(height: 27, width: 40))
    }

    @Test func onlyImagesAbove12Point6MegapixelsAreReduced() {
        #expect(ImageFile.largestFullSizeImage == 4096 * 3072)
        #expect(TrainingImage.reducedLongSide(width: 4096, height: 3072, maxSize: 250) == nil)
        #expect(TrainingImage.reducedLongSide(width: 4032, height: 3024, maxSize: 250) == nil)
        #expect(TrainingImage.reducedLongSide(width: 20_000, height: 100, maxSize: 250) == nil)
        #expect(TrainingImage.reducedLongSide(width: 6000, height: 4000, maxSize: 250) == 1000)
        #expect(TrainingImage.reducedLongSide(width: 4000, height: 6000, maxSize: 40) == 160)
        // A large --max-size: the reduced image still holds at most 12.6 megapixels.
        let longSide = TrainingImage.reducedLongSide(width: 6000, height: 4000, maxSize: 2000)
        #expect(longSide == 4344 && 4344 * (4344 * 2 / 3) <= ImageFile.largestFullSizeImage)
    }
}
