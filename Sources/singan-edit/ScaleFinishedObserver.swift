import SinGANModel

/// A training observer that adds work after each finished scale (a preview, a check) and passes
/// every event on to the observer it wraps: conformers implement `afterScale` only.
protocol ScaleFinishedObserver: TrainingObserver {
    /// The observer every event goes to first.
    var inner: TrainingObserver { get }
    /// Runs after `inner` has handled scale `index`'s end (the model is saved by then).
    func afterScale(index: Int, model: any GenerativeModel)
}

extension ScaleFinishedObserver {
    func scaleStarted(index: Int, count: Int, height: Int, width: Int, channels: Int) {
        inner.scaleStarted(index: index, count: count, height: height, width: width, channels: channels)
    }

    func iterationFinished(scale: Int, iteration: Int, of total: Int, losses: IterationLosses,
                           snapshot: () -> any TrainingSnapshot) -> Bool {
        inner.iterationFinished(scale: scale, iteration: iteration, of: total, losses: losses, snapshot: snapshot)
    }

    func scaleFinished(index: Int, model: any GenerativeModel, seconds: Double) throws {
        try inner.scaleFinished(index: index, model: model, seconds: seconds)
        afterScale(index: index, model: model)
    }
}
