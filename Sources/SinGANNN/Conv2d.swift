import SinGANAutodiff
import SinGANTensor

/// A k×k convolution with bias, stride 1 and no padding.
///
/// Initialisation follows the official SinGAN `weights_init`: weights ~ N(0, 0.02); biases keep
/// PyTorch's default, U(−1/√fanIn, 1/√fanIn).
public final class Conv2d: Layer {
    public let weight: Parameter
    public let bias: Parameter

    /// A convolution from `inChannels` to `outChannels`, parameters named "`name`.weight/bias".
    public init(_ name: String, inChannels: Int, outChannels: Int, kernel: Int = 3, random: inout RandomSource) {
        let fanIn = Float(inChannels * kernel * kernel)
        let bound = 1 / fanIn.squareRoot()
        weight = Parameter(name + ".weight", random.normal([outChannels, inChannels, kernel, kernel]) * 0.02)
        bias = Parameter(name + ".bias", random.uniform([outChannels]).map { (2 * $0 - 1) * bound })
    }

    public var parameters: [Parameter] { [weight, bias] }
    public var buffers: [String: Tensor] { get { [:] } set {} }

    /// conv(x, w) + b.
    public func callAsFunction(_ x: Variable) -> Variable {
        conv2d(x, weight.variable, bias: bias.variable)
    }
}
