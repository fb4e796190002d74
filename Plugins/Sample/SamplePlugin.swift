import ArgumentParser
import Foundation
import SinGANImaging
import SinGANModel
import SinGANRuntime
import SinGANTensor

/// `singan-edit sample`: random samples at the training size or any other (the official
/// `random_samples.py`, modes `random_samples` and `random_samples_arbitrary_sizes`).
public enum SamplePlugin: EditPlugin {
    static let count = OptionSpec("count", "Number of samples.", default: 50, range: 1...10_000)
    static let countInfo = OptionInfo(
        name: count.name, summary: "Number of samples; default: 50 into a directory, 1 for a file name such as s.png.",
        allowed: count.allowed, invalidExamples: count.info.invalidExamples)
    static let startScale = InjectionScale(
        summary: "First scale with fresh noise: 0 makes new layouts; higher ones reuse z* below it, keeping the "
            + "training image's layout and varying only finer detail; 'all' writes a sheet of one sample per scale.",
        default: 0)
    static let scaleH = OptionSpec("scale-h", "Width relative to the training image.", default: 1.0, range: 0.25...4)
    static let scaleV = OptionSpec("scale-v", "Height relative to the training image.", default: 1.0, range: 0.25...4)
    static let sizeInfo = OptionInfo(
        name: "size", summary: "Exact output size, instead of --scale-h/--scale-v.",
        allowed: "0.25–4 times the training size per side", invalidExamples: ["0x10", "axb", "100000x10"])
    static let outputInfo = OptionInfo(
        name: "output",
        summary: "A directory (numbered files, zero-padded: 00.png … 49.png for 50) or a file name such as out/s.jpg "
            + "(writes s.jpg; s-0.jpg, s-1.jpg, … with --count).",
        invalidExamples: ["{out}/samples.xyz"])
    static let sheetInfo = OptionInfo(name: "sheet", summary: "Also write all samples as one contact sheet.",
                                      invalidExamples: ["{out}/sheet.xyz"])
    static let reconstructInfo = OptionInfo(
        name: "reconstruct", summary: "Also write G(z*), the reconstruction at the training size, and print its RMSE.")

    public static let descriptor = PluginDescriptor(
        nickname: "sample",
        summary: "Random samples at the training size or any other size.",
        discussion: """
            New images with the patch statistics of the training image, as the official \
            random_samples.py: fresh noise from --start-scale on and the fixed reconstruction noise \
            z* below it, so a higher start scale keeps more of the training image's layout. \
            --size, --scale-h and --scale-v scale the noise maps at every scale, so the result is a \
            new image of that size, not a resized one (a start scale above 0 needs the training size).
            """,
        options: [countInfo, sizeInfo, scaleH.info, scaleV.info, outputInfo, sheetInfo, reconstructInfo],
        injection: startScale,
        examples: [
            PluginExample(["--count", "3", "-o", "{out}/samples"]),
            PluginExample(["--scale-h", "1.5", "--count", "2", "-o", "{out}/wide.jpg"]),
            PluginExample(["--size", "64x40", "--count", "2", "-o", "{out}/sized"]),
            PluginExample(["--start-scale", "1", "--count", "2", "-o", "{out}/layout"]),
            PluginExample(["--count", "4", "--sheet", "{out}/sheet.png", "-o", "{out}"]),
            PluginExample(["--reconstruct", "--count", "1", "-o", "{out}/r.webp"]),
            PluginExample(["--start-scale", "all", "-o", "{out}/scales.png"]),
        ])

