import SinGANAutodiff
import SinGANNN
import SinGANTensor

/// One scale's generator (`GeneratorConcatSkip2CleanAdd`): trunk, tail conv to 3 channels, tanh,
/// plus the previous-scale image cropped by 5 pixels on every side (the residual).
public final class Generator: ScaleNetwork {
    private let inference = InferenceCache()

    public init(width: Int, random: inout RandomSource) {
        super.init(width: width, outputChannels: 3, random: &random)
    }

    /// G(noise, previous): both padded, [1, 3, H+10, W+10] → [1, 3, H, W].
    public func callAsFunction(_ noise: Variable, _ previous: Variable) -> Variable {
        let residual = features(noise).tanh()
        let (origin, size) = Self.residualCrop(previous: previous.shape, residual: residual.shape)
        return residual + previous.cropped(origin: origin, size: size)
    }

    /// Evaluates on constant inputs and returns the value (for drawing coarser scales and sampling).
    /// In evaluation mode this runs without a graph, BatchNorm folded into the convolutions, the
    /// prepared layers kept between calls while the weights stay the same.
    public func generate(noise: Tensor, previous: Tensor) -> Tensor {
        guard !isTraining else { return self(Variable(noise), Variable(previous)).value }
        let residual = inference.layers(of: self).reduce(noise) { $1($0) }.tanh()
        let (origin, size) = Self.residualCrop(previous: previous.shape, residual: residual.shape)
        return residual + previous.cropped(origin: origin, size: size)
    }

    /// The centre of the padded previous image that the residual is added to (5 pixels off each side).
    static func residualCrop(previous: [Int], residual: [Int]) -> (origin: [Int], size: [Int]) {
        let offset = (previous[2] - residual[2]) / 2
        return ([0, 0, offset, offset], [1, 3, residual[2], residual[3]])
    }
}
