import SinGANAutodiff
import SinGANNN
import SinGANTensor

/// One scale's generator (`GeneratorConcatSkip2CleanAdd`): trunk, tail conv to 3 channels, tanh,
/// plus the previous-scale image cropped by 5 pixels on every side (the residual).
public final class Generator: Layer {
    /// Channels of every hidden layer.
    public let width: Int
    public let trunk: ConvTrunk
    public let tail: Conv2d

    public init(width: Int, random: inout RandomSource) {
        self.width = width
        trunk = ConvTrunk(width: width, random: &random)
        tail = Conv2d("tail", inChannels: width, outChannels: 3, random: &random)
    }

    public var parameters: [Parameter] { trunk.parameters + tail.parameters }
    public var buffers: [String: Tensor] {
        get { trunk.buffers }
        set { trunk.buffers = newValue }
    }
    /// Training mode uses batch statistics; evaluation mode the running ones.
    public var isTraining: Bool {
        get { trunk.isTraining }
        set { trunk.isTraining = newValue }
    }

    /// G(noise, previous): both padded, [1, 3, H+10, W+10] → [1, 3, H, W].
    public func callAsFunction(_ noise: Variable, _ previous: Variable) -> Variable {
        let residual = tail(trunk(noise)).tanh()
        let (h, w) = (residual.shape[2], residual.shape[3])
        let offset = (previous.shape[2] - h) / 2
        return residual + previous.cropped(origin: [0, 0, offset, offset], size: [1, 3, h, w])
    }

    /// Evaluates without recording a graph (for drawing coarser scales and sampling).
    public func generate(noise: Tensor, previous: Tensor) -> Tensor {
        self(Variable(noise), Variable(previous)).value
    }
}

/// One scale's critic (`WDiscriminator`): trunk and a tail conv to one channel, no activation.
/// Returns a patch score map 10 pixels smaller than its input.
public final class Discriminator: Layer {
    public let width: Int
    public let trunk: ConvTrunk
    public let tail: Conv2d

    public init(width: Int, random: inout RandomSource) {
        self.width = width
        trunk = ConvTrunk(width: width, random: &random)
        tail = Conv2d("tail", inChannels: width, outChannels: 1, random: &random)
    }

    public var parameters: [Parameter] { trunk.parameters + tail.parameters }
    public var buffers: [String: Tensor] {
        get { trunk.buffers }
        set { trunk.buffers = newValue }
    }
    public var isTraining: Bool {
        get { trunk.isTraining }
        set { trunk.isTraining = newValue }
    }

    public func callAsFunction(_ x: Variable) -> Variable { tail(trunk(x)) }
}
