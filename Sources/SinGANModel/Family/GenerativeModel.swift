import SinGANTensor

/// Supplies the noise map stage `k` receives at output size `size` (shaped as the family's
/// `noiseShape(at:size:)`).
public typealias StageNoiseSupplier = (_ stage: Int, _ size: ImageSize, _ random: inout RandomSource) -> Tensor

/// How an image is brought to the stage where it is injected.
public enum InjectionResize: Sendable {
    /// Down to the next coarser scale and back up, like a generated image arriving from there
    /// (the official harmonization, editing and paint-to-image without quantization).
    case downAndUp
    /// Straight to the scale's size (the official paint-to-image with quantization).
    case direct
}

/// What generation needs from a trained model, whatever its family: the stage sizes, the noise
/// each stage takes, where an image can be injected, and the generation pass itself. The runtime
/// and every application work through this protocol only.
///
/// Stages are numbered coarsest first. "Start stage n" means: noise is fresh from stage n on; below
/// it the model reproduces its training image (SinGAN does not run those scales and takes the
/// injected image or zeros at n; ConSinGAN runs them with its reconstruction inputs, the injected
/// image entering at its first stage).
public protocol GenerativeModel: AnyObject {
    /// Which family the model belongs to.
    var family: ModelFamily { get }
    /// The settings it was trained with.
    var config: TrainingConfig { get }
    /// The training profile (noise layout, geometry variant).
    var profile: TrainingProfile { get }
    /// Training image size of every stage, coarsest first, including stages not trained yet.
    var stageSizes: [ImageSize] { get }
    /// Number of stages trained so far.
    var trainedStageCount: Int { get }
    /// The training image at stage `k` (trained), `[1, 3, H, W]` in [−1, 1].
    func trainingImage(at k: Int) -> Tensor
    /// Hidden channels of stage `k`'s layers (memory estimates).
    func generatorWidth(at k: Int) -> Int

    /// Every trained stage's output size for per-axis factors relative to the training sizes.
    func outputSizes(vertical: Double, horizontal: Double) -> [ImageSize]
    /// The shape of the noise map stage `k` receives at output size `size`.
    func noiseShape(at k: Int, size: ImageSize) -> [Int]
    /// A fresh noise map for stage `k` at `size`, drawn from `random`.
    func freshNoise(at k: Int, size: ImageSize, random: inout RandomSource) -> Tensor
    /// The reconstruction input of stage `k` at `size`, or nil where it exists only at the
    /// training size and `size` differs.
    func reconstructionNoise(at k: Int, size: ImageSize) -> Tensor?
    /// The stages whose reconstruction input a pass uses when it starts at `start` with fresh
    /// noise from `freshFrom` (`Int.max`: reconstruction everywhere), with or without an injected image.
    func stagesUsingReconstruction(start: Int, freshFrom: Int, injected: Bool) -> Range<Int>

    /// The lowest stage an image can be injected at with `resize`.
    func lowestInjectionStage(_ resize: InjectionResize) -> Int
    /// The size an image injected for start stage `start` must have, given every stage's output size.
    func injectionSize(start: Int, sizes: [ImageSize]) -> ImageSize
    /// `image` (`[1, 3, H, W]` in [−1, 1], any size) prepared as the official applications do for
    /// injection with start stage `n` (≥ `lowestInjectionStage(resize)`), at the training size.
    func injectionImage(from image: Tensor, at n: Int, resize: InjectionResize) -> Tensor

    /// One generation pass over the trained stages (see the protocol's description of start stages).
    /// `initial` is the injected image (`injectionSize`), nil for none; `noise` is asked for the maps
    /// of stages `start…`.
    func generate(from start: Int, initial: Tensor?, sizes: [ImageSize], random: inout RandomSource,
                  noise: StageNoiseSupplier) -> Tensor

    /// SinGAN's per-scale pyramid, for applications that retrain or repeat a single scale
    /// (paint-to-image quantization, super-resolution); nil for families that have none.
    var scalePyramid: TrainedPyramid? { get }
}

extension GenerativeModel {
    /// A random sample over the trained stages at their training sizes (training previews).
    public func previewSample(random: inout RandomSource) -> Tensor {
        let sizes = Array(stageSizes.prefix(trainedStageCount))
        return generate(from: 0, initial: nil, sizes: sizes, random: &random) { k, size, random in
            freshNoise(at: k, size: size, random: &random)
        }
    }

    /// G(z*) over the trained stages at their training sizes: what the model makes of its training
    /// image from the reconstruction inputs alone (training checks). It draws nothing.
    public func trainedReconstruction() -> Tensor {
        let sizes = Array(stageSizes.prefix(trainedStageCount))
        var unused = RandomSource(seed: 0)
        return generate(from: 0, initial: nil, sizes: sizes, random: &unused) { k, size, _ in
            reconstructionNoise(at: k, size: size)!
        }
    }
}
