import SinGANAutodiff
import SinGANNN
import SinGANTensor

/// ConSinGAN's building block without BatchNorm (its default): 3×3 valid convolution → LeakyReLU.
public final class PlainConvBlock: Layer {
    public let conv: Conv2d
    /// The leaky ReLU's negative slope (ConSinGAN: 0.05).
    public let slope: Float

    /// A block from `inChannels` to `outChannels`, its parameters named "`name`.conv.weight/bias".
    public init(_ name: String, inChannels: Int, outChannels: Int, slope: Float, random: inout RandomSource) {
        conv = Conv2d(name + ".conv", inChannels: inChannels, outChannels: outChannels, random: &random)
        self.slope = slope
    }

    /// A block with `other`'s values under a new `name` (ConSinGAN's `deepcopy` of a stage body).
    init(copying other: PlainConvBlock, as name: String) {
        var unused = RandomSource(seed: 0)
        conv = Conv2d(name + ".conv", inChannels: other.conv.weight.value.shape[1],
                      outChannels: other.conv.weight.value.shape[0], random: &unused)
        slope = other.slope
        copyWeights(from: other)
    }

    public var parameters: [Parameter] { conv.parameters }
    public var buffers: [String: Tensor] { get { [:] } set {} }

    /// leakyReLU(conv(x) + b), with the parameters' graph leaves chosen by `leaf`.
    func callAsFunction(_ x: Variable, leaf: (Parameter) -> Variable) -> Variable {
        conv2d(x, leaf(conv.weight), bias: leaf(conv.bias)).leakyReLU(slope: slope)
    }

    /// The block for repeated inference.
    func prepared() -> PreparedConvolution {
        PreparedConvolution(weight: conv.weight.value, bias: conv.bias.value, leakySlope: slope)
    }
}
