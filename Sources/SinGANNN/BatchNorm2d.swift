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

    /// Normalises `x` [N, C, H, W].
    public func callAsFunction(_ x: Variable) -> Variable {
        let channels = x.shape[1]
        let statShape = [1, channels, 1, 1]
        let normalized: Variable
        if isTraining {
            let mean = x.mean(axes: [0, 2, 3])
            let centered = x - mean
            let variance = centered.squared().mean(axes: [0, 2, 3])
            normalized = centered / (variance + epsilon).sqrt()
            let n = Float(x.value.count / channels)
            let unbiased = variance.value.reshaped([channels]) * (n / max(n - 1, 1))
            runningMean = runningMean * (1 - momentum) + mean.value.reshaped([channels]) * momentum
            runningVariance = runningVariance * (1 - momentum) + unbiased * momentum
        } else {
            let mean = Variable(runningMean.reshaped(statShape))
            let scale = Variable((runningVariance + epsilon).sqrt().reshaped(statShape))
            normalized = (x - mean) / scale
        }
        return normalized * weight.variable.reshaped(statShape) + bias.variable.reshaped(statShape)
    }
}
