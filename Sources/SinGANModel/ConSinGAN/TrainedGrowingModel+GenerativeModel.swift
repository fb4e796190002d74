import SinGANTensor

/// ConSinGAN as a `GenerativeModel`: every pass runs all stages (the head needs stage 0's input);
/// stages below the start take their reconstruction inputs, an injected image replaces stage 0's.
extension TrainedGrowingModel: GenerativeModel {
    public var family: ModelFamily { .consingan }
    public var stageSizes: [ImageSize] { stages.sizes }
    public var trainedStageCount: Int { noiseAmplitudes.count }
    public func trainingImage(at k: Int) -> Tensor { reals[k] }
    public func generatorWidth(at k: Int) -> Int { settings.width }
    public var scalePyramid: TrainedPyramid? { nil }

    /// `int(side · factor)` per stage as ConSinGAN's `evaluate_model.py` (truncation; a hair of
    /// tolerance so that an exact size request is not cut by float error).
    public func outputSizes(vertical: Double, horizontal: Double) -> [ImageSize] {
        stages.sizes.prefix(trainedStageCount).map {
            ImageSize(height: Int((vertical * Double($0.height) + 1e-9).rounded(.down)),
                      width: Int((horizontal * Double($0.width) + 1e-9).rounded(.down)))
        }
    }

    /// Stage 0: `[1, 3, H, W]`; above: `[1, w, H + 2·layers, W + 2·layers]`.
    public func noiseShape(at k: Int, size: ImageSize) -> [Int] { settings.inputShape(at: k, size: size) }

    public func freshNoise(at k: Int, size: ImageSize, random: inout RandomSource) -> Tensor {
        random.normal(noiseShape(at: k, size: size))
    }

    /// The stored reconstruction input, which exists only at the training size.
    public func reconstructionNoise(at k: Int, size: ImageSize) -> Tensor? {
        let stored = reconstructionInputs[k]
        return stored.shape == noiseShape(at: k, size: size) && size == stages.sizes[k] ? stored : nil
    }

    /// Every stage below the start runs on its reconstruction input (stage 0's is replaced by an
    /// injected image), and so do the stages the schedule gives no fresh noise.
    public func stagesUsingReconstruction(start: Int, freshFrom: Int, injected: Bool) -> Range<Int> {
        let first = injected ? 1 : 0
        return first..<max(first, start, min(freshFrom, trainedStageCount))
    }

    public func lowestInjectionStage(_ resize: InjectionResize) -> Int { resize == .downAndUp ? 1 : 0 }

    /// The image replaces stage 0's input whatever the start stage.
    public func injectionSize(start: Int, sizes: [ImageSize]) -> ImageSize { sizes[0] }

    /// The image resized to stage 0's training size (`imresize_to_shape(naive, reals_shapes[0])`, as
    /// ConSinGAN's harmonization and editing); the start stage only decides where fresh noise begins.
    public func injectionImage(from image: Tensor, at n: Int, resize: InjectionResize) -> Tensor {
        let size = stages.sizes[0]
        return BicubicResize.resize(image, toHeight: size.height, width: size.width)
    }

    public func generate(from start: Int, initial: Tensor?, sizes: [ImageSize], random: inout RandomSource,
                         noise: StageNoiseSupplier) -> Tensor {
        guard let generator else { preconditionFailure("no finished stage to generate with") }
        precondition(sizes.count == trainedStageCount && (0..<trainedStageCount).contains(start), "stages")
        var inputs: [Tensor] = []
        for k in 0..<trainedStageCount {
            if k == 0, let initial {
                inputs.append(initial)
            } else if k < start {
                guard let stored = reconstructionNoise(at: k, size: sizes[k]) else {
                    preconditionFailure("stage \(k)'s reconstruction input exists only at the training size")
                }
                inputs.append(stored)
            } else {
                inputs.append(noise(k, sizes[k], &random))
            }
        }
        return generator.generate(inputs, sizes: sizes, amplitudes: noiseAmplitudes)
    }
}
