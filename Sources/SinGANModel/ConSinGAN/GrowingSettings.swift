/// The settings ConSinGAN adds to the shared `TrainingConfig`, with its official defaults
/// (tohinz/ConSinGAN `config.py` and `main_train.py`). The shared ones it uses as ConSinGAN's defaults
/// are the same values as SinGAN's: 2000 iterations per stage, learning rates 5e-4, β₁ 0.5, decay
/// ×0.1 at 80 %, 3 critic and 3 generator steps, α 10, penalty weight 0.1, noise amplitude 0.1,
/// min size 25, max size 250.
public struct GrowingSettings: Sendable, Codable, Equatable {
    /// Number of stages (`--train_stages 6`).
    public var stages = 6
    /// Channels of every hidden layer (`--nfc 64`).
    public var width = 64
    /// Blocks per stage body (`--num_layer 3`).
    public var layersPerStage = 3
    /// Leaky ReLU slope (`--lrelu_alpha 0.05`).
    public var leakySlope: Float = 0.05
    /// Stages trained together (`--train_depth 3`).
    public var concurrentStages = 3
    /// Learning-rate factor per stage back (`--lr_scale 0.1`).
    public var learningRateScale: Float = 0.1
    /// Whether stage 0's reconstruction input is fixed noise instead of the coarsest training
    /// image (ConSinGAN's animation mode, `--train_mode animation`).
    public var reconstructsFromNoise = false
    /// Whether every generator block normalises its convolution's output with BatchNorm before
    /// the leaky ReLU (`--batch_norm`; the critic has none). ConSinGAN never switches its networks
    /// to evaluation mode, so the normalisation always uses the statistics of the map it is given,
    /// in training and in generation alike. Stored only when true (older files have no member).
    public var batchNorm = false

    /// The range of `stages` a model may have (the rescaling formula needs at least 3).
    public static let stageRange = 3...64

    public init() {}

    private enum CodingKeys: String, CodingKey {
        case stages, width, layersPerStage, leakySlope, concurrentStages, learningRateScale, reconstructsFromNoise, batchNorm
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        stages = try c.decode(Int.self, forKey: .stages)
        width = try c.decode(Int.self, forKey: .width)
        layersPerStage = try c.decode(Int.self, forKey: .layersPerStage)
        leakySlope = try c.decode(Float.self, forKey: .leakySlope)
        concurrentStages = try c.decode(Int.self, forKey: .concurrentStages)
        learningRateScale = try c.decode(Float.self, forKey: .learningRateScale)
        reconstructsFromNoise = try c.decode(Bool.self, forKey: .reconstructsFromNoise)
        batchNorm = try c.decodeIfPresent(Bool.self, forKey: .batchNorm) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(stages, forKey: .stages)
        try c.encode(width, forKey: .width)
        try c.encode(layersPerStage, forKey: .layersPerStage)
        try c.encode(leakySlope, forKey: .leakySlope)
        try c.encode(concurrentStages, forKey: .concurrentStages)
        try c.encode(learningRateScale, forKey: .learningRateScale)
        try c.encode(reconstructsFromNoise, forKey: .reconstructsFromNoise)
        if batchNorm { try c.encode(batchNorm, forKey: .batchNorm) }
    }

    /// The shape of stage `k`'s generator input at output size `size`: the image or noise at stage
    /// 0, `[1, 3, H, W]`; noise of `width` channels padded by `layersPerStage` above.
    public func inputShape(at k: Int, size: ImageSize) -> [Int] {
        guard k > 0 else { return [1, 3, size.height, size.width] }
        return [1, width, size.height + 2 * layersPerStage, size.width + 2 * layersPerStage]
    }

    /// Checks every value against the range a model may have.
    public func validate() throws(ModelFileError) {
        guard Self.stageRange.contains(stages) else {
            throw .invalid("the number of stages \(stages) is out of range (\(Self.stageRange.lowerBound)–\(Self.stageRange.upperBound))")
        }
        guard SettingRanges.width.contains(width) else { throw .invalid("the width \(width) is out of range") }
        guard (1...8).contains(layersPerStage) else { throw .invalid("layers per stage \(layersPerStage) is out of range (1–8)") }
        guard leakySlope.isFinite, (0...1).contains(leakySlope) else { throw .invalid("the leaky slope \(leakySlope) is out of range (0–1)") }
        guard !batchNorm || (leakySlope > 0 && leakySlope < 1) else {
            throw .invalid("the leaky slope \(leakySlope) is out of range for BatchNorm blocks (strictly between 0 and 1)")
        }
        guard (1...stages).contains(concurrentStages) else { throw .invalid("concurrent stages \(concurrentStages) is out of range (1–\(stages))") }
        guard learningRateScale.isFinite, learningRateScale > 0, learningRateScale <= 1 else {
            throw .invalid("the learning-rate scale \(learningRateScale) is out of range (0–1]")
        }
    }
}
