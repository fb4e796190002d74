import SinGANAutodiff
import SinGANNN
import SinGANTensor

/// SinGAN's building block: 3×3 valid convolution → BatchNorm → LeakyReLU(0.2).
public final class ConvBlock: Layer {
    public let conv: Conv2d
    public let norm: BatchNorm2d

    public init(_ name: String, inChannels: Int, outChannels: Int, random: inout RandomSource) {
        conv = Conv2d(name + ".conv", inChannels: inChannels, outChannels: outChannels, random: &random)
        norm = BatchNorm2d(name + ".norm", channels: outChannels, random: &random)
    }

    public var parameters: [Parameter] { conv.parameters + norm.parameters }
    public var buffers: [String: Tensor] {
        get { norm.buffers }
        set { norm.buffers = newValue }
    }

    /// Whether BatchNorm uses batch statistics.
    public var isTraining: Bool {
        get { norm.isTraining }
        set { norm.isTraining = newValue }
    }

    public func callAsFunction(_ x: Variable) -> Variable { norm(conv(x), leakySlope: 0.2) }

    /// The evaluation-mode block as one convolution: BatchNorm's running statistics folded into
    /// the weights, leaky ReLU fused.
    public func prepared() -> PreparedConvolution {
        precondition(!isTraining, "evaluation needs evaluation mode")
        let (weight, bias) = norm.folded(into: conv)
        return PreparedConvolution(weight: weight, bias: bias, leakySlope: 0.2)
    }
}

/// Head and body shared by the generator and the discriminator: five 3×3 layers in all, so each
/// network sees an 11-pixel receptive field and shrinks its input by 10 pixels.
public final class ConvTrunk: Layer {
    public let blocks: [ConvBlock]

    /// `ConvBlock(3→width)` followed by three `ConvBlock(width→width)`.
    public init(width: Int, random: inout RandomSource) {
        var blocks = [ConvBlock("head", inChannels: 3, outChannels: width, random: &random)]
        for i in 1...3 { blocks.append(ConvBlock("body.\(i)", inChannels: width, outChannels: width, random: &random)) }
        self.blocks = blocks
    }

    public var parameters: [Parameter] { blocks.flatMap(\.parameters) }
    public var buffers: [String: Tensor] {
        get { blocks.reduce(into: [:]) { all, block in all.merge(block.buffers) { a, _ in a } } }
        set { for block in blocks { block.buffers = newValue } }
    }
    public var isTraining: Bool {
        get { blocks[0].isTraining }
        set { for block in blocks { block.isTraining = newValue } }
    }

    public func callAsFunction(_ x: Variable) -> Variable { blocks.reduce(x) { $1($0) } }
}
