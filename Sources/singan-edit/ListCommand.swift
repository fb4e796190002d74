import ArgumentParser
import SinGANRuntime

/// `singan-edit list`: every plugin's nickname and summary.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the plugins (editing commands) with a one-line summary each.")

    @Flag(help: "Print every plugin's name, summary, options and examples as JSON.")
    var json = false

    func run() throws {
        try CommandFailure.report {
            let registry = try RegisteredPlugins.registry()
            if json {
                print(try PluginListing.json(registry), terminator: "")
            } else {
                print(registry.listing)
            }
        }
    }
}
