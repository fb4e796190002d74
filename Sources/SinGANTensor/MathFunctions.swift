/// Transcendental and activation functions, element-wise, on all cores for large tensors.
extension Tensor {
    /// e^x.
    public func exp() -> Tensor { apply(Exponential()) }
    /// Natural logarithm.
    public func log() -> Tensor { apply(Logarithm()) }
    /// Square root.
    public func sqrt() -> Tensor { apply(SquareRoot()) }
    /// Hyperbolic tangent.
    public func tanh() -> Tensor { apply(HyperbolicTangent()) }
    /// x raised to a constant power.
    public func pow(_ exponent: Float) -> Tensor { exponent == 2 ? apply(Square()) : apply(Power(exponent)) }
    /// max(x, 0) + slope·min(x, 0).
    public func leakyReLU(slope: Float) -> Tensor { apply(LeakyReLU(slope: slope)) }
    /// The derivative of leaky ReLU at each element: 1 where x > 0, else `slope`.
    public func leakyReLUSlope(slope: Float) -> Tensor { apply(LeakyReLUSlope(slope: slope)) }
}
