import Foundation
import SinGANImaging
import SinGANModel
import SinGANRuntime
import SinGANTensor
import Testing

/// Which way of bringing generated pixels to a photo's size looks closer to the photo: libvips's
/// Lanczos-3, or the model's finest generator applied again and again as in super-resolution.
///
/// Measured on the shipped rocket model (128×86, trained on `Samples/images/rocket.jpg`): its
/// training image is enlarged 2× and 3× and compared with the photo itself reduced to that size
/// (the official bicubic), by RMSE and by sharpness (mean absolute gradient, as a share of the
/// photo's). The full-size results of `edit`, `harmonize` and `paint2img` use the winner.
@Suite struct UpscaleComparisonTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Mean absolute difference between horizontal and vertical neighbours.
    static func sharpness(_ image: Tensor) -> Double {
        let (c, h, w) = (image.shape[1], image.shape[2], image.shape[3]), p = image.scalars
        var sum = 0.0, count = 0
        for k in 0..<c { for y in 0..<h - 1 { for x in 0..<w - 1 {
            let i = (k * h + y) * w + x
            sum += Double(abs(p[i + 1] - p[i]) + abs(p[i + w] - p[i]))
            count += 2
        } } }
        return sum / Double(count)
    }

    @Test(arguments: [2.0, 3.0])
    func lanczosIsAtLeastAsCloseToThePhotoAsTheGenerator(_ factor: Double) throws {
        let runtime = try Runtime(contentsOf: Self.repository.appendingPathComponent("Samples/models/rocket-128.sgn").path, seed: 1)
        let training = runtime.trainingSize
        let target = ImageSize(height: Int((Double(training.height) * factor).rounded()),
                               width: Int((Double(training.width) * factor).rounded()))
        let photo = try ImageFile.load(Self.repository.appendingPathComponent("Samples/images/rocket.jpg").path).image
        let truth = PixelRange.display(fromModel: BicubicResize.resize(PixelRange.model(fromDisplay: photo),
                                                                       toHeight: target.height, width: target.width))
        let real = runtime.trainingImage(at: runtime.scaleCount - 1)
        let lanczos = try runtime.upscaled(real, to: target)
        let step = 1 / (try runtime.scalePyramid(for: "test")).geometry.scaleFactor
        let passes = Int((log(factor) / log(step)).rounded(.up))
        let plan = RepeatedGeneration(scale: runtime.scaleCount - 1, step: step, passes: passes, start: training)
        let generated = try runtime.upscaled(try runtime.generate(plan, from: real), to: target)
        let rmse = { (x: Tensor) in Double(PixelRange.rootMeanSquareError(x, truth)) }
        let sharp = { (x: Tensor) in Self.sharpness(x) / Self.sharpness(truth) }
        print(String(format: "upscale ×%g of the rocket model's training image (%d passes of ×%.3f): "
                     + "RMSE to the photo: Lanczos-3 %.4f, generator %.4f; sharpness (share of the photo's): "
                     + "Lanczos-3 %.3f, generator %.3f", factor, passes, step, rmse(lanczos), rmse(generated),
                     sharp(lanczos), sharp(generated)))
        #expect(rmse(lanczos) <= rmse(generated))
    }
}
