import ArgumentParser
import Foundation
import SinGANEvaluation
import SinGANRuntime

/// `singan-edit evaluate --model m.sgn`: a quality report of a trained model, with no downloaded
/// network (see Docs/evaluation.md).
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Measure a model: patch distance, diversity and reconstruction error.",
        discussion: """
            Draws random samples at the training size and compares them with the training image: \
            the sliced Wasserstein distance between their 7×7 patches at full, half and quarter size \
            (0 = the same patch statistics), the diversity of the samples (std across samples over \
            the training image's std; the paper reports 0.50 from the coarsest scale and 0.35 from \
            one scale finer) and the RMSE of the reconstruction G(z*). See Docs/evaluation.md.
            """)

    static let sampleCount = OptionSpec("samples", "Number of random samples.", default: 20, range: 2...1000)
    static let injection = InjectionScale(
        summary: "First scale with fresh noise; coarser scales reuse the reconstruction noise z*.", default: 0)

    @Option(help: ArgumentHelp("The trained model (.sgn).", valueName: "model.sgn"))
    var model: String

    @Option(help: EvaluateCommand.sampleCount.help)
    var samples = EvaluateCommand.sampleCount.defaultValue

    @Option(help: EvaluateCommand.injection.help)
    var startScale = EvaluateCommand.injection.defaultScale

    @Option(help: "Random seed of the samples: the same model, options and seed give the same report.")
    var seed: UInt64 = 1

    @Flag(help: "Print the report as JSON.")
    var json = false

    @OptionGroup var threads: ThreadOption

    func validate() throws {
        try Self.sampleCount.check(samples)
    }

    func run() throws {
        try CommandFailure.report {
            try threads.apply()
            let runtime = try Runtime(contentsOf: model, seed: seed)
            try Self.injection.check(startScale, scaleCount: runtime.scaleCount, modelPath: model)
            let progress = isatty(STDERR_FILENO) != 0 ? Self.showProgress : nil
            let report = try ModelEvaluation.evaluate(
                runtime, settings: EvaluationSettings(sampleCount: samples, startScale: startScale), progress: progress)
            if progress != nil { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            print(json ? try report.json() : Self.describe(report), terminator: "")
        }
    }

    /// "evaluate: sample k/n" on one live terminal line.
    private static func showProgress(done: Int, total: Int) {
        FileHandle.standardError.write(Data("\r\u{1B}[Kevaluate: sample \(done)/\(total)".utf8))
    }

    /// The report as an aligned table, one measure per line.
    static func describe(_ report: QualityReport) -> String {
        func number(_ x: Double) -> String { String(format: "%.5f", x) }
        func row(_ label: String, _ value: String, _ note: String = "") -> String {
            let cell = label.padding(toLength: 13, withPad: " ", startingAt: 0) + value
            return note.isEmpty ? cell : cell.padding(toLength: 23, withPad: " ", startingAt: 0) + note
        }
        let finest = report.levels.first.map { "\($0.width)×\($0.height)" } ?? "?"
        var lines = [
            row("model:", report.model),
            row("samples:", "\(report.samples) at \(finest), fresh noise from scale \(report.startScale) (0 is the coarsest), seed \(report.seed)"),
        ]
        for level in report.levels {
            let name = level.factor == 1 ? "full" : "1/\(Int((1 / level.factor).rounded()))"
            lines.append(row("SWD \(name):", number(level.swd), "\(report.patchSize)×\(report.patchSize) patches at \(level.width)×\(level.height)"))
        }
        lines += [
            row("SWD mean:", number(report.meanSWD), "0 = the training image's patch statistics"),
            row("diversity:", report.diversity.map { String(format: "%.4f", $0) } ?? "undefined",
                report.diversity == nil ? "the training image is flat"
                    : "paper: 0.50 from the coarsest scale, 0.35 one scale finer"),
            row("RMSE G(z*):", number(report.reconstructionRMSE), "to the training image, pixel values in [0, 1]"),
            row("time:", String(format: "%.1f s", report.seconds)),
        ]
        return lines.joined(separator: "\n") + "\n"
    }
}
