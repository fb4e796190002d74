import ArgumentParser

/// An application of a trained model (random samples, paint-to-image, editing, …).
///
/// A plugin is a type (usually a caseless enum) in its own target under `Plugins/`, listed once in
/// the CLI's registry. The CLI turns it into a subcommand named `descriptor.nickname` whose
/// options are `--model`, `--seed` and the plugin's `Options`. A run goes:
///
/// 1. parse and `Options.validate()` (static ranges, see `OptionSpec`);
/// 2. load the model into a `Runtime`; check the profile and the injection scale against it;
/// 3. `plan`: the plugin checks everything else and says which images it will write, with their
///    sizes; nothing has been written yet, so any error leaves no output;
/// 4. `run`: generate and hand each planned image to the `OutputWriter`, which commits them
///    together at the end (or removes them all on failure).
public protocol EditPlugin: Sendable {
    /// The plugin's own command-line options.
    associatedtype Options: PluginOptions
    /// Name, help, options, injection scale, profile and examples.
    static var descriptor: PluginDescriptor { get }
    /// Checks `options` against the loaded model and lists the images a run will write.
    /// Must not write anything.
    static func plan(_ options: Options, runtime: Runtime) throws -> OutputPlan
    /// Generates and saves every planned image through `output`. Returns lines for standard
    /// output (e.g. a measurement); notes for the user go through `runtime.notice(_:)`, progress
    /// is not the plugin's business.
    static func run(_ options: Options, plan: OutputPlan, runtime: Runtime, output: OutputWriter) throws -> [String]
}

/// A plugin's options: ordinary ArgumentParser arguments plus the chosen injection scale.
public protocol PluginOptions: ParsableArguments {
    /// The injection (start) scale the user chose; nil for plugins whose descriptor has no
    /// `injection`. The runtime checks it against the model before `plan`.
    var injectionScale: Int? { get }
}

/// What a finished run did.
public struct EditResult: Sendable {
    /// The images written.
    public let written: [PlannedImage]
    /// Lines for standard output.
    public let lines: [String]
}
