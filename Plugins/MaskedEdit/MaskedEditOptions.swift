import ArgumentParser
import SinGANImaging
import SinGANRuntime

/// The command-line options of `singan-edit edit` and `singan-edit harmonize`.
public struct MaskedEditOptions: PluginOptions {
    @Argument(help: ArgumentHelp(MaskedEditSpecs.inputSummary, valueName: "input"))
    public var input: String

    @Option(name: [.short, .long], help: MaskedEditSpecs.maskInfo.help(valueName: "mask.png"))
    public var mask: String

    @Option(help: MaskedEditSpecs.startScale.help)
    public var startScale = MaskedEditSpecs.startScale.defaultScale

    @Option(name: [.short, .long], help: MaskedEditSpecs.outputInfo.help(valueName: "out.png"))
    public var output: String

    @Flag(help: MaskedEditSpecs.rawInfo.help)
    public var raw = false

    public init() {}

    public var injectionScale: Int? { startScale }

    /// Where `--raw` writes the unblended output: `NAME-raw.EXT` beside `--output`.
    var rawPath: String {
        let fileExtension = ImageFileFormat.fileExtension(of: output)
        guard !fileExtension.isEmpty else { return output + "-raw" }
        return String(output.dropLast(fileExtension.count + 1)) + "-raw." + fileExtension
    }
}

/// The options `edit` and `harmonize` share, declared once.
enum MaskedEditSpecs {
    static let inputSummary = "The changed picture (any size; resized to the model's training size)."
    static let maskInfo = OptionInfo(
        name: "mask", summary: "White over the changed region, black elsewhere; the input's size.",
        invalidExamples: ["{out}/missing.png"])
    static let startScale = InjectionScale(
        summary: "Scale the picture enters at; a higher scale changes less of it.", default: 1, lowest: 1)
    static let outputInfo = OptionInfo(name: "output", summary: "The blended picture to write (.png, .jpg, .webp, .tif or .gif).",
                                       invalidExamples: ["{out}/edited.xyz"])
    static let rawInfo = OptionInfo(name: "raw", summary: "Also write the unblended output as NAME-raw.EXT.")
}