    public static func plan(_ options: SampleOptions, runtime: Runtime) throws -> OutputPlan {
        if options.startScale == .all {
            guard ImageFileFormat(path: options.output) != nil else {
                throw ValidationError("--start-scale all writes one sheet: name an image file with -o, such as scales.png")
            }
            return OutputPlan([PlannedImage(path: options.output, size: StartScaleSheet.size(startScale, runtime: runtime))])
        }
        if options.firstFreshScale > 0 && !options.keepsTrainingSize {
            throw ValidationError("--start-scale \(options.startScale) keeps the layout of the training image and works only "
                                  + "at its size; drop --size/--scale-h/--scale-v or use --start-scale 0")
        }
        if let size = options.size { try checkSize(size, runtime: runtime) }
        let fileExtension = ImageFileFormat.fileExtension(of: options.output)
        if !options.output.hasSuffix("/") && !fileExtension.isEmpty && ImageFileFormat(path: options.output) == nil {
            throw ValidationError("--output \(options.output): '.\(fileExtension)' is not an image format; use a directory or one of "
                                  + ImageFileFormat.supportedExtensions.map { ".\($0)" }.joined(separator: ", "))
        }
        let sampleSize = try runtime.validate(request(for: options)).last!
        let names = SampleNaming(output: options.output, count: options.sampleCount)
        var images = names.samples.map { PlannedImage(path: $0, size: sampleSize) }
        if let sheet = options.sheet {
            images.append(PlannedImage(path: sheet, size: SampleSheet.size(count: options.sampleCount, cell: sampleSize)))
        }
        if options.reconstruct {
            images.append(PlannedImage(path: names.reconstruction, size: runtime.trainingSize))
        }
        return OutputPlan(images)
    }

    public static func run(_ options: SampleOptions, plan: OutputPlan, runtime: Runtime,
                           output: OutputWriter) throws -> [String] {
        if options.startScale == .all {
            let sheet = try StartScaleSheet.make(startScale, runtime: runtime) { n in
                PixelRange.display(fromModel: try runtime.generate(GenerationRequest(noise: .fresh(from: n))))
            }
            try output.save(sheet, to: options.output)
            return []
        }
        let request = request(for: options)
        let names = SampleNaming(output: options.output, count: options.sampleCount)
        var kept: [Tensor] = []
        for path in names.samples {
            let image = PixelRange.display(fromModel: try runtime.generate(request))
            try output.save(image, to: path)
            if options.sheet != nil { kept.append(image) }
        }
        if let sheet = options.sheet { try output.save(SampleSheet.make(kept), to: sheet) }
        guard options.reconstruct else { return [] }
        let reconstruction = PixelRange.display(fromModel: try runtime.reconstruction())
        try output.save(reconstruction, to: names.reconstruction)
        let real = PixelRange.display(fromModel: runtime.trainingImage(at: runtime.scaleCount - 1))
        let error = PixelRange.rootMeanSquareError(reconstruction, real)
        return ["\(names.reconstruction): RMSE \(String(format: "%.5f", Double(error))) to the training image (pixel values in [0, 1])"]
    }

    /// The generation request the options describe.
    static func request(for options: SampleOptions) -> GenerationRequest {
        let scale: OutputScale = options.size.map { .exact($0.size) }
            ?? .relative(vertical: options.scaleV, horizontal: options.scaleH)
        return GenerationRequest(noise: .fresh(from: options.firstFreshScale), outputScale: scale)
    }

    /// `--size` must stay within the per-side factors `--scale-h`/`--scale-v` allow.
    static func checkSize(_ size: PixelDimensions, runtime: Runtime) throws {
        let training = runtime.trainingSize
        let (vertical, horizontal) = OutputScale.exact(size.size).factors(finest: training)
        guard scaleV.range.contains(vertical), scaleH.range.contains(horizontal) else {
            let bounds = scaleH.range
            func side(_ n: Int, _ factor: Double, _ round: FloatingPointRoundingRule) -> Int {
                Int((Double(n) * factor).rounded(round))
            }
            throw ValidationError("--size \(size) must be \(bounds.lowerBound)–\(bounds.upperBound) times the training size "
                                  + "\(training.width)x\(training.height) per side "
                                  + "(\(side(training.width, bounds.lowerBound, .up))x\(side(training.height, bounds.lowerBound, .up)) "
                                  + "to \(side(training.width, bounds.upperBound, .down))x\(side(training.height, bounds.upperBound, .down)))")
        }
    }
}
