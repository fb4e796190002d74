import Dispatch
import SinGANImaging
import SinGANModel
import SinGANRuntime
import SinGANTensor

/// Paint-to-image with colour quantization (the official `--quantization_flag` and `train_paint`).
///
/// - The colours: `KMeans(n_clusters=5)` of the training image at the start scale n, in the
///   model's [−1, 1] range (`ColourQuantizer.centres`, seeded k-means++).
/// - The injected image: the clipart painted with those colours (`quant2centers`: k-means on the
///   clipart started from the centres, each pixel painted with its original centre), resized
///   straight to scale n, without the down-and-up blur of the plain injection.
/// - The retrained scale: scale n only, from fresh weights, for the given iterations, with every
///   previous image it sees (`prev`, `z_prev`, zero-padded) painted the same way; the noise
///   amplitude comes from the unquantized reconstruction (`ScaleTrainer.previousImageTransform`).
struct PaintQuantization {
    /// The number of colours (`n_clusters=5`).
    static let colourCount = 5

    /// The start scale n.
    let scale: Int
    /// The training image's colours at scale n, in [−1, 1].
    let centres: [ColourQuantizer.Colour]

    init(runtime: Runtime, scale: Int) {
        self.init(scale: scale, centres: ColourQuantizer.centres(of: runtime.trainingImage(at: scale), clusters: Self.colourCount))
    }

    /// Quantization at scale n with the given colours (the parity tests give the official ones).
    init(scale: Int, centres: [ColourQuantizer.Colour]) {
        self.scale = scale
        self.centres = centres
    }

    /// Paints `image` (`[1, 3, H, W]` in [−1, 1]) with the centres (`quant2centers`).
    func paint(_ image: Tensor) -> Tensor {
        ColourQuantizer.quantizeRefitting(image, to: centres)
    }

    /// The clipart painted with the centres and resized straight to scale n.
    func injection(of clipart: InputImage, runtime: Runtime) throws -> Tensor {
        try runtime.injectionImage(from: paint(clipart.model), at: scale, resize: .direct)
    }

    /// The runtime's model with scale n retrained on painted inputs: read from the cache beside
    /// the model when it matches, otherwise trained now and cached (a cache that cannot be written
    /// is reported, not fatal).
    func retrainedPyramid(runtime: Runtime, iterations: Int) throws -> TrainedPyramid {
        let pyramid = try runtime.scalePyramid(for: "paint2img --quantize (retraining one scale)")
        let cache = PaintCache(modelPath: runtime.modelPath, fingerprint: pyramid.fingerprint, scale: scale,
                               iterations: iterations, modelIterations: pyramid.config.iterations)
        if let cached = cache.scaleState(fitting: pyramid) {
            runtime.notice("using the retrained scale \(scale) from \(cache.path)")
            return pyramid.replacingScale(scale, with: cached)
        }
        runtime.notice("retraining scale \(scale) on \(Self.colourCount) colours of the training image "
                       + "(\(iterations) iterations; cached for the next run)…")
        let start = DispatchTime.now().uptimeNanoseconds
        let retrained = pyramid.replacingScale(scale, with: retrainScale(of: pyramid, iterations: iterations))
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        do {
            try cache.store(retrained)
            runtime.notice("retrained scale \(scale) in \(Int(seconds.rounded())) s; saved as \(cache.path)")
        } catch {
            runtime.notice("retrained scale \(scale) in \(Int(seconds.rounded())) s; could not cache it: \(error)")
        }
        return retrained
    }

    /// Trains scale n of `pyramid` again, from fresh weights, on painted previous images. The
    /// random stream is seeded from the model's training seed and n, so the result depends on the
    /// model and the iterations only (not on `--seed`), and a cached copy is identical.
    func retrainScale(of pyramid: TrainedPyramid, iterations: Int) -> ScaleState {
        var config = pyramid.config
        config.iterations = iterations
        var random = RandomSource(seed: config.seed ^ (0x5041_494E_5400_0000 | UInt64(scale)))
        let width = config.width(atScale: scale)
        let generator = Generator(width: width, random: &random)
        let discriminator = Discriminator(width: width, random: &random)
        let coarser = PyramidSampler(scales: Array(pyramid.scales[..<scale]), scaleFactor: pyramid.geometry.scaleFactor,
                                     noiseLayout: pyramid.profile.noiseLayout)
        let trainer = ScaleTrainer(config: config, profile: pyramid.profile, scaleIndex: scale,
                                   real: pyramid.scales[scale].real, sampler: coarser,
                                   previousImageTransform: { [self] in paint($0) })
        guard let state = trainer.train(generator: generator, discriminator: discriminator, random: &random,
                                        onIteration: { _, _, _ in true }) else {
            preconditionFailure("training stops only when asked to")
        }
        return state
    }
}
