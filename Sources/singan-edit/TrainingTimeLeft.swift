import SinGANModel

/// The time left for a whole training, from the current scale's pace and the later scales' arithmetic
/// (height × width × channels², what their convolutions cost).
///
/// A scale's time per iteration is taken as a fixed part (the work that does not grow with the scale:
/// launching operations, the optimizer's bookkeeping) plus a part proportional to its arithmetic. The two
/// are fitted through the previous scale's pace and the current one; without a previous scale (the first
/// one, or the first of a resumed run) the fixed part is taken as 0, every later scale as longer in
/// proportion to its arithmetic.
///
/// Against the 250-px rocket of make bench (2026-12-03, TrainingTimeLeftTests): proportionally, the
/// 32-channel scales predict the rest 1.3–1.6× too long, since a larger share of their iteration is the
/// fixed part; the fit says 0.7–1.16×. From the 64-channel scales both are within 3 %. The estimate is
/// redone at every progress line, so it settles as training goes on.
struct TrainingTimeLeft: Sendable, Equatable {
    /// Each scale's arithmetic per iteration, relative: height × width × channels².
    let stageCosts: [Double]
    /// Iterations of every scale.
    let iterationsPerStage: Int

    /// The costs of `model`'s scales (trained or not), for `iterationsPerStage` iterations each.
    init(model: any GenerativeModel, iterationsPerStage: Int) {
        self.init(stageCosts: model.stageSizes.indices.map { k in
            let size = model.stageSizes[k], width = Double(model.generatorWidth(at: k))
            return Double(size.height * size.width) * width * width
        }, iterationsPerStage: iterationsPerStage)
    }

    init(stageCosts: [Double], iterationsPerStage: Int) {
        self.stageCosts = stageCosts
        self.iterationsPerStage = iterationsPerStage
    }

    /// Seconds left for scale `stage` and all later ones, when `secondsLeftInStage` remain in `stage`
    /// and it runs at `iterationsPerSecond`; `previousSecondsPerIteration` is scale `stage − 1`'s time
    /// per iteration when this run trained it (at the end of it).
    func seconds(stage: Int, secondsLeftInStage: Double, iterationsPerSecond: Double,
                 previousSecondsPerIteration: Double? = nil) -> Double {
        guard stageCosts.indices.contains(stage), stageCosts[stage] > 0, iterationsPerSecond > 0 else { return secondsLeftInStage }
        let current = 1 / iterationsPerSecond
        let (fixed, perCost) = fit(stage: stage, secondsPerIteration: current, previous: previousSecondsPerIteration)
        let later = stageCosts[(stage + 1)...].reduce(0) { $0 + fixed + perCost * $1 }
        return secondsLeftInStage + later * Double(iterationsPerStage)
    }

    /// (fixed seconds, seconds per unit of cost) of an iteration through the current and the previous
    /// scale's pace; proportional (no fixed part) without a previous pace or where the line through the
    /// two would have a negative part.
    private func fit(stage: Int, secondsPerIteration current: Double, previous: Double?) -> (Double, Double) {
        let proportional = (0.0, current / stageCosts[stage])
        guard let previous, previous > 0, stage > 0, stageCosts[stage - 1] < stageCosts[stage] else { return proportional }
        let perCost = (current - previous) / (stageCosts[stage] - stageCosts[stage - 1])
        let fixed = current - perCost * stageCosts[stage]
        return perCost > 0 && fixed >= 0 ? (fixed, perCost) : proportional
    }
}
