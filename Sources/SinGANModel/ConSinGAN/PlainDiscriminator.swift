import SinGANAutodiff
import SinGANNN
import SinGANTensor

/// ConSinGAN's critic (`Discriminator`, tohinz/ConSinGAN `models.py`): head `ConvBlock(3→w)`,
/// `layers` blocks `w→w` and a tail `Conv(w→1)`, all 3×3 without padding and without BatchNorm.
/// Returns a patch score map `2·(layers + 2)` pixels smaller than its input.
public final class PlainDiscriminator: Layer {
    public let head: PlainConvBlock
    public let body: [PlainConvBlock]
    public let tail: Conv2d

    /// A critic with fresh weights.
    public init(width: Int, layers: Int, slope: Float, random: inout RandomSource) {
        head = PlainConvBlock("head", inChannels: 3, outChannels: width, slope: slope, random: &random)
        body = (0..<layers).map {
            PlainConvBlock("body.block\($0)", inChannels: width, outChannels: width, slope: slope, random: &random)
        }
        tail = Conv2d("tail", inChannels: width, outChannels: 1, random: &random)
    }

    public var parameters: [Parameter] { head.parameters + body.flatMap(\.parameters) + tail.parameters }
    public var buffers: [String: Tensor] { get { [:] } set {} }

    /// The score map of `x`, differentiable in `x` and in the weights.
    public func callAsFunction(_ x: Variable) -> Variable {
        let leaf: (Parameter) -> Variable = { $0.variable }
        let features = body.reduce(head(x, leaf: leaf)) { $1($0, leaf: leaf) }
        return conv2d(features, tail.weight.variable, bias: tail.bias.variable)
    }
}
