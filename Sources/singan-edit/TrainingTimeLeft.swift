import SinGANModel

/// The time left for a whole training, from the current scale's pace: each later scale is assumed to
/// take as much longer per iteration as it has more pixels × channels² (its convolutions' arithmetic).
///
/// On the 64-channel scales of a 250-px model this predicts the next scale's time per iteration within
/// 2 % (make bench of 2026-12-03: 1.72× the pixels, 1.67–1.73× the time); from the coarsest scales it
/// runs high, by up to a half, because there a larger share of an iteration is spent outside the
/// convolutions. The estimate is redone at every progress line, so it settles as training goes on.
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
    /// and it runs at `iterationsPerSecond`.
    func seconds(stage: Int, secondsLeftInStage: Double, iterationsPerSecond: Double) -> Double {
        guard stageCosts.indices.contains(stage), stageCosts[stage] > 0, iterationsPerSecond > 0 else { return secondsLeftInStage }
        let later = stageCosts[(stage + 1)...].reduce(0, +) / stageCosts[stage]
        return secondsLeftInStage + later * Double(iterationsPerStage) / iterationsPerSecond
    }
}
