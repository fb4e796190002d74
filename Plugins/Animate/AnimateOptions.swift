import ArgumentParser
import SinGANRuntime

/// The command-line options of `singan-edit animate`.
public struct AnimateOptions: PluginOptions {
    /// Number of frames (`--frames`).
    @Option(help: AnimatePlugin.frames.help)
    public var frames = AnimatePlugin.frames.defaultValue

    /// Frames per second (`--fps`).
    @Option(help: AnimatePlugin.fps.help)
    public var fps = AnimatePlugin.fps.defaultValue

    /// Pull back to z* per step (`--alpha`).
    @Option(help: AnimatePlugin.alpha.help)
    public var alpha = AnimatePlugin.alpha.defaultValue

    /// Momentum of the walk (`--beta`).
    @Option(help: AnimatePlugin.beta.help)
    public var beta = AnimatePlugin.beta.defaultValue

    /// Which walk the noise takes (`--walk`).
    @Option(help: AnimatePlugin.walkInfo.help)
    public var walk = WalkKind.loop

    /// First scale whose noise moves (`--start-scale`).
    @Option(help: AnimatePlugin.startScale.help)
    public var startScale = AnimatePlugin.startScale.defaultScale

    /// Frame size instead of the training size (`--size`).
    @Option(help: AnimatePlugin.sizeInfo.help(valueName: "WxH"))
    public var size: PixelDimensions?

    /// The animation file (`-o`).
    @Option(name: [.short, .long], help: AnimatePlugin.outputInfo.help(valueName: "loop.gif|loop.webp"))
    public var output: String

    public init() {}

    /// The injection scale the runtime checks against the model.
    public var injectionScale: Int? { startScale }

    /// Static range checks, before the model is loaded.
    public func validate() throws {
        try AnimatePlugin.frames.check(frames)
        try AnimatePlugin.fps.check(fps)
        try AnimatePlugin.alpha.check(alpha)
        try AnimatePlugin.beta.check(beta)
    }
}
