import ArgumentParser
import SinGANRuntime

/// The command-line options of `singan-edit sample`.
public struct SampleOptions: PluginOptions {
    @Option(help: SamplePlugin.countInfo.help)
    public var count: Int?

    @Option(help: SamplePlugin.startScale.help)
    public var startScale = StartScaleChoice.scale(SamplePlugin.startScale.defaultScale)

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

    public var injectionScale: Int? { startScale.single }

    /// The one start scale (0 for `all`, whose scales the sheet goes through itself).
    var firstFreshScale: Int { startScale.single ?? 0 }

    /// The number of samples: `--count`, else 50 into a directory and 1 for a file name.
    var sampleCount: Int { count ?? SampleNaming.defaultCount(forOutput: output) }

    /// Whether the output keeps the training size.
    var keepsTrainingSize: Bool { size == nil && scaleH == 1 && scaleV == 1 }

    public func validate() throws {
        if let count { try SamplePlugin.count.check(count) }
        try SamplePlugin.scaleH.check(scaleH)
        try SamplePlugin.scaleV.check(scaleV)
        if startScale == .all && (count != nil || sheet != nil || reconstruct || !keepsTrainingSize) {
            throw ValidationError("--start-scale all writes one sheet of one sample per start scale at the training size; "
                                  + "drop --count, --sheet, --reconstruct, --size, --scale-h and --scale-v")
        }
        if size != nil && (scaleH != 1 || scaleV != 1) {
            throw ValidationError("--size and --scale-h/--scale-v exclude each other; give one of them")
        }
    }
}
