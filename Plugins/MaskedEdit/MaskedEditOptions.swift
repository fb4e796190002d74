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
    public var startScale = StartScaleChoice.scale(MaskedEditSpecs.startScale.defaultScale)

    @Option(name: [.short, .long], help: MaskedEditSpecs.outputInfo.help(valueName: "out.png"))
    public var output: String

    @Option(help: MaskedEditSpecs.dilateInfo.help(valueName: "px"))
    public var maskDilate: Int?

    @Option(help: MaskedEditSpecs.blurInfo.help(valueName: "sigma"))
    public var maskBlur: Double?

    @Flag(help: MaskedEditSpecs.rawInfo.help)
    public var raw = false

    @Flag(help: MaskedEditSpecs.modelSizeInfo.help)
    public var modelSize = false

    public init() {}

    public var injectionScale: Int? { startScale.single }

    /// Static range checks, before the model is loaded.
    public func validate() throws {
        if let maskDilate { try MaskedEditSpecs.check(maskDilate, in: MaskedEditSpecs.dilateRange, option: MaskedEditSpecs.dilateInfo) }
        if let maskBlur { try MaskedEditSpecs.check(maskBlur, in: MaskedEditSpecs.blurRange, option: MaskedEditSpecs.blurInfo) }
    }

    /// Where `--raw` writes the unblended output: `NAME-raw.EXT` beside `--output`.
    var rawPath: String {
        let fileExtension = ImageFileFormat.fileExtension(of: output)
        guard !fileExtension.isEmpty else { return output + "-raw" }
        return String(output.dropLast(fileExtension.count + 1)) + "-raw." + fileExtension
    }
}

/// The options `edit` and `harmonize` share, declared once.
enum MaskedEditSpecs {
    static let inputSummary = "The changed picture, any size; the result has its size (see --model-size)."
    static let maskInfo = OptionInfo(
        name: "mask", summary: "The input's size; the region to change in white (any non-black pixel), black elsewhere.",
        invalidExamples: ["{out}/missing.png"])
    static let startScale = InjectionScale(
        summary: "Scale the picture enters at: a low scale regenerates the region's shapes to fit the picture, a high "
            + "one keeps them and changes only texture and colour; 'all' writes a sheet of every scale.",
        default: 1, lowest: 1)
    static let outputInfo = OptionInfo(name: "output", summary: "The blended picture to write (.png, .jpg, .webp, .tif or .gif).",
                                       invalidExamples: ["{out}/edited.xyz"])
    static let rawInfo = OptionInfo(name: "raw", summary: "Also write the unblended output as NAME-raw.EXT.")
    static let modelSizeInfo = OptionInfo(
        name: "model-size",
        summary: "Write the result at the model's size, as the official scripts, instead of the input's own size.")
    static let dilateRange = 0...200
    static let dilateInfo = OptionInfo(
        name: "mask-dilate",
        summary: "Grow the mask by a disk of this radius, in pixels of the model's size; default: the official 20 (edit) "
            + "or 7 (harmonize) at 250 px, scaled with the model's size below",
        allowed: "\(dilateRange.lowerBound)–\(dilateRange.upperBound)", invalidExamples: ["-1", "201"])
    static let blurRange = 0.1...50.0
    static let blurInfo = OptionInfo(
        name: "mask-blur",
        summary: "Soften the grown mask's edge with a Gaussian of this sigma, in pixels of the model's size; default: "
            + "the official 5 at 250 px, scaled with the model's size below",
        allowed: "\(blurRange.lowerBound)–\(blurRange.upperBound)", invalidExamples: ["0", "51"])

    /// Throws a one-line error for a value outside `range`.
    static func check<Value: Comparable & CustomStringConvertible>(_ value: Value, in range: ClosedRange<Value>,
                                                                 option: OptionInfo) throws {
        guard range.contains(value) else {
            throw ValidationError("--\(option.name) must be \(option.allowed ?? "") (got \(value))")
        }
    }
}
