import ArgumentParser
import PluginCatalog
import SinGANRuntime

/// The command tree's plugins (listed once, in `PluginCatalog`) and built-in commands.
enum RegisteredPlugins {
    static var all: [any EditPlugin.Type] { PluginCatalog.all }

    /// The commands that are not plugins.
    static let builtInCommands: [any ParsableCommand.Type] = [
        TrainCommand.self, ImportCommand.self, BatchCommand.self, InfoCommand.self, EvaluateCommand.self, ListCommand.self,
        ServeCommand.self,
    ]

    /// One subcommand per plugin.
    static var commands: [any ParsableCommand.Type] { all.map { $0.command } }

    /// The checked registry: unique, valid nicknames that no built-in command uses.
    static func registry() throws -> PluginRegistry {
        try PluginCatalog.registry(reservedNames: builtInCommands.map { $0._commandName } + ["help"])
    }
}

extension EditPlugin {
    /// The subcommand that runs this plugin.
    static var command: any ParsableCommand.Type { PluginCommand<Self>.self }
}
