import SinGANAutodiff
import SinGANTensor

/// Batch normalisation over N, H, W with PyTorch's train/eval semantics.
///
/// Training mode normalises with the batch mean and biased variance and updates the running
/// mean and the running *unbiased* variance with momentum 0.1; evaluation mode uses the running
/// statistics. Affine weight starts ~ N(1, 0.02) and bias at 0 (SinGAN's `weights_init`).
public final class BatchNorm2d: Layer {
    public let weight: Parameter
    public let bias: Parameter
    /// Running mean, shape [C].
    public private(set) var runningMean: Tensor
    /// Running unbiased variance, shape [C].
    public private(set) var runningVariance: Tensor
    /// Whether forward passes use batch statistics (and update the running ones).
    public var isTraining = true
    public let momentum: Float = 0.1
    public let epsilon: Float = 1e-5
    private let name: String

    public init(_ name: String, channels: Int, random: inout RandomSource) {
        self.name = name
        weight = Parameter(name + ".weight", random.normal([channels]) * 0.02 + 1)
        bias = Parameter(name + ".bias", Tensor.zeros([channels]))
        runningMean = Tensor.zeros([channels])
        runningVariance = Tensor(repeating: 1, shape: [channels])
    }

    public var parameters: [Parameter] { [weight, bias] }

    public var buffers: [String: Tensor] {
        get { [name + ".running_mean": runningMean, name + ".running_var": runningVariance] }
        set {
            if let mean = newValue[name + ".running_mean"] { runningMean = mean }
            if let variance = newValue[name + ".running_var"] { runningVariance = variance }
        }
    }

    /// Evaluation mode folded into the convolution `conv` that feeds this layer:
    /// BN(conv(x)) = conv'(x) with w'[c] = w[c]·s[c] and b'[c] = b[c]·s[c] + (β[c] − μ[c]·s[c]),
    /// s = γ/√(σ² + ε), using the running statistics.
    public func folded(into conv: Conv2d) -> (weight: Tensor, bias: Tensor) {
        let scale = weight.value * (runningVariance + epsilon).sqrt().map { 1 / $0 }
        let shift = bias.value - runningMean * scale
        let w = conv.weight.value, perChannel = w.count / scale.count
        let scaled = Tensor(shape: w.shape, scalars: w.scalars.enumerated().map { $0.element * scale.scalars[$0.offset / perChannel] })
        return (scaled, conv.bias.value * scale + shift)
    }

    /// Normalises `x` [N, C, H, W].
    public func callAsFunction(_ x: Variable) -> Variable { callAsFunction(x, leakySlope: nil) }

    /// Normalises `x` [N, C, H, W], then applies leaky ReLU with `leakySlope` if given (fused into
    /// the normalisation in training mode).
    public func callAsFunction(_ x: Variable, leakySlope: Float?) -> Variable {
        let channels = x.shape[1]
        if isTraining {
            let result = leakySlope.map {
                x.batchNormLeakyReLU(weight: weight.variable, bias: bias.variable, epsilon: epsilon, slope: $0)
            } ?? x.batchNormTraining(weight: weight.variable, bias: bias.variable, epsilon: epsilon)
            let n = Float(x.value.count / channels)
            let unbiased = result.variance * (n / max(n - 1, 1))
            runningMean = runningMean * (1 - momentum) + result.mean * momentum
            runningVariance = runningVariance * (1 - momentum) + unbiased * momentum
            return result.output
        }
        // Running statistics: y = x·(w/√(v+ε)) + (b − m·w/√(v+ε)), one fused pass.
        let inverseDeviation = Variable((runningVariance + epsilon).sqrt().map { 1 / $0 })
        let scale = weight.variable * inverseDeviation
        let normalized = x.channelAffine(scale: scale, shift: bias.variable - Variable(runningMean) * scale)
        return leakySlope.map { normalized.leakyReLU(slope: $0) } ?? normalized
    }
}
