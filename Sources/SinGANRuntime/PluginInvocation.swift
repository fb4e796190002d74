import ArgumentParser

/// The options every plugin shares.
public struct RuntimeOptions: ParsableArguments, Sendable {
    @Option(help: ArgumentHelp("The trained model (.sgn).", valueName: "model.sgn"))
    public var model: String

    @Option(help: "Random seed: the same model, options and seed give byte-identical images.")
    public var seed: UInt64 = 1

    @Flag(help: "Overwrite existing output files (without it, a run whose outputs exist writes nothing).")
    public var force = false

    @OptionGroup public var threads: ThreadOption

    public init() {}
}

/// A complete plugin command line (`--model`, `--seed` and the plugin's options), parsed and
/// ready to run. The CLI's subcommand for plugin `P` wraps exactly this, and the conformance
/// kit parses and runs it the same way.
public struct PluginInvocation<Plugin: EditPlugin>: ParsableArguments {
    @OptionGroup public var runtime: RuntimeOptions
    @OptionGroup public var options: Plugin.Options

    public init() {}

    /// Loads the model, checks the options against it, plans, runs and commits the outputs.
    /// Throws a one-line error; on any error nothing is written. `progress(saved, planned)` is
    /// called after each image is saved; `notice` receives the plugin's notices as they come.
    public func execute(progress: ((Int, Int) -> Void)? = nil, notice: ((String) -> Void)? = nil) throws -> EditResult {
        try self.runtime.threads.apply()
        let runtime = try Runtime(contentsOf: self.runtime.model, seed: self.runtime.seed)
        runtime.noticeHandler = notice
        let descriptor = Plugin.descriptor
        try descriptor.checkProfile(of: runtime)
        if let injection = descriptor.injection, let scale = options.injectionScale {
            try injection.check(scale, scaleCount: runtime.scaleCount, modelPath: runtime.modelPath)
        }
        let plan = try Plugin.plan(options, runtime: runtime)
        let output = try OutputWriter(plan: plan, overwrite: self.runtime.force)
        output.progress = progress
        let lines = try Plugin.run(options, plan: plan, runtime: runtime, output: output)
        try output.commit()
        return EditResult(written: plan.images, lines: lines)
    }
}
