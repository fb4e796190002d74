import ArgumentParser
import SinGANRuntime

/// The command-line options of `singan-edit super-resolve`.
public struct SuperResolveOptions: PluginOptions {
    /// The magnification (`--factor`).
    @Option(help: SuperResolvePlugin.factorInfo.help)
    public var factor = SuperResolvePlugin.defaultFactor

    /// Where the enlarged image goes (`-o`).
    @Option(name: [.short, .long], help: SuperResolvePlugin.outputInfo.help(valueName: "hr.png"))
    public var output: String

    public init() {}

    /// The injection scale the runtime checks against the model.
    public var injectionScale: Int? { nil }

    /// Static range checks, before the model is loaded.
    public func validate() throws {
        guard factor.isFinite, factor > 1, factor <= SuperResolvePlugin.maximumFactor else {
            throw ValidationError("--factor must be more than 1 and at most \(SuperResolvePlugin.maximumFactor) (got \(factor))")
        }
    }
}
