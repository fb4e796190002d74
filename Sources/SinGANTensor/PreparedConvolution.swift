/// A 3×3 (or any k×k) convolution with fixed weights, bias and optional leaky ReLU, prepared once
/// for repeated inference: on the Winograd path the kernel transform G w Gᵀ is done here instead of
/// at every call (a frozen generator runs the same weights for every sample).
public struct PreparedConvolution: Sendable {
    /// [Co, Ci, k, k].
    public let weight: Tensor
    /// [Co].
    public let bias: Tensor
    /// Leaky ReLU slope applied to the output; 1 keeps it linear.
    public let leakySlope: Float
    private let winogradKernel: [Float]?

    public init(weight: Tensor, bias: Tensor, leakySlope: Float = 1) {
        precondition(weight.shape.count == 4 && bias.count == weight.shape[0], "conv bias \(bias.shape) for \(weight.shape)")
        self.weight = weight
        self.bias = bias
        self.leakySlope = leakySlope
        winogradKernel = WinogradConvolution.handles(kernel: weight.shape[2], inChannels: weight.shape[1],
                                                     outChannels: weight.shape[0])
            ? KernelTransforms.transform(weight) : nil
    }

    /// leakyReLU(conv2d(input, weight) + bias) (the activation fused into the convolution's last pass).
    public func callAsFunction(_ input: Tensor) -> Tensor {
        if let winogradKernel {
            return WinogradConvolution.convolve(WinogradF4.self, input, transformedKernel: winogradKernel,
                                                weightShape: weight.shape, bias: bias.scalars, slope: leakySlope)
        }
        return Tensor.directConv2d(input, weight, bias: bias, slope: leakySlope)
    }
}
