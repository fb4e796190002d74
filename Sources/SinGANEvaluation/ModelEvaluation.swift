import SinGANModel
import SinGANRuntime
import SinGANTensor

/// What `ModelEvaluation.evaluate` generates and how it measures.
public struct EvaluationSettings: Sendable, Equatable {
    /// The seed of the measures' own randomness (patch subsets, projection directions). It is fixed
    /// and independent of the samples' seed, so every evaluation uses the same ruler.
    public static let measureSeed: UInt64 = 0x5357_4437

    /// Number of random samples (at least 2).
    public var sampleCount = 20
    /// The first scale with fresh noise; coarser scales reuse z* (0 = every scale fresh).
    public var startScale = 0
    /// Pyramid levels of the patch distance (full size, ½, ¼ for 3).
    public var levelCount = MultiScalePatchDistance.defaultLevelCount
    /// Side of the compared patches.
    public var patchSize = PatchExtraction.defaultSize
    /// The most patches compared per image and level.
    public var maximumPatches = PatchExtraction.defaultMaximumCount
    /// Number of random projection directions.
    public var directionCount = SlicedWasserstein.defaultDirectionCount

    public init(sampleCount: Int = 20, startScale: Int = 0) {
        self.sampleCount = sampleCount
        self.startScale = startScale
    }
}

/// Why a model cannot be evaluated, as one line.
public enum EvaluationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Fewer than two samples were asked for.
    case tooFewSamples(Int)
    /// The training image is smaller than one patch.
    case imageSmallerThanPatch(ImageSize, patchSize: Int)

    public var description: String {
        switch self {
        case .tooFewSamples(let count):
            "diversity needs at least 2 samples (got \(count))"
        case let .imageSmallerThanPatch(size, patch):
            "the training image (\(size.width)×\(size.height) px) is smaller than one \(patch)×\(patch) patch; it cannot be evaluated"
        }
    }
}

/// A quality report of a trained model without any downloaded network: random samples compared with
/// the training image (multi-scale patch SWD, diversity) and the reconstruction error of z*.
public enum ModelEvaluation {
    /// Draws `settings.sampleCount` samples at the training size from `runtime` (fresh noise from
    /// `settings.startScale` on, in the runtime's random stream) and measures them. `progress(done,
    /// total)` is called after each sample. The same model, settings and runtime seed give the same
    /// report except `seconds`.
    public static func evaluate(_ runtime: Runtime, settings: EvaluationSettings = EvaluationSettings(),
                                progress: ((Int, Int) -> Void)? = nil) throws -> QualityReport {
        let clock = ContinuousClock(), start = clock.now
        guard settings.sampleCount >= 2 else { throw EvaluationError.tooFewSamples(settings.sampleCount) }
        guard (0..<runtime.scaleCount).contains(settings.startScale) else {
            throw GenerationError.startScaleOutOfRange(settings.startScale, scaleCount: runtime.scaleCount)
        }
        // As `sample --start-scale`: the pass starts at scale 0, with z* below the fresh-noise scale.
        let request = GenerationRequest(noise: .fresh(from: settings.startScale))
        try runtime.validate(request)
        let real = runtime.trainingImage(at: runtime.scaleCount - 1)
        let patchDistance = MultiScalePatchDistance(
            reference: real, levelCount: settings.levelCount, patchSize: settings.patchSize,
            maximumPatches: settings.maximumPatches, directionCount: settings.directionCount,
            seed: EvaluationSettings.measureSeed)
        guard patchDistance.levelCount > 0 else {
            throw EvaluationError.imageSmallerThanPatch(runtime.trainingSize, patchSize: settings.patchSize)
        }
        var diversity = Diversity()
        var distanceSums = [Double](repeating: 0, count: patchDistance.levelCount)
        for done in 1...settings.sampleCount {
            let sample = try runtime.generate(request)
            diversity.add(sample)
            for (level, distance) in patchDistance.distances(to: sample).enumerated() { distanceSums[level] += distance }
            progress?(done, settings.sampleCount)
        }
        let levels = patchDistance.levelSizes.enumerated().map { level, size in
            QualityReport.Level(factor: MultiScalePatchDistance.factor(ofLevel: level), width: size.width,
                                height: size.height, swd: distanceSums[level] / Double(settings.sampleCount))
        }
        let rmse = try ReconstructionError.rootMeanSquare(of: runtime)
        let elapsed = clock.now - start
        return QualityReport(
            model: runtime.modelPath, samples: settings.sampleCount, startScale: settings.startScale, seed: runtime.seed,
            patchSize: settings.patchSize, maximumPatches: settings.maximumPatches, directions: settings.directionCount,
            levels: levels, diversity: diversity.value(relativeTo: real), reconstructionRMSE: rmse,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }
}
