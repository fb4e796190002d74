import Foundation
import SinGANModel
import SinGANRuntime

/// What `super-resolve` will do for a factor on a model: the passes of the finest generator and
/// the final crop, following the official SR.py.
///
/// SR.py derives the step from `--sr_factor` (`in_scale = sr^(1/iter_num)`,
/// `iter_num = round(log(1/sr)/log(0.5^(1/3)))`) and trains the model with that step as its
/// scale factor. The step a model was trained with is the one its finest generator knows, so
/// here it comes from the model (`1 / scale factor` of its configuration: 2^(1/3) ≈ 1.26 for
/// the super-resolution profile) and the factor only decides how many passes run:
/// `⌈log(factor) / log(step)⌉`, then the result is cropped to `int(factor·H) × int(factor·W)`
/// of the training image, as SR.py crops. For ×2, ×4 and ×8 this is exactly SR.py (3, 6 and 9
/// passes; it also reuses one model for these factors, whose steps are all 2^(1/3)). For other
/// factors SR.py would train another model with step `factor^(1/iter_num)`; here the trained
/// step is kept, the last pass overshoots and the crop takes the asked size.
struct SuperResolutionPlan {
    /// The asked magnification.
    let factor: Double
    /// The finest generator's passes.
    let generation: RepeatedGeneration
    /// The size written: `int(factor·H) × int(factor·W)` of the training image.
    let outputSize: ImageSize

    /// The plan for `factor` (> 1) on the model in `runtime`.
    init(factor: Double, runtime: Runtime) {
        let step = Self.step(of: runtime)
        let passes = max(1, Int((log(factor) / log(step) - 1e-9).rounded(.up)))
        let training = runtime.trainingSize
        generation = RepeatedGeneration(scale: runtime.scaleCount - 1, step: step, passes: passes, start: training)
        let last = generation.outputSize
        outputSize = ImageSize(height: min(Int(factor * Double(training.height)), last.height),
                               width: min(Int(factor * Double(training.width)), last.width))
        self.factor = factor
    }

    /// The enlargement per pass: `1 / scale factor` the model was trained with (SR.py's
    /// `1 / opt.scale_factor`).
    static func step(of runtime: Runtime) -> Double { 1 / runtime.config.scaleFactor }
}
