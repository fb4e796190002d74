import SinGANAutodiff
import SinGANNN
import SinGANTensor

/// One scale's generator (`GeneratorConcatSkip2CleanAdd`): trunk, tail conv to 3 channels, tanh,
/// plus the previous-scale image cropped by 5 pixels on every side (the residual).
public final class Generator: ScaleNetwork {
    public init(width: Int, random: inout RandomSource) {
        super.init(width: width, outputChannels: 3, random: &random)
    }

    /// G(noise, previous): both padded, [1, 3, H+10, W+10] → [1, 3, H, W].
    public func callAsFunction(_ noise: Variable, _ previous: Variable) -> Variable {
        let residual = features(noise).tanh()
        let (h, w) = (residual.shape[2], residual.shape[3])
        let offset = (previous.shape[2] - h) / 2
        return residual + previous.cropped(origin: [0, 0, offset, offset], size: [1, 3, h, w])
    }

    /// Evaluates on constant inputs and returns the value (for drawing coarser scales and sampling).
    /// In evaluation mode this runs without a graph, BatchNorm folded into the convolutions.
    public func generate(noise: Tensor, previous: Tensor) -> Tensor {
        guard !isTraining else { return self(Variable(noise), Variable(previous)).value }
        let residual = Tensor.conv2d(trunk.evaluate(noise), tail.weight.value, bias: tail.bias.value).tanh()
        let (h, w) = (residual.shape[2], residual.shape[3])
        let offset = (previous.shape[2] - h) / 2
        return residual + previous.cropped(origin: [0, 0, offset, offset], size: [1, 3, h, w])
    }
}
