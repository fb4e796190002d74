import ArgumentParser
import SinGANImaging
import SinGANModel
import SinGANRuntime
import SinGANTensor

/// `singan-edit edit` and `singan-edit harmonize` (`MaskedEditPlugin<Editing>`,
/// `MaskedEditPlugin<Harmonization>`): the changed picture is injected at the start scale, the
/// model generates from there, and the result is blended into the picture through the dilated,
/// blurred mask: at the model's size, or at the picture's own size with the generated pixels and
/// the mask resampled to it, so that outside the mask the picture keeps its own pixels.
public enum MaskedEditPlugin<Kind: MaskedEditKind>: EditPlugin {
    public static var descriptor: PluginDescriptor {
        let name = Kind.nickname
        return PluginDescriptor(
            nickname: name, summary: Kind.summary, discussion: Kind.discussion,
            options: [MaskedEditSpecs.maskInfo, MaskedEditSpecs.outputInfo, MaskedEditSpecs.dilateInfo,
                      MaskedEditSpecs.blurInfo, MaskedEditSpecs.rawInfo, MaskedEditSpecs.modelSizeInfo],
            injection: MaskedEditSpecs.startScale,
            examples: [
                PluginExample(["{image}", "--mask", "{mask}", "-o", "{out}/\(name.prefix(1)).png"]),
                PluginExample(["{image}", "-m", "{mask}", "--raw", "-o", "{out}/r.jpg"]),
            ])
    }

    public static func plan(_ options: MaskedEditOptions, runtime: Runtime) throws -> OutputPlan {
        let input = try MaskedInput(options, purpose: Kind.purpose, runtime: runtime, notify: false)
        if options.startScale == .all {
            let injection = MaskedEditSpecs.startScale
            try injection.check(injection.lowest, scaleCount: runtime.scaleCount, modelPath: runtime.modelPath)
            if options.raw { throw ValidationError("--raw applies to one start scale, not to --start-scale all") }
            return OutputPlan([PlannedImage(path: options.output, size: StartScaleSheet.size(injection, runtime: runtime))])
        }
        let size = runtime.resultSize(forInput: input.picture.originalSize, modelSize: options.modelSize)
        return OutputPlan([PlannedImage(path: options.output, size: size)]
                          + (options.raw ? [PlannedImage(path: options.rawPath, size: size)] : []))
    }

    public static func run(_ options: MaskedEditOptions, plan: OutputPlan, runtime: Runtime,
                           output: OutputWriter) throws -> [String] {
        let input = try MaskedInput(options, purpose: Kind.purpose, runtime: runtime, notify: true)
        let generate = { (n: Int) in
            let injected = try runtime.injectionImage(from: input.picture.model, at: n)
            return try runtime.generate(GenerationRequest(startScale: n, injected: injected, noise: .fresh(from: n)))
        }
        guard let n = options.startScale.single else {
            try output.save(try StartScaleSheet.make(MaskedEditSpecs.startScale, runtime: runtime) { input.blend(try generate($0)) },
                            to: options.output)
            return []
        }
        let generated = try generate(n)
        runtime.noticeIfReduced(input.picture, name: options.input, modelSize: options.modelSize)
        let size = plan.images[0].size
        if size == runtime.trainingSize {
            try output.save(input.blend(generated), to: options.output)
            if options.raw { try output.save(PixelRange.display(fromModel: generated), to: options.rawPath) }
        } else {
            let regenerated = try runtime.upscaled(generated, to: size)
            try output.save(try input.blendAtOriginalSize(regenerated), to: options.output)
            if options.raw { try output.save(regenerated, to: options.rawPath) }
        }
        return []
    }
}
