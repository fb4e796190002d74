import Dispatch
import SinGANTensor

/// Receives training progress of any family's trainer (scales are stages for ConSinGAN); all
/// calls come from the training thread.
public protocol TrainingObserver: AnyObject {
    /// Scale `index` of `count` starts, with its image size and channel width.
    func scaleStarted(index: Int, count: Int, height: Int, width: Int, channels: Int)
    /// An iteration finished; `snapshot()` captures the unfinished scale (for a mid-scale save).
    /// Return false to stop; the scale is then unfinished (resumable from a saved snapshot).
    func iterationFinished(scale: Int, iteration: Int, of total: Int, losses: IterationLosses,
                           snapshot: () -> any TrainingSnapshot) -> Bool
    /// Scale `index` finished and `model` now includes it (save it now).
    func scaleFinished(index: Int, model: any GenerativeModel, seconds: Double) throws
}

/// Trains a pyramid coarse to fine (`train` in the official code), resuming from the scales a
/// `TrainedPyramid` already has.
public struct Trainer {
    public init() {}

    /// A fresh, untrained pyramid for `image` ([1, 3, H, W] in [−1, 1], original size).
    public func prepare(image: Tensor, config userConfig: TrainingConfig, profile: TrainingProfile) throws -> TrainedPyramid {
        let config = profile.applied(to: userConfig)
        let geometry = try ScalePyramid(imageSize: ImageSize(height: image.shape[2], width: image.shape[3]),
                                        minSize: config.minSize,
                                        maxSize: config.maxSize, scaleFactor: config.scaleFactor,
                                        variant: profile.geometry)
        return TrainedPyramid(config: config, profile: profile, geometry: geometry, random: RandomSource(seed: config.seed))
    }

    /// Trains the remaining scales of `pyramid` from `image` (the same original image).
    /// Returns false if the observer stopped training.
    @discardableResult
    public func train(_ pyramid: TrainedPyramid, image: Tensor, observer: TrainingObserver) throws -> Bool {
        let reals = pyramid.geometry.reals(from: image)
        let config = pyramid.config
        while !pyramid.isComplete {
            let n = pyramid.scales.count
            let real = reals[n]
            let width = config.width(atScale: n)
            observer.scaleStarted(index: n, count: pyramid.scaleCount, height: real.shape[2], width: real.shape[3], channels: width)
            let start = DispatchTime.now().uptimeNanoseconds
            let resumed = pyramid.inProgress.flatMap { $0.scaleIndex == n ? $0 : nil }
            let earlierSeconds = resumed?.seconds ?? 0
            var random = resumed?.random ?? pyramid.random
            let (generator, discriminator) = resumed.map { ($0.generator, $0.discriminator) }
                ?? freshNetworks(for: pyramid, width: width, random: &random)
            let trainer = ScaleTrainer(config: config, profile: pyramid.profile, scaleIndex: n, real: real,
                                       sampler: pyramid.sampler)
            let elapsed = { earlierSeconds + Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
            guard let state = trainer.train(
                generator: generator, discriminator: discriminator, random: &random, resumingFrom: resumed,
                onIteration: { iteration, losses, snapshot in
                    observer.iterationFinished(scale: n, iteration: iteration, of: config.iterations, losses: losses) {
                        var captured = snapshot()
                        captured.seconds = elapsed()
                        return captured
                    }
                })
            else { return false }
            let seconds = elapsed()
            pyramid.scales.append(state)
            pyramid.lastDiscriminator = discriminator
            pyramid.random = random
            pyramid.inProgress = nil
            pyramid.secondsPerScale.append(seconds)
            try observer.scaleFinished(index: n, model: pyramid, seconds: seconds)
        }
        return true
    }

    /// A new scale's networks: drawn from `random`, then (official) the previous scale's weights
    /// when it has the same width.
    private func freshNetworks(for pyramid: TrainedPyramid, width: Int,
                               random: inout RandomSource) -> (Generator, Discriminator) {
        let generator = Generator(width: width, random: &random)
        let discriminator = Discriminator(width: width, random: &random)
        if let previous = pyramid.scales.last?.generator, previous.width == width {
            generator.copyWeights(from: previous)
        }
        if let previous = pyramid.lastDiscriminator, previous.width == width {
            discriminator.copyWeights(from: previous)
        }
        return (generator, discriminator)
    }
}
