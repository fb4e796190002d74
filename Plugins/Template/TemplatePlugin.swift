import ArgumentParser
import SinGANImaging
import SinGANModel
import SinGANRuntime

// A plugin to copy: `cp -r Plugins/Template Plugins/MyPlugin`, rename `Template` to your name in
// both files, then follow Docs/writing-a-plugin.md (a target in Package.swift, one registry line,
// the help-text tests). This one is built and tested (Tests/SinGANRuntimeTests/TemplatePluginTests.swift)
// but not registered, so `singan-edit` does not offer it.

/// `singan-edit template`: one random sample at the training size or at `--size`, from
/// `--start-scale` on, the smallest complete plugin.
public enum TemplatePlugin: EditPlugin {
    static let startScale = InjectionScale(
        summary: "First scale with fresh noise: low makes new layouts, high keeps the training image's layout.",
        default: 0)
    static let sizeInfo = OptionInfo(name: "size", summary: "Output size instead of the training size.",
                                     invalidExamples: ["0x10", "5000x5000"])
    static let outputInfo = OptionInfo(name: "output", summary: "The image to write (.png, .jpg, .webp, .tif or .gif).",
                                       invalidExamples: ["{out}/x.xyz"])

    public static let descriptor = PluginDescriptor(
        nickname: "template",
        summary: "One random sample (a template to copy for new plugins).",
        discussion: """
            One random sample: fresh noise from --start-scale on and the reconstruction noise z* \
            below it. --size generates at another size (every scale's noise map is scaled, so \
            only --start-scale 0 works there).
            """,
        options: [sizeInfo, outputInfo],
        injection: startScale,
        examples: [
            PluginExample(["-o", "{out}/one.png"]),
            PluginExample(["--start-scale", "1", "-o", "{out}/layout.jpg"]),
            PluginExample(["--size", "60x30", "-o", "{out}/wide.png"]),
        ])

    /// Checks the options against the model and names the one image to write.
    public static func plan(_ options: TemplateOptions, runtime: Runtime) throws -> OutputPlan {
        guard ImageFileFormat(path: options.output) != nil else {
            throw ValidationError("--output \(options.output): name an image file with one of the extensions "
                                  + ImageFileFormat.supportedExtensions.map { ".\($0)" }.joined(separator: ", "))
        }
        let sizes: [ImageSize]
        do {
            sizes = try runtime.validate(request(for: options))
        } catch {
            throw ValidationError("--size \(options.size.map(\.description) ?? "") with --start-scale \(options.startScale): \(error)")
        }
        return OutputPlan([PlannedImage(path: options.output, size: sizes[sizes.count - 1])])
    }

    /// Generates the sample and saves it through the writer.
    public static func run(_ options: TemplateOptions, plan: OutputPlan, runtime: Runtime,
                           output: OutputWriter) throws -> [String] {
        let image = PixelRange.display(fromModel: try runtime.generate(request(for: options)))
        try output.save(image, to: options.output)
        return []
    }

    /// What to generate: fresh noise from the start scale, at the training size or `--size`.
    static func request(for options: TemplateOptions) -> GenerationRequest {
        GenerationRequest(noise: .fresh(from: options.startScale),
                          outputScale: options.size.map { .exact($0.size) } ?? .relative(vertical: 1, horizontal: 1))
    }
}
