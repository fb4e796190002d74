import ArgumentParser
import SinGANImaging
import SinGANModel
import SinGANRuntime
import SinGANTensor

/// `singan-edit edit` and `singan-edit harmonize` (`MaskedEditPlugin<Editing>`,
/// `MaskedEditPlugin<Harmonization>`): the changed picture is injected at the start scale, the
/// model generates from there, and the result is blended into the picture through the dilated,
/// blurred mask.
public enum MaskedEditPlugin<Kind: MaskedEditKind>: EditPlugin {
    public static var descriptor: PluginDescriptor {
        let name = Kind.nickname
        return PluginDescriptor(
            nickname: name, summary: Kind.summary, discussion: Kind.discussion,
            options: [MaskedEditSpecs.maskInfo, MaskedEditSpecs.outputInfo, MaskedEditSpecs.rawInfo],
            injection: MaskedEditSpecs.startScale,
            examples: [
                PluginExample(["{image}", "--mask", "{mask}", "-o", "{out}/\(name.prefix(1)).png"]),
                PluginExample(["{image}", "-m", "{mask}", "--raw", "-o", "{out}/r.jpg"]),
            ])
    }

    public static func plan(_ options: MaskedEditOptions, runtime: Runtime) throws -> OutputPlan {
        _ = try MaskedInput(options, purpose: Kind.purpose, runtime: runtime, notify: false)
        let size = runtime.trainingSize
        return OutputPlan([PlannedImage(path: options.output, size: size)]
                          + (options.raw ? [PlannedImage(path: options.rawPath, size: size)] : []))
    }

    public static func run(_ options: MaskedEditOptions, plan: OutputPlan, runtime: Runtime,
                           output: OutputWriter) throws -> [String] {
        let input = try MaskedInput(options, purpose: Kind.purpose, runtime: runtime, notify: true)
        let n = options.startScale
        let injected = try runtime.injectionImage(from: input.picture.model, at: n)
        let generated = try runtime.generate(GenerationRequest(startScale: n, injected: injected, noise: .fresh(from: n)))
        try output.save(input.blend(generated), to: options.output)
        if options.raw { try output.save(PixelRange.display(fromModel: generated), to: options.rawPath) }
        return []
    }
}
