import Foundation
import SinGANEvaluation
import SinGANModel

/// Warns on stderr, once, when a finished scale (stage) has not learned its image: its
/// reconstruction is further from the image than a flat colour is by `StageCollapse.collapseRatio`
/// (a collapsed GAN stage, which later stages do not repair). Training goes on as the official code
/// does; the warning says how to stop and what to try instead of spending hours on the rest.
final class CollapseWarning: ScaleFinishedObserver {
    let inner: TrainingObserver
    private var warned = false

    /// Checks every finished scale and passes every event on to `inner`.
    init(_ inner: TrainingObserver) {
        self.inner = inner
    }

    func afterScale(index: Int, model: any GenerativeModel) {
        guard !warned else { return }
        let check = StageCollapse(newestStageOf: model)
        guard check.isCollapsed else { return }
        warned = true
        FileHandle.standardError.write(Data(Self.message(scale: index, check).utf8))
    }

    /// The warning for scale `scale` (0-based), ending in a newline.
    static func message(scale: Int, _ check: StageCollapse) -> String {
        String(format: "warning: scale %d has not learned the image: its reconstruction is %.1f× as far from it as "
               + "a flat image of its mean colour (RMSE %.3f against %.3f), so its samples will be flat colours. "
               + "After enough iterations this is a collapse, which later scales do not repair (the official code "
               + "collapses on some images and seeds too): stop with Ctrl-C and train again with another --seed "
               + "(ConSinGAN: or with --batch-norm).\n",
               scale + 1, check.reconstructionRMSE / check.flatRMSE, check.reconstructionRMSE, check.flatRMSE)
    }
}
