import ArgumentParser

/// `singan-edit list`: every plugin's nickname and summary.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the plugins (editing commands) with a one-line summary each.")

    func run() throws {
        try CommandFailure.report {
            print(try RegisteredPlugins.registry().listing)
        }
    }
}
