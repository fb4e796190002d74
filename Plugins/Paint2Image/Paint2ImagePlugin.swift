import ArgumentParser
import SinGANImaging
import SinGANModel
import SinGANRuntime
import SinGANTensor

/// `singan-edit paint2img`: turns a clipart into a picture with the training image's texture
/// (the official `paint2image.py`, with and without `--quantization_flag`).
public enum Paint2ImagePlugin: EditPlugin {
    static let clipartSummary = "The painting or clipart, any size; the picture has its size (see --model-size)."
    static let startScale = InjectionScale(
        summary: "Scale the clipart enters at: a low scale repaints it freely (its layout may be lost), a high one "
            + "keeps its shapes and flat colours and adds only fine texture; 'all' writes a sheet of every scale.",
        default: 1, lowest: 1)
    static let quantizeInfo = OptionInfo(
        name: "quantize",
        summary: "Paint with 5 colours of the training image and retrain the start scale on them (cached beside the model).")
    static let retrainRange = 1...100_000
    static let retrainInfo = OptionInfo(
        name: "retrain-iterations", summary: "Iterations of the --quantize retraining; default: the model's own.",
        allowed: "\(retrainRange.lowerBound)–\(retrainRange.upperBound)",
        invalidExamples: ["0", "\(retrainRange.upperBound + 1)"])
    static let outputInfo = OptionInfo(name: "output", summary: "The picture to write (.png, .jpg, .webp, .tif or .gif).",
                                       invalidExamples: ["{out}/painted.xyz"])
    static let modelSizeInfo = OptionInfo(
        name: "model-size",
        summary: "Write the picture at the model's size, as the official script, instead of the clipart's own size.")

    public static let descriptor = PluginDescriptor(
        nickname: "paint2img",
        summary: "Turn a clipart into a picture in the model's style.",
        discussion: """
            The official paint2image.py: the clipart, at the model's training size, enters at \
            --start-scale as if generated there (down one scale and back up), and the model \
            generates from that scale on with fresh noise. The picture is written at the \
            clipart's own size (the generated pixels resampled with libvips's Lanczos-3), or at \
            the model's size with --model-size.
            --quantize follows the official quantization: 5-colour k-means of the training image \
            at the start scale, the clipart painted with those colours and resized straight to the \
            scale, and that one scale retrained with its inputs painted the same way (as many \
            iterations as the model was trained with, or --retrain-iterations). The retrained \
            scale is saved beside the model as MODEL.paint-sN.sgn (…-sN-iK.sgn for K other \
            iterations) and reused while it matches the model.
            """,
        options: [quantizeInfo, retrainInfo, outputInfo, modelSizeInfo],
        injection: startScale,
        examples: [
            PluginExample(["{image}", "-o", "{out}/painted.png"]),
            PluginExample(["{image}", "--start-scale", "2", "-o", "{out}/p.jpg"]),
            PluginExample(["{image}", "--quantize", "-o", "{out}/q.png"]),
            PluginExample(["{image}", "--start-scale", "all", "-o", "{out}/s.png"]),
        ])

    public static func plan(_ options: Paint2ImageOptions, runtime: Runtime) throws -> OutputPlan {
        let clipart = try runtime.loadInput(options.clipart, notify: false)
        if options.startScale == .all {
            try startScale.check(startScale.lowest, scaleCount: runtime.scaleCount, modelPath: runtime.modelPath)
            return OutputPlan([PlannedImage(path: options.output, size: StartScaleSheet.size(startScale, runtime: runtime))])
        }
        let size = runtime.resultSize(forInput: clipart.originalSize, modelSize: options.modelSize)
        return OutputPlan([PlannedImage(path: options.output, size: size)])
    }

    public static func run(_ options: Paint2ImageOptions, plan: OutputPlan, runtime: Runtime,
                           output: OutputWriter) throws -> [String] {
        let clipart = try runtime.loadInput(options.clipart, notify: true)
        guard let n = options.startScale.single else {
            let sheet = try StartScaleSheet.make(startScale, runtime: runtime) { n in
                let injected = try runtime.injectionImage(from: clipart.model, at: n)
                return PixelRange.display(fromModel: try runtime.generate(
                    GenerationRequest(startScale: n, injected: injected, noise: .fresh(from: n))))
            }
            try output.save(sheet, to: options.output)
            return []
        }
        var generator = runtime
        let injected: Tensor
        if options.quantize {
            let quantization = PaintQuantization(runtime: runtime, scale: n)
            let iterations = options.retrainIterations ?? runtime.config.iterations
            generator = try runtime.deriving(try quantization.retrainedPyramid(runtime: runtime, iterations: iterations))
            injected = try quantization.injection(of: clipart, runtime: runtime)
        } else {
            injected = try runtime.injectionImage(from: clipart.model, at: n)
        }
        let picture = try generator.generate(GenerationRequest(startScale: n, injected: injected, noise: .fresh(from: n)))
        runtime.noticeIfReduced(clipart, name: options.clipart, modelSize: options.modelSize)
        try output.save(try runtime.upscaled(picture, to: plan.images[0].size), to: options.output)
        return []
    }
}
