import ArgumentParser
import SinGANRuntime

/// The command-line options of `singan-edit paint2img`.
public struct Paint2ImageOptions: PluginOptions {
    @Argument(help: ArgumentHelp(Paint2ImagePlugin.clipartSummary, valueName: "clipart"))
    public var clipart: String

    @Option(help: Paint2ImagePlugin.startScale.help)
    public var startScale = StartScaleChoice.scale(Paint2ImagePlugin.startScale.defaultScale)

    @Flag(help: Paint2ImagePlugin.quantizeInfo.help)
    public var quantize = false

    @Option(help: Paint2ImagePlugin.retrainInfo.help)
    public var retrainIterations: Int?

    @Option(name: [.short, .long], help: Paint2ImagePlugin.outputInfo.help(valueName: "out.png"))
    public var output: String

    @Flag(help: Paint2ImagePlugin.modelSizeInfo.help)
    public var modelSize = false

    public init() {}

    public var injectionScale: Int? { startScale.single }

    public func validate() throws {
        if startScale == .all && quantize {
            throw ValidationError("--start-scale all and --quantize exclude each other (--quantize retrains the start scale)")
        }
        guard let iterations = retrainIterations else { return }
        let range = Paint2ImagePlugin.retrainRange
        guard range.contains(iterations) else {
            throw ValidationError("--retrain-iterations must be \(range.lowerBound)–\(range.upperBound) (got \(iterations))")
        }
        guard quantize else { throw ValidationError("--retrain-iterations applies only with --quantize") }
    }
}
