import SinGANAutodiff
import SinGANNN
import SinGANTensor

/// ConSinGAN's building block (`ConvBlock`, tohinz/ConSinGAN `models.py`): 3×3 valid convolution →
/// LeakyReLU, with BatchNorm between them in generator blocks when the model is trained with
/// `--batch_norm` (the critic's blocks never have it). The BatchNorm always normalises with the
/// statistics of the map it is given: ConSinGAN never switches its networks to evaluation mode, so
/// its running averages are never read and are not kept here.
public final class PlainConvBlock: Layer {
    public let conv: Conv2d
    /// The BatchNorm's affine parameters, when the block has one.
    public let norm: BatchNorm2d?
    /// The leaky ReLU's negative slope (ConSinGAN: 0.05).
    public let slope: Float
    /// PyTorch's BatchNorm2d default.
    static let epsilon: Float = 1e-5

    /// A block from `inChannels` to `outChannels`, its parameters named "`name`.conv.weight/bias"
    /// (and "`name`.norm.weight/bias" with `batchNorm`).
    public init(_ name: String, inChannels: Int, outChannels: Int, slope: Float, batchNorm: Bool = false,
                random: inout RandomSource) {
        conv = Conv2d(name + ".conv", inChannels: inChannels, outChannels: outChannels, random: &random)
        norm = batchNorm ? BatchNorm2d(name + ".norm", channels: outChannels, random: &random) : nil
        self.slope = slope
    }

    /// A block with `other`'s values under a new `name` (ConSinGAN's `deepcopy` of a stage body).
    init(copying other: PlainConvBlock, as name: String) {
        var unused = RandomSource(seed: 0)
        conv = Conv2d(name + ".conv", inChannels: other.conv.weight.value.shape[1],
                      outChannels: other.conv.weight.value.shape[0], random: &unused)
        norm = other.norm.map { BatchNorm2d(name + ".norm", channels: $0.weight.value.count, random: &unused) }
        slope = other.slope
        copyWeights(from: other)
    }

    public var parameters: [Parameter] { conv.parameters + (norm?.parameters ?? []) }
    public var buffers: [String: Tensor] { get { [:] } set {} }

    /// leakyReLU(BN(conv(x) + b)) (leakyReLU(conv(x) + b) without BatchNorm), with the parameters'
    /// graph leaves chosen by `leaf`.
    func callAsFunction(_ x: Variable, leaf: (Parameter) -> Variable) -> Variable {
        let convolved = conv2d(x, leaf(conv.weight), bias: leaf(conv.bias))
        guard let norm else { return convolved.leakyReLU(slope: slope) }
        return convolved.batchNormLeakyReLU(weight: leaf(norm.weight), bias: leaf(norm.bias), epsilon: Self.epsilon,
                                            slope: slope).output
    }

    /// The block for repeated inference.
    func prepared() -> PreparedBlock {
        guard let norm else {
            return PreparedBlock(convolution: PreparedConvolution(weight: conv.weight.value, bias: conv.bias.value, leakySlope: slope),
                                 normalization: nil)
        }
        return PreparedBlock(convolution: PreparedConvolution(weight: conv.weight.value, bias: conv.bias.value),
                             normalization: .init(weight: norm.weight.value, bias: norm.bias.value, slope: slope))
    }

    /// A block's values prepared for repeated inference: the convolution (with the leaky ReLU fused
    /// when there is no BatchNorm), then the BatchNorm and leaky ReLU in one pass.
    struct PreparedBlock: Sendable {
        struct Normalization: Sendable {
            let weight: Tensor
            let bias: Tensor
            let slope: Float
        }
        let convolution: PreparedConvolution
        let normalization: Normalization?

        func callAsFunction(_ x: Tensor) -> Tensor {
            let convolved = convolution(x)
            guard let n = normalization else { return convolved }
            return Tensor.batchNormTraining(convolved, weight: n.weight, bias: n.bias, epsilon: PlainConvBlock.epsilon, slope: n.slope).output
        }
    }
}
