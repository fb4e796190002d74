import ArgumentParser
import Foundation
import SinGANBatch
import SinGANEvaluation
import SinGANRuntime

/// `singan-edit batch evaluate DIR [--json]`: `evaluate` on every finished model, one table.
struct BatchEvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Evaluate every finished model of a batch: one CSV or JSON table with mean and spread.",
        discussion: """
            Runs 'singan-edit evaluate' on every done model with the same samples and seed, and \
            prints one row per model (mean patch SWD, diversity, reconstruction RMSE; see \
            Docs/evaluation.md) followed by their mean and spread (sample standard deviation). \
            Unfinished models are skipped with a notice.
            """)

    @Argument(help: ArgumentHelp("The batch folder.", valueName: "dir"))
    var folder: String

    @Option(help: EvaluateCommand.sampleCount.help)
    var samples = EvaluateCommand.sampleCount.defaultValue

    @Option(help: "Random seed of the samples, the same for every model.")
    var seed: UInt64 = 1

    @Flag(help: "Print the table as JSON instead of CSV.")
    var json = false

    @OptionGroup var threads: ThreadOption

    func validate() throws {
        try EvaluateCommand.sampleCount.check(samples)
    }

    func run() throws {
        try CommandFailure.report {
            try threads.apply()
            let status = try StatusTable.read(BatchLayout(folder: folder))
            let done = status.models.filter { $0.state == .done }
            let waiting = status.models.filter { $0.state != .done }
            if !waiting.isEmpty {
                note("skipping \(waiting.count) unfinished model\(waiting.count == 1 ? "" : "s"): "
                     + waiting.map { "\($0.name) (\($0.state.rawValue))" }.joined(separator: ", "))
            }
            guard !done.isEmpty else {
                throw CommandFailure("no model of \(folder) is done yet; see 'singan-edit batch status \(folder)'")
            }
            var rows: [EvaluationTable.Row] = []
            for (number, model) in done.enumerated() {
                note("evaluate \(number + 1)/\(done.count): \(model.name)")
                let runtime = try Runtime(contentsOf: model.model, seed: seed)
                let report = try ModelEvaluation.evaluate(runtime, settings: EvaluationSettings(sampleCount: samples))
                rows.append(EvaluationTable.Row(name: model.name, measures: EvaluationTable.Measures(
                    swd: report.meanSWD, diversity: report.diversity, reconstructionRMSE: report.reconstructionRMSE)))
            }
            let table = EvaluationTable(rows: rows, samples: samples, seed: seed)
            print(json ? try table.json() : table.csv(), terminator: "")
        }
    }
}
