import SinGANTensor

/// The generation pass of the official `SinGAN_generate` (tamarott/SinGAN, `SinGAN/manipulate.py`),
/// from any start scale and at any per-axis output scale. `finestOutput` and the runtime both use it.
extension PyramidSampler {
    /// Supplies the padded noise map of one scale: `(scale index, output size, random)` →
    /// `[1, 3, H+10, W+10]`.
    public typealias NoiseSupplier = (_ scale: Int, _ size: ImageSize, _ random: inout RandomSource) -> Tensor

    /// The output size of every scale, coarsest first, for per-axis factors `vertical` and
    /// `horizontal` relative to the training sizes: `round(v·Hₖ) × round(h·Wₖ)` with Python's
    /// `round` (halves to even), as the official noise shapes and crops.
    public func outputSizes(vertical: Double, horizontal: Double) -> [ImageSize] {
        scales.map {
            ImageSize(height: Int((vertical * Double($0.size.height)).rounded(.toNearestOrEven)),
                      width: Int((horizontal * Double($0.size.width)).rounded(.toNearestOrEven)))
        }
    }

    /// Fresh noise for scale `k` at `size`: grey at scale 0, laid out as the model was trained.
    public func freshNoise(at k: Int, size: ImageSize, random: inout RandomSource) -> Tensor {
        NoiseMaps.draw(height: size.height, width: size.width, grey: k == 0, layout: noiseLayout, random: &random)
    }

    /// The reconstruction noise of scale `k` (`Z_opt`): z* at scale 0, zeros above. z* exists
    /// only at the training size; above scale 0 any size is zeros.
    public func reconstructionNoise(at k: Int, size: ImageSize) -> Tensor {
        let stored = scales[k].reconstructionNoise
        let shape = [1, 3, size.height + 2 * NoiseMaps.padding, size.width + 2 * NoiseMaps.padding]
        if stored.shape == shape { return stored }
        precondition(k > 0, "z* exists only at the training size \(scales[0].size), not \(size)")
        return Tensor.zeros(shape)
    }

    /// Runs scales `start…` and returns the finest output (not clamped).
    ///
    /// Per scale k (the official loop): the previous image is `initial` (zeros when nil) at the
    /// start scale, else the previous output upsampled by `nextInput`; both are zero-padded by 5.
    /// Then `I = Gₖ(σₖ·z + I_prev, I_prev)` with `z = noise(k, sizes[k], &random)`.
    ///
    /// - Parameters:
    ///   - start: the first scale to run.
    ///   - initial: the image entering the start scale, `[1, 3, sizes[start]]`, unpadded.
    ///   - sizes: the output size of every scale (see `outputSizes`), one per trained scale.
    public func generate(from start: Int, initial: Tensor?, sizes: [ImageSize], random: inout RandomSource,
                         noise: NoiseSupplier) -> Tensor {
        precondition(start >= 0 && start < scales.count && sizes.count == scales.count,
                     "start scale \(start) and \(sizes.count) sizes for \(scales.count) scales")
        var image = initial ?? Tensor.zeros([1, 3, sizes[start].height, sizes[start].width])
        precondition(image.shape == [1, 3, sizes[start].height, sizes[start].width],
                     "initial image \(image.shape) does not match scale \(start)'s size \(sizes[start])")
        for k in start..<scales.count {
            let previous = k == start ? NoiseMaps.pad(image) : nextInput(from: image, size: sizes[k])
            let z = noise(k, sizes[k], &random)
            image = scales[k].generator.generate(noise: z * scales[k].noiseAmplitude + previous, previous: previous)
        }
        return image
    }

    /// The padded input of a scale of output size `size` from the coarser scale's output: resized
    /// by 1/scale factor (uint8 bicubic), cropped top-left to `size`, zero-padded by 5, and, if the
    /// upsampled image came out smaller, stretched to the padded size with align-corners bilinear
    /// (the official `upsampling` fix for off-by-one shapes).
    public func nextInput(from image: Tensor, size: ImageSize) -> Tensor {
        let upsampled = BicubicResize.resize(image, scale: 1 / scaleFactor)
        let kept = [1, 3, min(size.height, upsampled.shape[2]), min(size.width, upsampled.shape[3])]
        let padded = NoiseMaps.pad(upsampled.shape == kept ? upsampled : upsampled.cropped(origin: [0, 0, 0, 0], size: kept))
        let p = 2 * NoiseMaps.padding
        return BilinearResize.resize(padded, toHeight: size.height + p, width: size.width + p)
    }
}
