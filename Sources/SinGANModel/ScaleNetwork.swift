import SinGANAutodiff
import SinGANNN
import SinGANTensor

/// What a scale's generator and discriminator share: the five-layer trunk (head and three body
/// blocks) and a tail convolution to `outputChannels`.
public class ScaleNetwork: Layer {
    /// Channels of every hidden layer.
    public let width: Int
    public let trunk: ConvTrunk
    public let tail: Conv2d

    init(width: Int, outputChannels: Int, random: inout RandomSource) {
        self.width = width
        trunk = ConvTrunk(width: width, random: &random)
        tail = Conv2d("tail", inChannels: width, outChannels: outputChannels, random: &random)
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

    /// tail(trunk(x)).
    func features(_ x: Variable) -> Variable { tail(trunk(x)) }
}
