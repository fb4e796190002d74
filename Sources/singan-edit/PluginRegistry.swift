import ArgumentParser
import MaskedEditPlugin
import Paint2ImagePlugin
import AnimatePlugin
import SamplePlugin
import SinGANRuntime
import SuperResolvePlugin

/// Every plugin this build offers, listed once. To add one, import its target and append it
/// (see Docs/writing-a-plugin.md).
enum RegisteredPlugins {
    static let all: [any EditPlugin.Type] = [
        SamplePlugin.self,
        Paint2ImagePlugin.self,
        MaskedEditPlugin<Editing>.self,
        MaskedEditPlugin<Harmonization>.self,
        SuperResolvePlugin.self,
        AnimatePlugin.self,
    ]

    /// The commands that are not plugins.
    static let builtInCommands: [any ParsableCommand.Type] = [
        TrainCommand.self, ImportCommand.self, BatchCommand.self, InfoCommand.self, EvaluateCommand.self, ListCommand.self,
    ]

    /// One subcommand per plugin.
    static var commands: [any ParsableCommand.Type] { all.map { $0.command } }

    /// The checked registry: unique, valid nicknames that no built-in command uses.
    static func registry() throws -> PluginRegistry {
        try PluginRegistry(all, reservedNames: builtInCommands.map { $0._commandName } + ["help"])
    }
}

extension EditPlugin {
    /// The subcommand that runs this plugin.
    static var command: any ParsableCommand.Type { PluginCommand<Self>.self }
}
