import ArgumentParser
import SinGANBatch

/// `singan-edit batch status DIR [--json]`.
struct BatchStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Where every model of a batch stands, read from the models themselves.",
        discussion: """
            States: pending (no model yet), running (a training holds the model's lock), partial \
            (partly trained; the next run resumes it), failed (the last attempt's error, from \
            logs/NAME.log) and done.
            """)

    @Argument(help: ArgumentHelp("The batch folder.", valueName: "dir"))
    var folder: String

    @Flag(help: "Print the table as JSON.")
    var json = false

    func run() throws {
        try CommandFailure.report {
            let table = try StatusTable.read(BatchLayout(folder: folder))
            print(json ? try table.json() : table.text(), terminator: "")
        }
    }
}
