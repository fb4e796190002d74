import ArgumentParser
import SinGANRuntime

/// The command-line options of `singan-edit sample`.
public struct SampleOptions: PluginOptions {
    @Option(help: SamplePlugin.count.help)
    public var count = SamplePlugin.count.defaultValue

    @Option(help: SamplePlugin.startScale.help)
    public var startScale = SamplePlugin.startScale.defaultScale

    @Option(help: SamplePlugin.sizeInfo.help(valueName: "WxH"))
    public var size: PixelDimensions?

    @Option(help: SamplePlugin.scaleH.help)
    public var scaleH = SamplePlugin.scaleH.defaultValue

    @Option(help: SamplePlugin.scaleV.help)
    public var scaleV = SamplePlugin.scaleV.defaultValue

    @Option(name: [.short, .long], help: SamplePlugin.outputInfo.help(valueName: "dir|name.ext"))
    public var output: String

    @Option(help: SamplePlugin.sheetInfo.help(valueName: "sheet.png"))
    public var sheet: String?

    @Flag(help: SamplePlugin.reconstructInfo.help)
    public var reconstruct = false

    public init() {}

    public var injectionScale: Int? { startScale }

    /// Whether the output keeps the training size.
    var keepsTrainingSize: Bool { size == nil && scaleH == 1 && scaleV == 1 }

    public func validate() throws {
        try SamplePlugin.count.check(count)
        try SamplePlugin.scaleH.check(scaleH)
        try SamplePlugin.scaleV.check(scaleV)
        if size != nil && (scaleH != 1 || scaleV != 1) {
            throw ValidationError("--size and --scale-h/--scale-v exclude each other; give one of them")
        }
    }
}
