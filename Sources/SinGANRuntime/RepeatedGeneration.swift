import Foundation
import SinGANModel
import SinGANTensor

/// One trained scale's generator applied again and again to a growing image, described as data.
///
/// Each pass enlarges the image by `step` (the uint8 bicubic resize used between scales), pads
/// it by 5, adds fresh noise times that scale's σ and applies the generator; the first pass gets
/// grey noise, as the first generator `SinGAN_generate` runs does. With the finest scale and
/// the model's scale step this is the official SR.py inference, which runs `SinGAN_generate`
/// over `iter_num` copies of `Gs[-1]`.
public struct RepeatedGeneration: Sendable, Equatable {
    /// The scale whose generator and noise amplitude every pass uses.
    public let scale: Int
    /// The enlargement before each pass (above 1).
    public let step: Double
    /// The size of the image the passes start from.
    public let start: ImageSize
    /// The output size of every pass, in order: each is the previous one enlarged by `step`
    /// (`ceil(side · step)`), the first is `start` enlarged once.
    public let sizes: [ImageSize]

    /// The plan for `passes` passes from an image of size `start`.
    public init(scale: Int, step: Double, passes: Int, start: ImageSize) {
        precondition(step.isFinite && step > 1 && passes >= 1, "step \(step) and \(passes) passes")
        self.scale = scale
        self.step = step
        self.start = start
        var sizes: [ImageSize] = [], current = start
        for _ in 0..<passes {
            current = BicubicResize.outputSize(of: current, scale: step)
            sizes.append(current)
        }
        self.sizes = sizes
    }

    /// The number of passes.
    public var passes: Int { sizes.count }
    /// The size of the result.
    public var outputSize: ImageSize { sizes[sizes.count - 1] }
}

extension Runtime {
    /// The hidden width (channels) of stage `k`'s generator.
    public func generatorWidth(at k: Int) -> Int { model.generatorWidth(at: k) }

    /// Applies `plan` to `image` (`[1, 3, H, W]` in [−1, 1] at `plan.start`), drawing the noise of
    /// every pass from `random`; returns the last pass's output (not clamped).
    public func generate(_ plan: RepeatedGeneration, from image: Tensor) throws(GenerationError) -> Tensor {
        guard (0..<scaleCount).contains(plan.scale) else { throw .startScaleOutOfRange(plan.scale, scaleCount: scaleCount) }
        guard image.shape == [1, 3, plan.start.height, plan.start.width] else {
            throw .injectedSizeMismatch(got: image.shape, expected: plan.start, scale: plan.scale)
        }
        let state = try scalePyramid(for: "repeated passes of one scale's generator").scales[plan.scale]
        var current = image
        for (pass, size) in plan.sizes.enumerated() {
            let previous = NoiseMaps.pad(PyramidSampler.fit(BicubicResize.resize(current, scale: plan.step),
                                                            height: size.height, width: size.width))
            let layout = profile.noiseLayout
            let z = noiseSource.noise(scale: plan.scale, shape: NoiseMaps.paddedShape(size), random: &random) {
                NoiseMaps.draw(height: size.height, width: size.width, grey: pass == 0, layout: layout, random: &$0)
            }
            current = state.generator.generate(noise: z * state.noiseAmplitude + previous, previous: previous)
        }
        return current
    }
}
