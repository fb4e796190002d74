import Foundation
import SinGANTensor

/// SinGAN as a `GenerativeModel`: the official `SinGAN_generate` over the finished scales.
extension TrainedPyramid: GenerativeModel {
    public var family: ModelFamily { .singan }
    public var stageSizes: [ImageSize] { geometry.levelSizes }
    public var trainedStageCount: Int { scales.count }
    public func trainingImage(at k: Int) -> Tensor { scales[k].real }
    public func generatorWidth(at k: Int) -> Int { config.width(atScale: k) }
    public var scalePyramid: TrainedPyramid? { self }

    public func outputSizes(vertical: Double, horizontal: Double) -> [ImageSize] {
        sampler.outputSizes(vertical: vertical, horizontal: horizontal)
    }

    public func noiseShape(at k: Int, size: ImageSize) -> [Int] { NoiseMaps.paddedShape(size) }

    public func freshNoise(at k: Int, size: ImageSize, random: inout RandomSource) -> Tensor {
        sampler.freshNoise(at: k, size: size, random: &random)
    }

    /// z* at scale 0 (training size only), zeros above at any size.
    public func reconstructionNoise(at k: Int, size: ImageSize) -> Tensor? {
        if k == 0 && size != scales[0].size { return nil }
        return sampler.reconstructionNoise(at: k, size: size)
    }

    /// Scales below the start are not run: only `start..<freshFrom` take z* or zeros.
    public func stagesUsingReconstruction(start: Int, freshFrom: Int, injected: Bool) -> Range<Int> {
        start..<max(start, min(freshFrom, scales.count))
    }

    public func lowestInjectionStage(_ resize: InjectionResize) -> Int { resize == .downAndUp ? 1 : 0 }

    /// The image enters the start scale itself.
    public func injectionSize(start: Int, sizes: [ImageSize]) -> ImageSize { sizes[start] }

    /// As the official applications: an image whose size differs from the finest training size is
    /// resized to it (`imresize_to_shape`); then `.downAndUp`: `imresize(·, sf^(N−n+1))`, cropped to
    /// scale n−1, `imresize(·, 1/sf)`, cropped to scale n; `.direct`: `imresize(·, sf^(N−n))`, cropped
    /// to scale n (N the finest scale, sf the scale factor; an image a pixel short is resized instead).
    public func injectionImage(from image: Tensor, at n: Int, resize: InjectionResize) -> Tensor {
        let sizes = geometry.levelSizes, finest = sizes[scales.count - 1], factor = geometry.scaleFactor
        var picture = image
        if image.shape != [1, 3, finest.height, finest.width] {
            picture = BicubicResize.resize(image, toHeight: finest.height, width: finest.width)
        }
        let coarser = n - lowestInjectionStage(resize)
        picture = PyramidSampler.fit(BicubicResize.resize(picture, scale: pow(factor, Double(scales.count - 1 - coarser))),
                                     height: sizes[coarser].height, width: sizes[coarser].width)
        guard resize == .downAndUp else { return picture }
        return PyramidSampler.fit(BicubicResize.resize(picture, scale: 1 / factor), height: sizes[n].height, width: sizes[n].width)
    }

    public func generate(from start: Int, initial: Tensor?, sizes: [ImageSize], random: inout RandomSource,
                         noise: StageNoiseSupplier) -> Tensor {
        sampler.generate(from: start, initial: initial, sizes: sizes, random: &random, noise: noise)
    }
}
