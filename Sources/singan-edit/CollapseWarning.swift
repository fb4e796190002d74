import Foundation
import SinGANEvaluation
import SinGANModel

/// Warns, once, when a finished scale (stage) has not learned its image: its reconstruction is
/// further from the image than a flat colour is by `StageCollapse.collapseRatio` (a collapsed GAN
/// stage, which later stages do not repair). Training goes on as the official code does; the
/// warning says how to stop and what to try instead of spending hours on the rest.
final class CollapseWarning: ScaleFinishedObserver {
    let inner: TrainingObserver
    private let report: (_ scale: Int, _ message: String) -> Void
    private var warned = false

    /// Checks every finished scale and passes every event on to `inner`; `report` receives the
    /// scale (0-based) and the warning (one line, no newline). By default it goes to stderr as
    /// `warning: …`.
    init(_ inner: TrainingObserver, report: @escaping (_ scale: Int, _ message: String) -> Void = CollapseWarning.onStandardError) {
        self.inner = inner
        self.report = report
    }

    func afterScale(index: Int, model: any GenerativeModel) {
        guard !warned else { return }
        let check = StageCollapse(newestStageOf: model)
        guard check.isCollapsed else { return }
        warned = true
        report(index, Self.message(scale: index, check))
    }

    /// Writes `warning: MESSAGE` and a newline to stderr.
    static func onStandardError(scale: Int, message: String) {
        FileHandle.standardError.write(Data("warning: \(message)\n".utf8))
    }

    /// The warning for scale `scale` (0-based), one line without the `warning:` prefix. The ratio to the
    /// flat image's distance is left out when that distance is too small to divide by (a nearly flat image).
    static func message(scale: Int, _ check: StageCollapse) -> String {
        let distance = check.flatRMSE < 0.001
            ? String(format: "RMSE %.3f from it while the image is nearly a flat colour (RMSE %.3f from its mean colour)",
                     check.reconstructionRMSE, check.flatRMSE)
            : String(format: "%.1f× as far from it as a flat image of its mean colour (RMSE %.3f against %.3f)",
                     check.reconstructionRMSE / check.flatRMSE, check.reconstructionRMSE, check.flatRMSE)
        return "scale \(scale + 1) has not learned the image: its reconstruction is \(distance), so its samples "
            + "will be flat colours. After enough iterations this is a collapse, which later scales do not repair "
            + "(the official code collapses on some images and seeds too): stop with Ctrl-C and train again with "
            + "another --seed (ConSinGAN: or with --batch-norm)."
    }
}
