import ArgumentParser
import SinGANRuntime

/// The command-line options of `singan-edit template` (`--model`, `--seed`, `--force` and
/// `--threads` come from the runtime).
public struct TemplateOptions: PluginOptions {
    @Option(help: TemplatePlugin.startScale.help)
    public var startScale = TemplatePlugin.startScale.defaultScale

    @Option(help: TemplatePlugin.sizeInfo.help(valueName: "WxH"))
    public var size: PixelDimensions?

    @Option(name: [.short, .long], help: TemplatePlugin.outputInfo.help(valueName: "out.png"))
    public var output: String

    public init() {}

    /// The scale the runtime checks against the model before `plan`.
    public var injectionScale: Int? { startScale }
}
